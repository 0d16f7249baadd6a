using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>Matching on competences: candidates and their competences, what places ask, the ranking with its explanation, and proposals that people decide.</summary>
public static class MatchingModule
{
    public static IHostApplicationBuilder AddMatching(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CandidateIndex>();
        services.AddScoped<Rankings>();
        services.AddScoped<CandidateProfiles>();
        services.AddScoped<PlaceRequirements>();
        services.AddScoped<Proposals>();
        services.AddScoped<CourseCompetences>();
        services.AddScoped<VacancyEditor>();
        services.AddScoped<MatchingRetention>();
        services.Configure<MatchingOptions>(builder.Configuration.GetSection("Matching"));
        services.AddHostedService<MatchingRetentionWorker>();
        return builder;
    }

    public static WebApplication MapMatching(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapMatchingApi();
        api.MapVacanciesApi();
        return app;
    }
}
