using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// Which landsdelen (the Techniekpact's five) each current region touches, and which current
/// regions lie wholly inside another, decided on municipalities: the region facet and filter of
/// the search and "from another region" for related practices use it.
/// </summary>
public sealed class PracticeAreas
{
    public sealed record Landsdeel(int Id, string Code, string Name);

    private readonly Dictionary<int, IReadOnlyList<Landsdeel>> _byRegion;
    private readonly Dictionary<int, IReadOnlySet<int>> _municipalities;
    private readonly ConcurrentDictionary<int, IReadOnlyList<int>> _inside = new();

    private PracticeAreas(IReadOnlyList<Landsdeel> landsdelen, Dictionary<int, IReadOnlyList<Landsdeel>> byRegion, Dictionary<int, IReadOnlySet<int>> municipalities) =>
        (Landsdelen, _byRegion, _municipalities) = (landsdelen, byRegion, municipalities);

    public IReadOnlyList<Landsdeel> Landsdelen { get; }

    /// <summary>Every current region, of every set.</summary>
    public IEnumerable<int> RegionIds => _byRegion.Keys;

    public IReadOnlyList<Landsdeel> LandsdelenOf(IEnumerable<int> regionIds) =>
        regionIds.SelectMany(r => _byRegion.GetValueOrDefault(r) ?? []).Distinct().OrderBy(l => l.Code, StringComparer.Ordinal).ToList();

    /// <summary>The landsdelen one region touches, without a new list: the search counts its facet with it per matched practice.</summary>
    public IReadOnlyList<Landsdeel> LandsdelenOfRegion(int regionId) => _byRegion.GetValueOrDefault(regionId) ?? [];

    /// <summary>The current regions (of every set) whose municipalities all lie in the given region, itself included.</summary>
    public IReadOnlyList<int> RegionsInside(int regionId) => _inside.GetOrAdd(regionId, outer =>
        _municipalities.GetValueOrDefault(outer) is { Count: > 0 } within
            ? _municipalities.Where(r => r.Value.Count > 0 && r.Value.IsSubsetOf(within)).Select(r => r.Key).Order().ToList()
            : []);

    internal static async Task<PracticeAreas> BuildAsync(PactwerkDb db, CancellationToken ct)
    {
        var landsdelen = await db.Regions.Where(r => r.RegionSet.Code == RegionSetCodes.TechniekpactLandsdelen && r.ValidTo == null)
            .OrderBy(r => r.Code).Select(r => new Landsdeel(r.Id, r.Code, r.Name)).ToListAsync(ct);
        var regions = await db.Regions.Where(r => r.ValidTo == null).Select(r => r.Id).ToListAsync(ct);
        var municipalities = await Accounts.AccessScopeProvider.MunicipalitiesOfAsync(db, regions, ct);
        return new PracticeAreas(landsdelen, regions.ToDictionary(r => r,
            r => (IReadOnlyList<Landsdeel>)landsdelen.Where(l => municipalities[l.Id].Overlaps(municipalities[r])).ToList()), municipalities);
    }
}

/// <summary>
/// Keeps <see cref="PracticeAreas"/> for every current region in memory. Regions and their
/// municipalities change only when reference data is loaded, and every load that changes something
/// adds a ReferenceDataLoad row; the cache is rebuilt when the latest load or the number of regions
/// differs from what it was built on, so a search does not look up regions per result.
/// </summary>
public sealed class PracticeAreaCache
{
    private sealed record Entry(int LatestLoad, int Regions, PracticeAreas Areas);
    private volatile Entry? _current;
    private readonly SemaphoreSlim _building = new(1, 1);

    public async Task<PracticeAreas> GetAsync(PactwerkDb db, CancellationToken ct)
    {
        var latest = await db.ReferenceDataLoads.MaxAsync(l => (int?)l.Id, ct) ?? 0;
        var regions = await db.Regions.CountAsync(ct);
        if (_current is { } c && c.LatestLoad == latest && c.Regions == regions)
            return c.Areas;
        await _building.WaitAsync(ct);
        try
        {
            if (_current is { } again && again.LatestLoad == latest && again.Regions == regions)
                return again.Areas;
            var areas = await PracticeAreas.BuildAsync(db, ct);
            _current = new Entry(latest, regions, areas);
            return areas;
        }
        finally
        {
            _building.Release();
        }
    }
}
