using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Data;

/// <summary>
/// Runs before the server accepts requests: applies migrations, loads reference data when the
/// database has none, and in demo mode seeds the publication's content into an empty database.
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
        await db.Database.MigrateAsync(ct);
        await DatabaseSetup.UseWriteAheadLogAsync(db, ct);
        await ReferenceDataSetup.EnsureReferenceDataAsync(scoped, ct);
        await SeedDemoAsync(scoped, configuration, logger, ct);
        await Features.Monitor.MonitorSetup.PrepareAsync(scoped, configuration.GetValue("Demo:Enabled", false), logger, ct);
    }

    /// <summary>Demo content needs the regions, so it waits until reference data is in.</summary>
    public static async Task SeedDemoAsync(IServiceProvider scoped, IConfiguration configuration, ILogger logger, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<PactwerkDb>();
        if (!configuration.GetValue("Demo:Enabled", false))
            return;
        if (!await db.ReferenceDataLoads.AnyAsync(ct))
        {
            logger.LogWarning("Demo mode is on, but demo content waits for the reference data.");
            return;
        }
        if (await DemoSeeder.SeedAsync(db, ct))
            logger.LogInformation("Demo content from 'Sterk in keten en samenhang' loaded.");
        if (await DemoAccounts.SeedAsync(db, scoped.GetRequiredService<UserManager<PactwerkUser>>(), ct))
            logger.LogInformation("Demo accounts created (password {Password}); see the README.", DemoAccounts.Password);
    }
}
