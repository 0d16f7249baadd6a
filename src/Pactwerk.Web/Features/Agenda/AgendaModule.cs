using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The agenda: actions, objectives and plans with their goals.</summary>
public static class AgendaModule
{
    public static IHostApplicationBuilder AddAgenda(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // A wrong horizon stops the app at start-up rather than silently flagging nothing or everything.
        services.AddOptions<AgendaOptions>().Bind(builder.Configuration.GetSection(AgendaOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ContinuityCheck>();
        services.AddScoped<PactActionEditor>();
        services.AddScoped<ActionSearch>();
        services.AddScoped<ActionRecordsEditor>();
        services.AddScoped<CountedOutputs>();
        services.AddScoped<ActionDetails>();
        services.AddScoped<ObjectiveEffect>();
        services.AddScoped<ObjectiveEditor>();
        services.AddScoped<PlanEditor>();
        services.AddScoped<AnnualReview>();
        services.AddScoped<IPlanGoals, AgendaGoals>();
        services.Configure<RazorPagesOptions>(o =>
        {
            o.Conventions.AddPageRoute("/Agenda/Actions/EditAction", "initiatieven/nieuw");
            o.Conventions.AddPageRoute("/Agenda/Objectives/EditObjective", "pact/{code}/doelen/nieuw");
        });
        return builder;
    }

    public static WebApplication MapAgenda(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapActionsApi();
        api.MapObjectivesApi();
        api.MapPlansApi();
        return app;
    }
}
