using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor.Import;

public sealed record CompactionReport(IReadOnlyList<int> Releases, int ObservationsRemoved, DateTime WithdrawnBefore);

/// <summary>
/// Removes the observations of releases withdrawn longer ago than the retention period. A withdrawn
/// release never comes back (importing its file again is refused by its checksum), so its values
/// are dead weight; the release's own record — file name, checksum, who withdrew it and why — stays,
/// and so does every value of releases that were only superseded, which a withdrawal may make current again.
/// </summary>
public sealed class ObservationCompaction(PactwerkDb db, TimeProvider clock, IOptions<MonitorOptions> options)
{
    [Audit.AuditAction] public const string AuditAction = "WithdrawnObservationsRemoved";

    public TimeSpan DefaultRetention => TimeSpan.FromDays(options.Value.CompactWithdrawnAfterDays);

    public async Task<CompactionReport> CompactAsync(TimeSpan retention, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var before = now - retention;
        var releases = await db.DataReleases.Where(r => r.WithdrawnAt != null && r.WithdrawnAt <= before)
            .Where(r => db.Observations.Any(o => o.ReleaseId == r.Id)).Select(r => r.Id).OrderBy(id => id).ToListAsync(ct);
        var removed = 0;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // One release at a time: an equality on the indexed release id, and a bounded statement each.
            foreach (var id in releases)
                removed += await db.Observations.Where(o => o.ReleaseId == id && !o.IsCurrent).ExecuteDeleteAsync(ct);
            if (releases.Count > 0)
            {
                db.RecordEvent(now, AuditAction, nameof(DataRelease), null, new { releases, removed, withdrawnBefore = before });
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        // SQLite keeps the freed pages in its file until it is rewritten; PostgreSQL's autovacuum reuses them by itself.
        if (removed > 0 && db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("VACUUM", ct);
        return new CompactionReport(releases, removed, before);
    }
}

/// <summary>
/// `dotnet run --project src/Pactwerk.Web -- monitor compact [--older-than 30d]`: removes the observations of
/// releases withdrawn longer ago than the given age (default Monitor:CompactWithdrawnAfterDays), and prints the
/// process's memory with the monitor loaded before and after.
/// </summary>
public static class CompactCommand
{
    public static bool Handles(string[] args) => args is ["monitor", "compact", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        TimeSpan? olderThan = null;
        if (args is ["monitor", "compact", "--older-than", var age])
        {
            olderThan = ParseAge(age);
            if (olderThan is null)
            {
                await Console.Error.WriteLineAsync($"De leeftijd '{age}' is niet te lezen; gebruik bijvoorbeeld 30d (dagen) of 12h (uren).");
                return 2;
            }
        }
        else if (args is not ["monitor", "compact"])
        {
            await Console.Error.WriteLineAsync("Gebruik: monitor compact [--older-than 30d]");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider, default);
        var engine = scope.ServiceProvider.GetRequiredService<MonitorEngineHost>();
        await engine.LoadAllAsync(db, default);
        var (heapBefore, setBefore) = Memory();
        var compaction = scope.ServiceProvider.GetRequiredService<ObservationCompaction>();
        var report = await compaction.CompactAsync(olderThan ?? compaction.DefaultRetention, default);
        await engine.LoadAllAsync(db, default);
        var (heapAfter, setAfter) = Memory();
        Console.WriteLine(report.Releases.Count == 0
            ? $"Geen ingetrokken releases van vóór {report.WithdrawnBefore:yyyy-MM-dd HH:mm} UTC met waarnemingen; er is niets verwijderd."
            : $"{report.ObservationsRemoved} waarnemingen verwijderd van {report.Releases.Count} ingetrokken release(s) ({string.Join(", ", report.Releases)}), ingetrokken vóór {report.WithdrawnBefore:yyyy-MM-dd HH:mm} UTC. De releases zelf (bestand, checksum, reden) blijven bewaard.");
        Console.WriteLine($"Geheugen met de monitor geladen: beheerd {heapBefore} MB → {heapAfter} MB; werkset {setBefore} MB → {setAfter} MB; waarnemingen in het geheugen: {engine.Engine.Elements.Sum(e => e.Count)}.");
        return 0;
    }

    private static (long Heap, long WorkingSet) Memory()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true) / (1024 * 1024), process.WorkingSet64 / (1024 * 1024));
    }

    public static TimeSpan? ParseAge(string text) =>
        text.Length >= 2 && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? text[^1] switch { 'd' => TimeSpan.FromDays(n), 'h' => TimeSpan.FromHours(n), _ => null }
            : null;
}
