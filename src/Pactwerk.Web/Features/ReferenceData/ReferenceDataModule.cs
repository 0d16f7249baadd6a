using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.ReferenceData;

public static class ReferenceDataModule
{
    public static IHostApplicationBuilder AddReferenceData(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<ReferenceDataOptions>(builder.Configuration.GetSection(ReferenceDataOptions.Section));
        builder.Services.AddHttpClient(nameof(HttpReferenceDataSource), c => c.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton<ReferenceDataStatus>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddScoped<ReferenceDataImporter>();
        builder.Services.Configure<ReferenceDataUpdateOptions>(builder.Configuration.GetSection(ReferenceDataUpdateOptions.Section));
        builder.Services.AddScoped<ReferenceDataUpdater>();
        return builder;
    }

    public static WebApplication MapReferenceData(this WebApplication app, RouteGroupBuilder api) => app;

    /// <summary>
    /// At start: load the reference data when the database has none. A missing or rejected source
    /// never stops the app; the home page and the log say what is wrong and how to load it.
    /// </summary>
    public static async Task EnsureReferenceDataAsync(IServiceProvider services, CancellationToken ct)
    {
        var status = services.GetRequiredService<ReferenceDataStatus>();
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ReferenceDataModule));
        var db = services.GetRequiredService<PactwerkDb>();
        var options = services.GetRequiredService<IOptions<ReferenceDataOptions>>().Value;

        if (await db.ReferenceDataLoads.AnyAsync(ct))
        {
            status.Set(ReferenceDataState.Loaded);
            return;
        }
        var source = options.LoadOnStart ? Resolve(services, options) : null;
        if (source is null)
        {
            status.Set(ReferenceDataState.Missing);
            logger.LogWarning("Reference data is missing: no regions are loaded and no source was found. Load them with: {Command}", ReferenceDataStatus.LoadCommand);
            return;
        }
        try
        {
            var result = await services.GetRequiredService<ReferenceDataImporter>().LoadAsync(source, options.ValidFrom, ct);
            status.Set(ReferenceDataState.Loaded);
            logger.LogInformation("Reference data loaded from {Source}: {Added} regions, {Opened} memberships", result.Source, result.RegionsAdded, result.MembershipsOpened);
        }
        catch (Exception e) when (e is ReferenceDataException or HttpRequestException or IOException)
        {
            db.ChangeTracker.Clear();
            status.Set(ReferenceDataState.Rejected, e.Message);
            logger.LogError("Reference data from {Source} was not loaded: {Problem}", source.Location, e.Message);
        }
    }

    public static IReferenceDataSource? Resolve(IServiceProvider services, ReferenceDataOptions options) =>
        options.Resolve(services.GetRequiredService<IHostEnvironment>().ContentRootPath, services.GetRequiredService<IHttpClientFactory>());
}
