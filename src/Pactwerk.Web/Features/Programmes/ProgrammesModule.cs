namespace Pactwerk.Web.Features.Programmes;

/// <summary>Retraining programmes (omscholingsprogramma's) such as Make IT Work: cohorts, their intake, and their outcomes.</summary>
public static class ProgrammesModule
{
    /// <summary>The applicant's own page, <c>/programmas/mijn</c>.</summary>
    public const string OwnSegment = "mijn";
    /// <summary>The page that sets up a new programme, <c>/programmas/nieuw</c>.</summary>
    public const string NewSegment = "nieuw";

    public static IHostApplicationBuilder AddProgrammes(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Pactwerk.Web.Shared.SqliteWriteGate<IntakeDecisions>>();
        services.AddScoped<Applications>();
        services.AddScoped<ProgrammeEditor>();
        services.AddScoped<ProgrammeParts>();
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddPageRoute("/Programmes/Pages/EditProgramme", "programmas/" + NewSegment));
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
