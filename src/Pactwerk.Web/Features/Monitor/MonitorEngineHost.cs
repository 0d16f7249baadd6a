using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// Keeps the engine in step with the database: everything is read at start, one element again
/// after each import commit.
/// </summary>
public sealed class MonitorEngineHost(MonitorEngine engine)
{
    private volatile Dictionary<string, Dictionary<int, ReleaseRef>> _releases = new(StringComparer.OrdinalIgnoreCase);
    private volatile Dictionary<string, Disclosure> _disclosure = new(StringComparer.OrdinalIgnoreCase);

    public MonitorEngine Engine => engine;

    // What this instance changed in memory since it last told the other instances (MonitorCluster): the
    // elements, or everything after a full read. Changes taken over from another instance are not recorded.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, byte> _changed = new();
    private volatile bool _changedAll;
    private static readonly AsyncLocal<bool> FromAnotherInstance = new();

    /// <summary>The elements changed since the last call (all when <c>All</c>), emptied by the call.</summary>
    internal (bool All, int[] Elements) TakeChanges()
    {
        var all = _changedAll;
        _changedAll = false;
        var elements = _changed.Keys.ToArray();
        foreach (var id in elements)
            _changed.TryRemove(id, out _);
        return (all, elements);
    }

    /// <summary>While the returned scope lasts, changes are another instance's news, not this one's to pass on.</summary>
    internal static IDisposable TakingOver()
    {
        FromAnotherInstance.Value = true;
        return new Restore();
    }

    private sealed class Restore : IDisposable
    {
        public void Dispose() => FromAnotherInstance.Value = false;
    }

    private void Changed(IEnumerable<int> elementIds)
    {
        if (FromAnotherInstance.Value)
            return;
        foreach (var id in elementIds)
            _changed[id] = 0;
    }

    /// <summary>True once everything has been read at start: until then the monitor's pages would show no figures, so the instance is not ready.</summary>
    public bool Loaded { get; private set; }

    /// <summary>The release whose values are current for an element's period: every figure's provenance.</summary>
    public ReleaseRef? ReleaseOf(string element, Period period) =>
        _releases.GetValueOrDefault(element)?.GetValueOrDefault(period.StartYear);

    /// <summary>
    /// How an element's figures may be shown: its source's disclosure. An element the host does not
    /// know is treated as confidential, so a figure is never shown by mistake.
    /// </summary>
    internal Disclosure DisclosureOf(string element) => _disclosure.GetValueOrDefault(element, Disclosure.Confidential);

    private async Task<Dictionary<string, Disclosure>> ReadDisclosureAsync(PactwerkDb db, CancellationToken ct) =>
        await db.DataElements.AsNoTracking().Join(db.DataSources, e => e.DataSourceId, s => s.Id, (e, s) => new { e.Code, s.Disclosure })
            .ToDictionaryAsync(x => x.Code, x => x.Disclosure, StringComparer.OrdinalIgnoreCase, ct);

    public async Task LoadAllAsync(PactwerkDb db, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var index = await RegionIndexAsync(db, ct);
        var elements = new List<ElementData>();
        var releases = new Dictionary<string, Dictionary<int, ReleaseRef>>(StringComparer.OrdinalIgnoreCase);
        foreach (var element in await db.DataElements.AsNoTracking().ToListAsync(ct))
        {
            var (data, release) = await ReadAsync(db, element, index, ct);
            elements.Add(data);
            releases[element.Code] = release;
        }
        _disclosure = await ReadDisclosureAsync(db, ct);
        engine.Load(index, elements);
        _releases = releases;
        // A read after the first (new reference data) is news for the other instances; the first read at start is not.
        if (Loaded && !FromAnotherInstance.Value)
            _changedAll = true;
        Loaded = true;
        Web.Shared.PactwerkMetrics.EngineLoadDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("scope", "all"));
    }

    /// <summary>
    /// The current regions with their current municipalities. An ended municipality with a successor
    /// (Weesp → Amsterdam) stays in the index as a member of wherever its successor is now, so its
    /// observations of earlier years keep counting in the successor and in every region that holds
    /// it: a region's series is read in today's structure throughout, and earlier years add up.
    /// </summary>
    private static async Task<RegionIndex> RegionIndexAsync(PactwerkDb db, CancellationToken ct)
    {
        var regions = await db.Regions.Where(r => r.ValidTo == null).Select(r => new { r.Id, r.RegionSet.Kind }).ToListAsync(ct);
        var members = (await db.RegionMemberships.Where(m => m.ValidTo == null).Select(m => new { m.RegionId, m.MunicipalityId }).ToListAsync(ct))
            .ToLookup(m => m.RegionId, m => m.MunicipalityId);
        var successorOf = await db.Regions.Where(r => r.ValidTo != null && r.SuccessorId != null).ToDictionaryAsync(r => r.Id, r => r.SuccessorId!.Value, ct);
        var current = regions.Select(r => r.Id).ToHashSet();
        var predecessors = new Dictionary<int, List<int>>();
        foreach (var ended in successorOf.Keys)
        {
            // Follow a chain of mergers to today's municipality; a broken or circular chain counts nowhere.
            var at = ended;
            for (var step = 0; step < successorOf.Count && !current.Contains(at) && successorOf.TryGetValue(at, out var next); step++)
                at = next;
            if (current.Contains(at))
                (predecessors.TryGetValue(at, out var list) ? list : predecessors[at] = []).Add(ended);
        }
        IEnumerable<int> WithPredecessors(IEnumerable<int> municipalities) =>
            municipalities.SelectMany(m => predecessors.TryGetValue(m, out var earlier) ? earlier.Prepend(m) : [m]);
        var entries = regions.Select(r => (r.Id, (IReadOnlyList<int>)WithPredecessors(r.Kind == RegionSetKind.Municipalities ? [r.Id] : members[r.Id]).ToList())).ToList();
        entries.AddRange(predecessors.Values.SelectMany(p => p).Select(id => (id, (IReadOnlyList<int>)[id])));
        return new RegionIndex(entries);
    }

    /// <summary>
    /// After a withdrawal: the elements are read again from the database, whose current values
    /// changed in ways the engine cannot derive itself (an older release's values came back).
    /// Returns the swap, which the caller runs once its transaction has committed.
    /// </summary>
    public async Task<Action> ReadAgainAsync(PactwerkDb db, IReadOnlyCollection<int> elementIds, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var swap = await ReadAgainUntimedAsync(db, elementIds, ct);
        Web.Shared.PactwerkMetrics.EngineLoadDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("scope", "elements"));
        return swap;
    }

    private async Task<Action> ReadAgainUntimedAsync(PactwerkDb db, IReadOnlyCollection<int> elementIds, CancellationToken ct)
    {
        var read = new List<(string Code, ElementData Data, Dictionary<int, ReleaseRef> Releases)>();
        var disclosure = await ReadDisclosureAsync(db, ct);
        foreach (var element in await db.DataElements.AsNoTracking().Where(e => elementIds.Contains(e.Id)).ToListAsync(ct))
        {
            var (data, release) = await ReadAsync(db, element, engine.Regions, ct);
            read.Add((element.Code, data, release));
        }
        return () =>
        {
            _disclosure = disclosure;
            Changed(elementIds);
            foreach (var (code, data, release) in read)
            {
                _releases = new Dictionary<string, Dictionary<int, ReleaseRef>>(_releases, StringComparer.OrdinalIgnoreCase) { [code] = release };
                engine.Replace(data);
            }
        };
    }

    /// <summary>
    /// After an import commits: the element in memory keeps its other periods and takes the
    /// imported ones, without reading the database again, so the new figures are served at once.
    /// </summary>
    public void Apply(DataElement element, IReadOnlyCollection<int> periods, IEnumerable<(int RegionId, int PeriodStart, string DimensionKey, double? Value)> cells, ReleaseRef release,
        Disclosure disclosure)
    {
        Changed([element.Id]);
        // Known before the figures are: a new confidential element is never served unprotected.
        _disclosure = new Dictionary<string, Disclosure>(_disclosure, StringComparer.OrdinalIgnoreCase) { [element.Code] = disclosure };
        var builder = new ElementDataBuilder(element.Code, element.Level, element.PeriodKind, element.DimensionList);
        if (engine.Element(element.Code) is { } existing)
            builder.AddExisting(existing, p => !periods.Contains(p.StartYear));
        foreach (var cell in cells)
            if (engine.Regions.TryIndexOf(cell.RegionId, out var region))
                builder.Add(region, cell.PeriodStart, cell.DimensionKey, cell.Value);
        var releases = new Dictionary<int, ReleaseRef>(_releases.GetValueOrDefault(element.Code) ?? []);
        foreach (var period in periods)
            releases[period] = release;
        _releases = new Dictionary<string, Dictionary<int, ReleaseRef>>(_releases, StringComparer.OrdinalIgnoreCase) { [element.Code] = releases };
        engine.Replace(builder.Build());
    }

    /// <summary>Streams the element's current observations, ordered by period, into columns.</summary>
    private static async Task<(ElementData Data, Dictionary<int, ReleaseRef> Releases)> ReadAsync(PactwerkDb db, DataElement element, RegionIndex index, CancellationToken ct)
    {
        var builder = new ElementDataBuilder(element.Code, element.Level, element.PeriodKind, element.DimensionList);
        var releaseOfPeriod = new Dictionary<int, int>();
        var rows = db.Observations.AsNoTracking().Where(o => o.DataElementId == element.Id && o.IsCurrent).OrderBy(o => o.PeriodStart)
            .Select(o => new { o.RegionId, o.PeriodStart, o.DimensionKey, o.Value, o.ReleaseId }).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            if (index.TryIndexOf(row.RegionId, out var region))
                builder.Add(region, row.PeriodStart, row.DimensionKey, row.Value);
            releaseOfPeriod[row.PeriodStart] = Math.Max(releaseOfPeriod.GetValueOrDefault(row.PeriodStart), row.ReleaseId);
        }
        var ids = releaseOfPeriod.Values.Distinct().ToList();
        var releases = await db.DataReleases.AsNoTracking().Where(r => ids.Contains(r.Id))
            .Select(r => new ReleaseRef(r.Id, r.DataSource.Name, r.FileName, r.ImportedAt, r.PublishedOn)).ToDictionaryAsync(r => r.Id, ct);
        return (builder.Build(), releaseOfPeriod.ToDictionary(p => p.Key, p => releases[p.Value]));
    }
}
