namespace Pactwerk.Web.Features.Competences;

/// <summary>
/// The pacts' competence frameworks: competences and occupations with ESCO's relations between them, imported from an
/// ESCO download or kept by hand by the pact's coordinators; what matching and learning places name as required.
/// </summary>
public static class CompetencesModule
{
    public static IHostApplicationBuilder AddCompetences(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<CompetenceImport>();
        services.AddScoped<CompetenceQueries>();
        services.AddScoped<CompetenceEditor>();
        return builder;
    }

    public static WebApplication MapCompetences(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapCompetencesApi();
        return app;
    }
}
