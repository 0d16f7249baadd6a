using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor.Catalog;
using Pactwerk.Web.Features.Monitor.Editions;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.Monitor.Pages;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>The monitor: indicators, imports of releases, the figures and their pages, editions.</summary>
public static class MonitorModule
{
    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MonitorOptions>(builder.Configuration.GetSection(MonitorOptions.Section));
        builder.Services.AddSingleton<MonitorEngine>();
        builder.Services.AddSingleton<MonitorEngineHost>();
        builder.Services.AddHealthChecks().AddCheck<MonitorEngineHealthCheck>("monitor", tags: [Web.Shared.HealthTags.Ready]);
        builder.Services.AddScoped<MonitorImportService>();
        builder.Services.AddScoped<MonitorQueries>();
        // Built by hand: its constructor takes the monitor's internals, which no other feature may reach.
        builder.Services.AddScoped(sp => new MonitorFigures(sp.GetRequiredService<PactwerkDb>(), sp.GetRequiredService<MonitorQueries>(),
            sp.GetRequiredService<MonitorEngineHost>(), sp.GetRequiredService<Pages.SmallCellMap>(), sp.GetRequiredService<Accounts.AccessScopeProvider>(), sp.GetRequiredService<IPlanGoals>(),
            sp.GetRequiredService<MonitorCatalogue>()));
        builder.Services.AddScoped<IndicatorEditor>();
        builder.Services.AddScoped<MonitorFeeds>();
        // A period travels as the text that says its kind (PeriodJsonConverter); the API document says so too.
        builder.Services.ConfigureAll<Microsoft.AspNetCore.OpenApi.OpenApiOptions>(o => o.AddSchemaTransformer((schema, context, _) =>
        {
            if (context.JsonTypeInfo.Type == typeof(Period))
            {
                schema.Type = Microsoft.OpenApi.JsonSchemaType.String;
                schema.Description = "2023/2024 (a school year) or 2023 (a calendar year)";
            }
            return Task.CompletedTask;
        }));
        builder.Services.Configure<GeoOptions>(builder.Configuration.GetSection(GeoOptions.Section));
        builder.Services.AddSingleton<GeoShapes>();
        builder.Services.AddSingleton<Pages.SmallCellMap>();
        builder.Services.AddScoped<Pages.MonitorViews>();
        builder.Services.AddMonitorCache();
        builder.Services.AddScoped<ImportProfileStore>();
        builder.Services.AddScoped<ReleaseWithdrawal>();
        builder.Services.AddScoped<ObservationCompaction>();
        builder.Services.AddScoped<Wizard.HeldUploads>();
        builder.Services.AddScoped<Wizard.MappingBuilder>();
        builder.Services.AddScoped<Editions.EditionService>();
        builder.Services.AddScoped<Catalog.OpenDataCatalog>();
        builder.Services.Configure<Editions.ChromiumOptions>(builder.Configuration.GetSection(Editions.ChromiumOptions.Section));
        builder.Services.AddSingleton<Editions.ChromiumPdf>();
        builder.Services.AddSingleton<Editions.DocumentLocks>();
        builder.Services.AddScoped<Pactwerk.Web.Shared.RazorDocument>();
        builder.Services.AddScoped<Editions.EditionDocuments>();
        return builder;
    }

    public static WebApplication MapMonitor(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapMonitorApi();
        app.MapMonitorPages();
        app.MapCatalog(api);
        app.MapEditionPdf();
        return app;
    }

    /// <summary>The engine reads every current observation once, before the first request.</summary>
    public static async Task LoadAsync(IServiceProvider scoped, CancellationToken ct) =>
        await scoped.GetRequiredService<MonitorEngineHost>().LoadAllAsync(scoped.GetRequiredService<PactwerkDb>(), ct);
}
