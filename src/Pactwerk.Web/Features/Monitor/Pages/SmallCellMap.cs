using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>The parts of a figure the small-cell rule looks at.</summary>
public readonly record struct CellFigures(double? Value, double? Numerator, double? Denominator)
{
    public bool IsSmall => Value is not null && (Numerator is < SmallCells.Threshold || Denominator is < SmallCells.Threshold);
}

/// <summary>
/// Decides which cells are hidden over a whole system of sums at once. Each group is one sum
/// (a total and its parts, or parts adding up to a total in the group): as long as some group has
/// exactly one hidden member, that member could be worked out by subtraction, so the smallest
/// other member that may be hidden is hidden too; repeated until no group has a single hidden
/// member. Groups are checked one by one: a figure that only a combination of several sums
/// reveals is not looked for.
/// </summary>
internal static class SmallCellSolver
{
    /// <param name="cells">Every cell with its figures; a cell of a group that is missing here counts as known and empty.</param>
    /// <param name="groups">The sums.</param>
    /// <param name="fixedCells">Cells decided before (hidden when in <paramref name="fixedHidden"/>): never chosen here.</param>
    /// <param name="fixedHidden">The hidden ones among the fixed cells.</param>
    /// <param name="pinned">Cells that are public in another way (equal to a shown figure): never chosen.</param>
    public static Dictionary<TKey, SmallCell> Solve<TKey>(IReadOnlyDictionary<TKey, CellFigures> cells, IReadOnlyList<IReadOnlyList<TKey>> groups,
        Func<TKey, bool>? fixedCells = null, IReadOnlyDictionary<TKey, SmallCell>? fixedHidden = null, IReadOnlySet<TKey>? pinned = null)
        where TKey : notnull
    {
        var isFixed = fixedCells ?? (_ => false);
        var hidden = new Dictionary<TKey, SmallCell>();
        foreach (var (key, cell) in cells)
            if (!isFixed(key) && cell.IsSmall)
                hidden[key] = SmallCell.Small;
        bool Hidden(TKey key) => isFixed(key) ? fixedHidden?.ContainsKey(key) == true : hidden.ContainsKey(key);

        bool changed;
        do
        {
            changed = false;
            foreach (var group in groups)
            {
                var count = 0;
                foreach (var key in group)
                    if (Hidden(key) && ++count > 1)
                        break;
                if (count != 1)
                    continue;
                var next = group.Where(k => !Hidden(k) && !isFixed(k) && pinned?.Contains(k) != true && cells.TryGetValue(k, out var c) && c.Value is not null)
                    .OrderBy(k => cells[k].Denominator ?? cells[k].Numerator).ThenBy(k => k, Comparer<TKey>.Default).Take(1).ToList();
                if (next.Count == 1)
                {
                    hidden[next[0]] = SmallCell.Secondary;
                    changed = true;
                }
            }
        } while (changed);
        return hidden;
    }
}

/// <summary>
/// What the small-cell rule hides, decided once per indicator (definition version) and period over
/// every region of every set together, and per breakdown dimension over every region's
/// categories, then applied to every query that reads any of those cells: a single region, a set,
/// a breakdown, a download, an embed, the API, an edition's revisions. The sums taken into account:
/// the regions of each set add up to the country; each region that is not a municipality is the sum
/// of its municipalities (so a province holding one small municipality does not give it away); the
/// categories of a breakdown add up to the region's total, and for each category the regions again
/// add up as above. Decisions are cached until the engine's data change (its version goes up: an
/// import, a withdrawal, a reload); a new definition version is another key.
/// </summary>
internal sealed class SmallCellMap(MonitorEngineHost host)
{
    private sealed record RegionNode(int Id, string Code, string Set, RegionSetKind Kind);

    private sealed record Structure(long Version, IReadOnlyList<RegionNode> Regions, IReadOnlyDictionary<string, int> ByCode,
        IReadOnlyDictionary<int, int> ById, IReadOnlyList<IReadOnlyList<int>> Groups);

    /// <summary>The hidden cells of one decision: by region code, and category (null for the region's total).</summary>
    public sealed class Decision(IReadOnlyDictionary<(string Region, string? Category), SmallCell> hidden)
    {
        public SmallCell? Of(string region, string? category = null) => hidden.TryGetValue((region, category), out var why) ? why : null;
        public int Count => hidden.Count;
    }

    private volatile Structure? _structure;
    private readonly ConcurrentDictionary<string, Lazy<Decision>> _decisions = new();
    private long _decisionsVersion = -1;

    private async Task<Structure> StructureAsync(PactwerkDb db, CancellationToken ct)
    {
        var version = host.Engine.Version;
        if (_structure is { } known && known.Version == version)
            return known;
        var engineRegions = host.Engine.Regions;
        var rows = await db.Regions.AsNoTracking().Where(r => r.ValidTo == null)
            .Select(r => new { r.Id, r.Code, Set = r.RegionSet.Code, r.RegionSet.Kind }).ToListAsync(ct);
        var nodes = rows.Where(r => engineRegions.TryIndexOf(r.Id, out _)).OrderBy(r => r.Code, StringComparer.Ordinal)
            .Select(r => new RegionNode(r.Id, r.Code, r.Set, r.Kind)).ToList();
        var byId = nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var byIndex = new Dictionary<int, int>();
        foreach (var (node, position) in nodes.Select((n, i) => (n, i)))
            if (engineRegions.TryIndexOf(node.Id, out var index))
                byIndex[index] = position;
        var country = nodes.FindIndex(n => n.Code == RegionSetCodes.CountryCode);
        var groups = new List<IReadOnlyList<int>>();
        // The regions of each set add up to the country.
        foreach (var set in Enumerable.Range(0, nodes.Count).Where(i => nodes[i].Set != RegionSetCodes.Country).GroupBy(i => nodes[i].Set))
            groups.Add(country >= 0 ? [country, .. set] : [.. set]);
        // Every region above the municipalities is the sum of its municipalities: this ties the sets to one another.
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].Kind == RegionSetKind.Municipalities || i == country || !engineRegions.TryIndexOf(nodes[i].Id, out var index))
                continue;
            var members = new List<int> { i };
            foreach (var m in engineRegions.MembersOf(index))
                if (byIndex.TryGetValue(m, out var position))
                    members.Add(position);
            groups.Add(members);
        }
        var structure = new Structure(version, nodes, nodes.Select((n, i) => (n.Code, i)).ToDictionary(x => x.Code, x => x.i), byId, groups);
        _structure = structure;
        return structure;
    }

    private Decision Cached(string key, long version, Func<Decision> compute)
    {
        // Data changed since the decisions were taken: they are all dropped (editions' too, which are cheap to take again).
        if (Interlocked.Exchange(ref _decisionsVersion, version) != version)
            _decisions.Clear();
        return _decisions.GetOrAdd(key, _ => new Lazy<Decision>(compute, LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>The totals of every region for an indicator's definition and a period, as the engine computes them now.</summary>
    public async Task<Decision> TotalsAsync(PactwerkDb db, string indicator, int version, IndicatorDefinition definition, Period period, CancellationToken ct)
    {
        var structure = await StructureAsync(db, ct);
        return Cached($"t|{indicator}|{version}|{period}", structure.Version, () => Totals(structure, definition, period));
    }

    private Decision Totals(Structure structure, IndicatorDefinition definition, Period period)
    {
        var cells = new Dictionary<int, CellFigures>();
        for (var i = 0; i < structure.Regions.Count; i++)
        {
            var a = host.Engine.Evaluate(definition, structure.Regions[i].Id, period);
            cells[i] = new CellFigures(a.Value, a.Numerator, a.Denominator);
        }
        var hidden = SmallCellSolver.Solve(cells, structure.Groups);
        return new Decision(hidden.ToDictionary(h => (structure.Regions[h.Key].Code, (string?)null), h => h.Value));
    }

    /// <summary>The categories of one dimension in every region, with the totals decided as above.</summary>
    public async Task<Decision> BreakdownAsync(PactwerkDb db, string indicator, int version, IndicatorDefinition definition, Period period, string dimension,
        CancellationToken ct)
    {
        var totals = await TotalsAsync(db, indicator, version, definition, period, ct);
        var structure = await StructureAsync(db, ct);
        return Cached($"b|{indicator}|{version}|{period}|{dimension.ToUpperInvariant()}", structure.Version,
            () => Breakdown(structure, totals, definition, period, dimension));
    }

    private Decision Breakdown(Structure structure, Decision totals, IndicatorDefinition definition, Period period, string dimension)
    {
        var cells = new Dictionary<(int Region, string? Category), CellFigures>();
        var groups = new List<IReadOnlyList<(int, string?)>>();
        var categories = new HashSet<string>(StringComparer.Ordinal);
        var fixedHidden = new Dictionary<(int, string?), SmallCell>();
        var pinned = new HashSet<(int, string?)>();
        for (var i = 0; i < structure.Regions.Count; i++)
        {
            var code = structure.Regions[i].Code;
            if (totals.Of(code) is { } why)
                fixedHidden[(i, null)] = why;
            var parts = host.Engine.EvaluateBy(definition, structure.Regions[i].Id, period, dimension);
            var group = new List<(int, string?)> { (i, null) };
            foreach (var (value, a) in parts)
            {
                cells[(i, value)] = new CellFigures(a.Value, a.Numerator, a.Denominator);
                group.Add((i, value));
                categories.Add(value);
            }
            groups.Add(group);
            // The only category with figures equals the region's total: when that is shown, hiding the category hides nothing.
            var filled = parts.Where(p => p.Aggregate.Value is not null).ToList();
            if (filled.Count == 1 && totals.Of(code) is null)
                pinned.Add((i, filled[0].Value));
        }
        // The sums of one category over the regions come first, the regions' own sums after: a small category then takes its
        // neighbour in the other regions first, which usually already leaves two unknowns in the region, so fewer cells go.
        var byCategory = categories.Order(StringComparer.Ordinal).SelectMany(c => structure.Groups.Select(g => (IReadOnlyList<(int, string?)>)g.Select(i => (i, (string?)c)).ToList()));
        var hidden = SmallCellSolver.Solve(cells, byCategory.Concat(groups).ToList(), k => k.Item2 is null, fixedHidden, pinned);
        return new Decision(hidden.Concat(fixedHidden).ToDictionary(h => (structure.Regions[h.Key.Item1].Code, h.Key.Item2), h => h.Value));
    }

    /// <summary>
    /// Hides what the reader may not see in rows the engine computed now for an indicator's current
    /// definition (as <see cref="MonitorQueries"/> returns them), whatever part of the set was asked for.
    /// </summary>
    public async Task<List<ValueRow>> ProtectAsync(PactwerkDb db, QueryResult result, string? dimension, CancellationToken ct)
    {
        var byBreakdown = !string.IsNullOrWhiteSpace(dimension);
        var decisions = new Dictionary<Period, Decision>();
        foreach (var period in result.Rows.Select(r => r.Period).Distinct())
            decisions[period] = byBreakdown
                ? await BreakdownAsync(db, result.Indicator.Code, result.Version, result.Definition, period, dimension!.Trim(), ct)
                : await TotalsAsync(db, result.Indicator.Code, result.Version, result.Definition, period, ct);
        return result.Rows.Select(r =>
        {
            var why = decisions[r.Period].Of(r.Region.Code, byBreakdown ? r.Breakdown : null);
            // A figure the decision does not know (the data changed in between) still gets the plain rule.
            why ??= new CellFigures(r.Value, r.Numerator, r.Denominator).IsSmall ? SmallCell.Small : null;
            return why is { } w ? r with { Value = null, Numerator = null, Denominator = null, Protected = w } : r;
        }).ToList();
    }

    /// <summary>
    /// The hidden figures of an edition as it was published, for one indicator, per period (the
    /// decision's category is the period) over every region of every set frozen in it, with the same
    /// sums as the live monitor. An edition never changes, so its figures are read only when the
    /// decision is not cached.
    /// </summary>
    public async Task<Decision> FrozenAsync(PactwerkDb db, int editionId, int indicatorId,
        Func<CancellationToken, Task<List<(int RegionId, string Period, CellFigures Figures)>>> figures, CancellationToken ct)
    {
        var structure = await StructureAsync(db, ct);
        var key = $"e|{editionId}|{indicatorId}";
        if (Interlocked.Read(ref _decisionsVersion) == structure.Version && _decisions.TryGetValue(key, out var known))
            return known.Value;
        var all = await figures(ct);
        return Cached(key, structure.Version, () =>
        {
            var hidden = new Dictionary<(string, string?), SmallCell>();
            foreach (var period in all.GroupBy(f => f.Period))
            {
                var cells = new Dictionary<int, CellFigures>();
                foreach (var (regionId, _, f) in period)
                    if (structure.ById.TryGetValue(regionId, out var position))
                        cells[position] = f;
                foreach (var (position, why) in SmallCellSolver.Solve(cells, structure.Groups))
                    hidden[(structure.Regions[position].Code, period.Key)] = why;
            }
            return new Decision(hidden);
        });
    }
}
