using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>Knowledge: practices, events and meetings, and learning networks.</summary>
public static class KnowledgeModule
{
    public static IHostApplicationBuilder AddKnowledge(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.Configure<EventRegistrationOptions>(configuration.GetSection("RateLimits:EventRegistrations"));
        services.AddSingleton<EventRegistrationLimiter>();
        services.AddScoped<EventEditor>();
        services.AddScoped<EventRegistrar>();
        services.AddScoped<EventMail>();
        services.AddScoped<LearningNetworkAccess>();
        services.AddScoped<LearningNetworkCaseEditor>();
        services.AddScoped<LearningNetworkManager>();
        services.Configure<CaseRefusalLogOptions>(configuration.GetSection("LearningNetworks:RefusalLog"));
        services.AddSingleton<CaseRefusalThrottle>();
        services.AddHostedService<CaseRefusalSummaryWriter>();
        services.AddScoped<PracticeEditor>();
        services.AddScoped<PracticeIndex>();
        services.AddScoped<PracticeSearch>();
        services.AddScoped<PracticeDetails>();
        services.AddScoped<PracticeRelated>();
        services.AddSingleton<PracticeAreaCache>();
        services.AddSingleton<PracticeVectorCache>();
        services.AddSingleton<PracticePlainTextCache>();
        services.AddSingleton<PracticeTraitsCache>();
        services.AddSingleton<PracticeRelatedCache>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Knowledge/Events/EditEvent", "evenementen/nieuw");
            o.Conventions.AddPageRoute("/Knowledge/Events/Events", "evenementen/{archive:regex(^archief$)}");
            o.Conventions.AddPageRoute("/Knowledge/LearningNetworks/EditLearningNetworkCase", "lerende-netwerken/{network:int}/casussen/nieuw");
            o.Conventions.AddPageRoute("/Knowledge/LearningNetworks/EditLearningNetworkSession", "lerende-netwerken/{network:int}/bijeenkomsten/nieuw");
            o.Conventions.AddPageRoute("/Knowledge/Practices/EditPractice", "praktijken/nieuw");
        });
        return builder;
    }

    public static WebApplication MapKnowledge(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapPracticesApi();
        api.MapEventsApi();
        api.MapLearningNetworkApi();
        return app;
    }
}
