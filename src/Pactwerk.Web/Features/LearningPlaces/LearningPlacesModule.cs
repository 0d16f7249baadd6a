namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>Learning places (leerplekken): places organisations offer, their supervisors' capacity, and the placements of learners within it.</summary>
public static class LearningPlacesModule
{
    public static IHostApplicationBuilder AddLearningPlaces(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<Pactwerk.Web.Shared.SqliteWriteGate<Placements>>();
        services.AddScoped<LearningPlaceEditor>();
        services.AddScoped<SupervisorEditor>();
        services.AddScoped<Placements>();
        services.AddScoped<LearningPlaceMonitorFeed>();
        services.Configure<LearningPlaceMonitorFeedOptions>(builder.Configuration.GetSection("LearningPlaces:MonitorFeed"));
        services.AddHostedService<LearningPlaceMonitorFeedWorker>();
        return builder;
    }

    public static WebApplication MapLearningPlaces(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapLearningPlacesApi();
        api.MapSupervisionApi();
        api.MapLearningPlaceYearApi();
        return app;
    }
}
