namespace Pactwerk.Web.Features.Knowledge;

/// <summary>The services of events, meetings and learning networks.</summary>
public static class EventsSetup
{
    public static IServiceCollection AddEventsAndLearningNetworks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<EventRegistrationOptions>(configuration.GetSection("RateLimits:EventRegistrations"));
        services.AddSingleton<EventRegistrationLimiter>();
        services.AddScoped<EventEditor>();
        services.AddScoped<EventRegistrar>();
        services.AddScoped<LearningNetworkAccess>();
        services.AddScoped<LearningNetworkCaseEditor>();
        services.AddScoped<LearningNetworkManager>();
        services.Configure<CaseRefusalLogOptions>(configuration.GetSection("LearningNetworks:RefusalLog"));
        services.AddSingleton<CaseRefusalThrottle>();
        services.AddHostedService<CaseRefusalSummaryWriter>();
        return services;
    }
}
