using System.Collections.Concurrent;

namespace Pactwerk.Monitoring;

/// <summary>
/// Answers indicator values for any region and period from an in-memory, columnar copy of the
/// current observations. A snapshot is immutable; an import swaps in a new element, so readers
/// never see half an import and a committed figure is served at once.
/// </summary>
public sealed class MonitorEngine
{
    private volatile Snapshot _snapshot = new(new RegionIndex([]), new Dictionary<string, ElementData>());

    private long _version;

    /// <summary>
    /// The most values of a dimension whose split is held. Held sums cost values × regions × 16 bytes per measure and
    /// period, and anyone may ask for a split by any dimension (the page and the values API are public): the programme
    /// code of DUO's hbo file has over a thousand values, which would hold about 10 MB per period. The indicator page's
    /// default split (gender) and most others (form, type, sector) have a handful; a dimension with more is scanned per
    /// request, as every split was before, and nothing of it is kept.
    /// </summary>
    public const int MaxHeldSplitValues = 16;

    public RegionIndex Regions => _snapshot.Regions;

    /// <summary>Goes up whenever the data change (load or replace): caches of derived decisions key on it.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyCollection<ElementData> Elements => _snapshot.Elements.Values.ToList();

    /// <summary>Replaces everything (at start).</summary>
    public void Load(RegionIndex regions, IEnumerable<ElementData> elements)
    {
        _snapshot = new Snapshot(regions, elements.ToDictionary(e => e.Code, StringComparer.OrdinalIgnoreCase));
        Interlocked.Increment(ref _version);
    }

    /// <summary>Replaces one element (after an import commits), keeping the others and their caches.</summary>
    public void Replace(ElementData element)
    {
        var current = _snapshot;
        var elements = new Dictionary<string, ElementData>(current.Elements, StringComparer.OrdinalIgnoreCase) { [element.Code] = element };
        _snapshot = new Snapshot(current.Regions, elements, current, element.Code);
        Interlocked.Increment(ref _version);
    }

    public ElementData? Element(string code) => _snapshot.Elements.GetValueOrDefault(code);

    /// <summary>The indicator for one region (by region id) and period.</summary>
    public Aggregate Evaluate(IndicatorDefinition indicator, int regionId, Period period)
    {
        var s = _snapshot;
        if (!s.Regions.TryIndexOf(regionId, out var region))
            throw new ArgumentException($"Region {regionId} is not known to the engine.");
        return Combine(indicator, s.Sum(indicator.Numerator, period, region), indicator.Denominator is { } d ? s.Sum(d, period, region) : null);
    }

    /// <summary>The indicator for one region and period, split by the values of one dimension.</summary>
    public IReadOnlyList<(string Value, Aggregate Aggregate)> EvaluateBy(IndicatorDefinition indicator, int regionId, Period period, string dimension)
    {
        var s = _snapshot;
        if (!s.Regions.TryIndexOf(regionId, out var region))
            throw new ArgumentException($"Region {regionId} is not known to the engine.");
        var numerator = s.SumBy(indicator.Numerator, period, region, dimension);
        var denominator = indicator.Denominator is { } d ? s.SumBy(d, period, region, dimension) : null;
        return numerator.Keys.Union(denominator?.Keys ?? Enumerable.Empty<string>()).Order(StringComparer.Ordinal)
            .Select(v => (v, Combine(indicator, numerator.GetValueOrDefault(v), denominator is null ? null : denominator.GetValueOrDefault(v))))
            .ToList();
    }

    private static Aggregate Combine(IndicatorDefinition indicator, Partial numerator, Partial? denominator) =>
        new(numerator.Sum, denominator?.Sum,
            indicator.NumeratorWithinDenominator ? denominator!.Value.Suppressed : numerator.Suppressed + (denominator?.Suppressed ?? 0),
            indicator.NumeratorWithinDenominator ? denominator!.Value.Cells : numerator.Cells + (denominator?.Cells ?? 0),
            indicator.Multiplier);

    private readonly record struct Partial(double Sum, int Suppressed, int Cells);

    /// <summary>Per-municipality sums of a measure in a period, computed once and reused by every region.</summary>
    private sealed class UnitSums(double[] sum, int[] suppressed, int[] cells)
    {
        public Partial For(RegionIndex regions, int region, ElementLevel level)
        {
            if (level == ElementLevel.Region)
                return new Partial(sum[region], suppressed[region], cells[region]);
            double total = 0;
            int s = 0, c = 0;
            foreach (var m in regions.MembersOf(region))
            {
                total += sum[m];
                s += suppressed[m];
                c += cells[m];
            }
            return new Partial(total, s, c);
        }
    }

    private sealed class Snapshot
    {
        private readonly ConcurrentDictionary<(string Measure, Period Period), UnitSums> _cache = new();
        // A breakdown by a dimension (the indicator page's split by sector, gender, ...) per measure, period and
        // dimension: the sums of each value per municipality, built once like _cache and reused by every region and
        // every reader. Without it each signed-in view of an indicator page (which the output cache does not hold)
        // scanned the whole period again: 40 % of that page's handler time in a trace of `bench -- load --signed-in`.
        private readonly ConcurrentDictionary<(string Measure, Period Period, int Dimension), Split> _splits = new();

        public RegionIndex Regions { get; }
        public Dictionary<string, ElementData> Elements { get; }

        public Snapshot(RegionIndex regions, Dictionary<string, ElementData> elements, Snapshot? previous = null, string? replaced = null)
        {
            Regions = regions;
            Elements = elements;
            if (previous is not null)
            {
                foreach (var entry in previous._cache.Where(e => !e.Key.Measure.StartsWith(replaced + "[", StringComparison.OrdinalIgnoreCase)))
                    _cache.TryAdd(entry.Key, entry.Value);
                foreach (var entry in previous._splits.Where(e => !e.Key.Measure.StartsWith(replaced + "[", StringComparison.OrdinalIgnoreCase)))
                    _splits.TryAdd(entry.Key, entry.Value);
            }
        }

        public Partial Sum(Measure measure, Period period, int region)
        {
            if (!Elements.TryGetValue(measure.Element, out var element))
                return default;
            var sums = _cache.GetOrAdd((measure.Key, period), _ => Build(element, measure, period));
            return sums.For(Regions, region, element.Level);
        }

        /// <summary>Below this many observations a period is scanned on one core: starting tasks would cost more than they save.</summary>
        private const int ParallelThreshold = 1 << 16;

        private UnitSums Build(ElementData element, Measure measure, Period period)
        {
            var included = ComboMask(element, measure);
            var segment = element.SegmentOf(period);
            var parts = segment.Count < ParallelThreshold ? 1 : Math.Min(Environment.ProcessorCount, segment.Count / ParallelThreshold);
            if (parts <= 1)
            {
                var (sum, suppressed, cells) = (new double[Regions.Count], new int[Regions.Count], new int[Regions.Count]);
                Scan(segment, included, 0, segment.Count, sum, suppressed, cells);
                return new UnitSums(sum, suppressed, cells);
            }
            // The cold scan of a big period uses every core: each part adds into its own arrays,
            // which are added up after, so no two threads ever write the same slot.
            var partial = new (double[] Sum, int[] Suppressed, int[] Cells)[parts];
            var count = Regions.Count;
            Parallel.For(0, parts, part =>
            {
                var arrays = (new double[count], new int[count], new int[count]);
                var from = (int)((long)segment.Count * part / parts);
                var to = (int)((long)segment.Count * (part + 1) / parts);
                Scan(segment, included, from, to, arrays.Item1, arrays.Item2, arrays.Item3);
                partial[part] = arrays;
            });
            var (total, totalSuppressed, totalCells) = partial[0];
            for (var part = 1; part < parts; part++)
                for (var unit = 0; unit < count; unit++)
                {
                    total[unit] += partial[part].Sum[unit];
                    totalSuppressed[unit] += partial[part].Suppressed[unit];
                    totalCells[unit] += partial[part].Cells[unit];
                }
            return new UnitSums(total, totalSuppressed, totalCells);
        }

        /// <summary>One cell into its sums, the one place of the rule: a suppressed cell is counted, never added (not as zero, not as five).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static void Add(double value, ref double sum, ref int suppressed, ref int cells)
        {
            cells++;
            if (double.IsNaN(value))
                suppressed++;
            else
                sum += value;
        }

        private static void Scan(ElementData.Segment segment, bool[] included, int from, int to, double[] sum, int[] suppressed, int[] cells)
        {
            var combo = segment.Combo;
            var region = segment.Region;
            var values = segment.Value;
            for (var i = from; i < to; i++)
            {
                if (!included[combo[i]])
                    continue;
                var unit = region[i];
                Add(values[i], ref sum[unit], ref suppressed[unit], ref cells[unit]);
            }
        }

        public Dictionary<string, Partial> SumBy(Measure measure, Period period, int region, string dimension)
        {
            var result = new Dictionary<string, Partial>(StringComparer.Ordinal);
            if (!Elements.TryGetValue(measure.Element, out var element))
                return result;
            var d = element.DimensionIndex(dimension);
            if (d < 0)
                throw new ArgumentException($"Element {element.Code} has no dimension '{dimension}'.");
            var split = _splits.GetOrAdd((measure.Key, period, d), _ => BuildSplit(element, measure, period, d));
            if (split.Sums is null)
                return ScanBy(element, measure, period, region, d);
            for (var v = 0; v < split.Values.Length; v++)
            {
                var partial = split.Sums[v].For(Regions, region, element.Level);
                // A value is listed only where the region has a cell of it, as a scan of the region would find.
                if (partial.Cells > 0)
                    result[split.Values[v]] = partial;
            }
            return result;
        }

        /// <summary>The values of one dimension (as written in the data) and, per value, the sums per municipality; no sums
        /// when the dimension has more than <see cref="MonitorEngine.MaxHeldSplitValues"/> values in the measure.</summary>
        private sealed record Split(string[] Values, UnitSums[]? Sums);

        private Split BuildSplit(ElementData element, Measure measure, Period period, int dimension)
        {
            var included = ComboMask(element, measure);
            var values = new List<string>();
            var valueIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            // Each combination of dimension values maps to the index of its value in this dimension, or -1 when the measure leaves it out.
            var valueOf = new int[element.Combos.Count];
            for (var c = 0; c < valueOf.Length; c++)
            {
                if (!included[c])
                {
                    valueOf[c] = -1;
                    continue;
                }
                var value = element.Combos[c][dimension];
                if (!valueIndex.TryGetValue(value, out var index))
                {
                    if (values.Count == MaxHeldSplitValues)
                        return new Split([], null);
                    index = values.Count;
                    valueIndex[value] = index;
                    values.Add(value);
                }
                valueOf[c] = index;
            }
            var count = Regions.Count;
            var sum = new double[values.Count][];
            var suppressed = new int[values.Count][];
            var cells = new int[values.Count][];
            for (var v = 0; v < values.Count; v++)
                (sum[v], suppressed[v], cells[v]) = (new double[count], new int[count], new int[count]);
            var segment = element.SegmentOf(period);
            for (var i = 0; i < segment.Count; i++)
            {
                var v = valueOf[segment.Combo[i]];
                if (v < 0)
                    continue;
                var unit = segment.Region[i];
                Add(segment.Value[i], ref sum[v][unit], ref suppressed[v][unit], ref cells[v][unit]);
            }
            return new Split([.. values], [.. Enumerable.Range(0, values.Count).Select(v => new UnitSums(sum[v], suppressed[v], cells[v]))]);
        }

        /// <summary>A split of one region by a dimension with too many values to hold: one pass over the period's cells.</summary>
        private Dictionary<string, Partial> ScanBy(ElementData element, Measure measure, Period period, int region, int dimension)
        {
            var result = new Dictionary<string, Partial>(StringComparer.Ordinal);
            var included = ComboMask(element, measure);
            var inRegion = new bool[Regions.Count];
            if (element.Level == ElementLevel.Region)
                inRegion[region] = true;
            else
                foreach (var m in Regions.MembersOf(region))
                    inRegion[m] = true;
            var segment = element.SegmentOf(period);
            for (var i = 0; i < segment.Count; i++)
            {
                if (!included[segment.Combo[i]] || !inRegion[segment.Region[i]])
                    continue;
                var key = element.Combos[segment.Combo[i]][dimension];
                var (sum, suppressed, cells) = result.GetValueOrDefault(key);
                Add(segment.Value[i], ref sum, ref suppressed, ref cells);
                result[key] = new Partial(sum, suppressed, cells);
            }
            return result;
        }

        private static bool[] ComboMask(ElementData element, Measure measure)
        {
            var filters = measure.Filter.Select(f => (Index: element.DimensionIndex(f.Key), Values: f.Value.ToHashSet(StringComparer.OrdinalIgnoreCase)))
                .ToList();
            if (filters.Any(f => f.Index < 0))
                throw new ArgumentException($"Element {element.Code} has no dimension '{measure.Filter.Keys.First(k => element.DimensionIndex(k) < 0)}'.");
            var mask = new bool[element.Combos.Count];
            for (var c = 0; c < mask.Length; c++)
                mask[c] = filters.All(f => f.Values.Contains(element.Combos[c][f.Index]));
            return mask;
        }
    }
}
