using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.Monitor.Pages;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Monitor;

public static class MonitorSetup
{
    public const string DuoFile = "duo/ingeschrevenen-hbo-2020-2023.csv";
    public const string PublishedFiguresFile = "techniekpact/published-national-figures.csv";

    public static IHostApplicationBuilder AddMonitor(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MonitorOptions>(builder.Configuration.GetSection(MonitorOptions.Section));
        builder.Services.AddSingleton<MonitorEngine>();
        builder.Services.AddSingleton<MonitorEngineHost>();
        builder.Services.AddScoped<MonitorImportService>();
        builder.Services.AddScoped<MonitorQueries>();
        // Built by hand: its constructor takes the monitor's internals, which no other feature may reach.
        builder.Services.AddScoped(sp => new MonitorFigures(sp.GetRequiredService<PactwerkDb>(), sp.GetRequiredService<MonitorQueries>(),
            sp.GetRequiredService<MonitorEngineHost>(), sp.GetRequiredService<Pages.SmallCellMap>(), sp.GetRequiredService<Accounts.AccessScopeProvider>()));
        builder.Services.AddScoped<IndicatorEditor>();
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
        builder.Services.Configure<Pages.GeoOptions>(builder.Configuration.GetSection(Pages.GeoOptions.Section));
        builder.Services.AddSingleton<Pages.GeoShapes>();
        builder.Services.AddSingleton<Pages.SmallCellMap>();
        builder.Services.AddScoped<Pages.MonitorViews>();
        builder.Services.AddMonitorCache();
        builder.Services.AddScoped<ImportProfileStore>();
        builder.Services.AddScoped<ReleaseWithdrawal>();
        builder.Services.AddScoped<Wizard.HeldUploads>();
        builder.Services.AddScoped<Wizard.MappingBuilder>();
        builder.Services.AddScoped<Editions.EditionService>();
        return builder;
    }

    /// <summary>
    /// The engine reads every current observation once; in demo mode an empty monitor then gets the
    /// DUO file from the reference-data location, which the import applies to the engine itself.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider scoped, bool demo, ILogger logger, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<PactwerkDb>();
        var host = scoped.GetRequiredService<MonitorEngineHost>();
        await host.LoadAllAsync(db, ct);
        if (demo && !await db.DataReleases.AnyAsync(ct) && await db.ReferenceDataLoads.AnyAsync(ct))
        {
            var options = scoped.GetRequiredService<Microsoft.Extensions.Options.IOptions<ReferenceDataOptions>>().Value;
            var source = ReferenceDataSetup.Resolve(scoped, options);
            // DUO's enrolments per municipality, and the Techniekpact's published national figures as a second source.
            foreach (var (file, profile) in new[] { (DuoFile, ImportProfiles.DuoHboIngeschrevenen), (PublishedFiguresFile, ImportProfiles.TechniekpactPublishedFigures) })
            {
                var bytes = source is null ? null : await source.ReadBytesAsync(file, ct);
                if (bytes is null)
                {
                    logger.LogWarning("Demo mode: {File} was not found in the reference data, so the monitor goes without it.", file);
                    continue;
                }
                var report = await scoped.GetRequiredService<MonitorImportService>().ImportAsync(profile.Code, file, bytes, ct);
                logger.LogInformation("Demo mode: {File} imported with profile {Profile}: {Message}", file, profile.Code, report.Message);
            }
        }
        if (demo)
        {
            await Demo.DemoMonitor.SeedAsync(db, host, ct);
            // The agenda's plans set goals on the monitor's indicators, measured from its data.
            if (await Demo.DemoAgenda.SeedAsync(db, host, ct))
                logger.LogInformation("Demo agenda loaded: objectives, plans with their revisions, and the initiatives' funding and outputs.");
            if (await Demo.DemoEventsAndLearningNetworks.SeedAsync(db, ct))
                logger.LogInformation("Demo events, meetings and the Zorgpact's learning network loaded.");
            if (await Knowledge.PracticeDemo.SeedAsync(db, ct))
                logger.LogInformation("Demo practices loaded: the publication's examples, published.");
        }
    }
}
