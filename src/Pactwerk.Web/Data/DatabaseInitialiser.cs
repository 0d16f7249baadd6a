using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Data;

/// <summary>
/// Runs before the server accepts requests: applies migrations, loads reference data when the
/// database has none, loads the monitor's engine, and in demo mode seeds the publication's content into an empty database.
/// </summary>
public sealed class DatabaseInitialiser(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseInitialiser> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        await PrepareAsync(scope.ServiceProvider, configuration, logger, ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    public static async Task PrepareAsync(IServiceProvider scoped, IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<PactwerkDb>();
        await DatabaseSetup.MigrateAsync(scoped, ct);
        await DatabaseSetup.UseWriteAheadLogAsync(db, ct);
        await ReferenceDataModule.EnsureReferenceDataAsync(scoped, ct);
        await SeedDemoAsync(scoped, configuration, logger, ct);
        await MonitorModule.LoadAsync(scoped, ct);
        await DemoModule.SeedMonitorAndAgendaAsync(scoped, configuration, logger, ct);
    }

    /// <summary>Demo content needs the regions, so it waits until reference data is in (also after the reference-data command).</summary>
    public static Task SeedDemoAsync(IServiceProvider scoped, IConfiguration configuration, ILogger logger, CancellationToken ct) =>
        DemoModule.SeedContentAsync(scoped, configuration, logger, ct);
}
