namespace Pactwerk.Web.Features.Programmes;

/// <summary>Retraining programmes (omscholingsprogramma's) such as Make IT Work: cohorts, their intake, and their outcomes.</summary>
public static class ProgrammesModule
{
    public static IHostApplicationBuilder AddProgrammes(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Pactwerk.Web.Shared.SqliteWriteGate<IntakeDecisions>>();
        services.AddScoped<Applications>();
        services.AddScoped<IntakeDecisions>();
        services.AddScoped<Outcomes>();
        services.AddScoped<ProgrammeMonitorFeed>();
        services.Configure<ProgrammeMonitorFeedOptions>(builder.Configuration.GetSection("Programmes:MonitorFeed"));
        services.AddHostedService<ProgrammeMonitorFeedWorker>();
        services.AddScoped<ProgrammePrivacy>();
        services.Configure<ProgrammePrivacyOptions>(builder.Configuration.GetSection("Programmes"));
        services.AddHostedService<ProgrammeRetentionWorker>();
        return builder;
    }

    public static WebApplication MapProgrammes(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapProgrammesApi();
        api.MapParticipantsApi();
        return app;
    }
}
