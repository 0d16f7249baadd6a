using System.Collections.Concurrent;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>One current region as the monitor names it, with its set.</summary>
public sealed record CatalogueRegion(int Id, string Code, string Name, string SetCode, string SetName, string SetNameEn);

/// <summary>A region set the monitor compares regions in.</summary>
public sealed record CatalogueSet(string Code, string Name, string NameEn);

/// <summary>
/// What every monitor page looks up before it asks the engine: the indicators with their versions, the data elements'
/// period kind and dimensions, the current regions and the region sets. A few hundred rows, read a dozen times per page
/// for a signed-in reader (whose pages are not output-cached); held in memory instead, and dropped together with the
/// cached public monitor, in <see cref="EvictAsync"/>, the one place that evicts it: every committed write to what the
/// monitor shows passes there (<see cref="MonitorCacheEviction"/>, and <see cref="MonitorCluster"/> for another
/// instance's writes), so the catalogue is never older than the output cache.
/// <para>
/// The snapshot is immutable and shared by all requests: its entities are read, never attached or changed. It is read
/// through a scope of its own, never through a request's context, which may hold uncommitted writes in its transaction.
/// A load that overlaps an eviction is kept only for the generation it started in, so the next reader loads again.
/// </para>
/// </summary>
public sealed class MonitorCatalogue(IServiceScopeFactory scopes, IOutputCacheStore store)
{
    public sealed class Snapshot
    {
        internal long Generation { get; init; }
        public required IReadOnlyDictionary<string, Indicator> Indicators { get; init; }
        public required IReadOnlyDictionary<string, (PeriodKind Kind, string Dimensions)> Elements { get; init; }
        /// <summary>Current regions ordered as the database orders them: by their set's sort order, then by name.</summary>
        public required IReadOnlyList<CatalogueRegion> Regions { get; init; }
        public required IReadOnlyDictionary<string, CatalogueRegion> RegionsByCode { get; init; }
        /// <summary>Per set code, its current regions by name (the database's order).</summary>
        public required IReadOnlyDictionary<string, IReadOnlyList<CatalogueRegion>> RegionsBySet { get; init; }
        /// <summary>Every region set by sort order, the country's included.</summary>
        public required IReadOnlyList<CatalogueSet> Sets { get; init; }
        /// <summary>
        /// The goals that hold per indicator and region, filled as pages ask. Goals, plans and their revisions are shown on
        /// the monitor, so every committed change to them evicts (see <see cref="MonitorCacheEviction"/>), and with this
        /// snapshot its goals go: what a reader finds here is what the database held at this generation or later.
        /// </summary>
        internal ConcurrentDictionary<(int Indicator, string Region), TrackGoals> Goals { get; } = new();
        /// <summary>Per pact, the codes of the indicators its objectives are measured by; filled and dropped like <see cref="Goals"/>.</summary>
        internal ConcurrentDictionary<int, IReadOnlyList<string>> KeyIndicators { get; } = new();
        /// <summary>Pacts found by code (pacts are shown on the monitor, so a change drops them); unknown codes are not kept.</summary>
        internal ConcurrentDictionary<string, Pacts.PactRef> Pacts { get; } = new(StringComparer.Ordinal);
    }

    private long _generation;
    private volatile Snapshot? _snapshot;
    private readonly SemaphoreSlim _loading = new(1, 1);

    public async ValueTask<Snapshot> CurrentAsync(CancellationToken ct)
    {
        if (_snapshot is { } current && current.Generation == Interlocked.Read(ref _generation))
            return current;
        await _loading.WaitAsync(ct);
        try
        {
            var generation = Interlocked.Read(ref _generation);
            if (_snapshot is { } loaded && loaded.Generation == generation)
                return loaded;
            var fresh = await LoadAsync(generation, ct);
            _snapshot = fresh;
            return fresh;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// Drops the catalogue and then the cached public monitor (tag <see cref="MonitorCache.Tag"/>): a page made after the
    /// eviction reads a fresh catalogue. Called after a commit, never before (see <see cref="MonitorCacheEviction"/>).
    /// </summary>
    public async ValueTask EvictAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _generation);
        await store.EvictByTagAsync(MonitorCache.Tag, ct);
    }

    private async Task<Snapshot> LoadAsync(long generation, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var indicators = await db.Indicators.AsNoTracking().Include(i => i.Versions).ToListAsync(ct);
        var elements = await db.DataElements.AsNoTracking().Select(e => new { e.Code, e.PeriodKind, e.Dimensions }).ToListAsync(ct);
        // The order is the database's (its collation orders names): the pages show regions in it.
        var regions = (await db.Regions.AsNoTracking().Where(r => r.ValidTo == null)
                .OrderBy(r => r.RegionSet.SortOrder).ThenBy(r => r.Name)
                .Select(r => new { r.Id, r.Code, r.Name, Set = r.RegionSet.Code, SetName = r.RegionSet.Name, SetNameEn = r.RegionSet.NameEn }).ToListAsync(ct))
            .Select(r => new CatalogueRegion(r.Id, r.Code, r.Name, r.Set, r.SetName, r.SetNameEn)).ToList();
        var sets = (await db.RegionSets.AsNoTracking().OrderBy(s => s.SortOrder).Select(s => new { s.Code, s.Name, s.NameEn }).ToListAsync(ct))
            .Select(s => new CatalogueSet(s.Code, s.Name, s.NameEn)).ToList();
        return new Snapshot
        {
            Generation = generation,
            Indicators = indicators.ToDictionary(i => i.Code, StringComparer.Ordinal),
            Elements = elements.ToDictionary(e => e.Code, e => (e.PeriodKind, e.Dimensions), StringComparer.Ordinal),
            Regions = regions,
            RegionsByCode = regions.ToDictionary(r => r.Code, StringComparer.Ordinal),
            RegionsBySet = regions.GroupBy(r => r.SetCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (IReadOnlyList<CatalogueRegion>)[.. g], StringComparer.Ordinal),
            Sets = sets,
        };
    }
}
