namespace Pactwerk.Monitoring;

/// <summary>Whether an element is measured per municipality (and summed to any region) or only for whole regions.</summary>
public enum ElementLevel
{
    Municipality,
    /// <summary>Published for a region as a whole (e.g. national figures): never summed, only read for that region.</summary>
    Region,
}

/// <summary>One cell of input: a value, or a suppressed cell (null).</summary>
public readonly record struct Cell(int RegionIndex, Period Period, string[] Dimensions, double? Value);

/// <summary>
/// The current observations of one data element in columns, one segment per period, so a query
/// reads one contiguous run of arrays. Immutable: an import builds a new one and swaps it in,
/// sharing the segments of the periods it did not touch.
/// </summary>
public sealed class ElementData
{
    internal sealed class Segment(int[] region, int[] combo, double[] value)
    {
        public static readonly Segment Empty = new([], [], []);
        public readonly int[] Region = region;
        public readonly int[] Combo = combo;
        /// <summary>NaN marks a suppressed cell.</summary>
        public readonly double[] Value = value;
        public int Count => Value.Length;
    }

    private readonly Dictionary<Period, Segment> _segments;

    public string Code { get; }
    public ElementLevel Level { get; }
    public PeriodKind PeriodKind { get; }
    public IReadOnlyList<string> Dimensions { get; }
    /// <summary>Distinct dimension-value combinations; observations refer to them by index. Only ever appended to.</summary>
    public IReadOnlyList<string[]> Combos { get; }
    internal IReadOnlyDictionary<string, int> ComboIndex { get; }
    public IReadOnlyList<Period> Periods { get; }
    public int Count { get; }

    internal ElementData(string code, ElementLevel level, PeriodKind kind, IReadOnlyList<string> dimensions, IReadOnlyList<string[]> combos,
        IReadOnlyDictionary<string, int> comboIndex, Dictionary<Period, Segment> segments)
    {
        (Code, Level, PeriodKind, Dimensions, Combos, ComboIndex) = (code, level, kind, dimensions, combos, comboIndex);
        _segments = segments;
        Periods = segments.Where(s => s.Value.Count > 0).Select(s => s.Key).Order().ToList();
        Count = segments.Values.Sum(s => s.Count);
    }

    /// <summary>Convenience for small inputs (tests): builds from cells.</summary>
    public static ElementData From(string code, ElementLevel level, PeriodKind kind, IReadOnlyList<string> dimensions, IEnumerable<Cell> cells)
    {
        var builder = new ElementDataBuilder(code, level, kind, dimensions);
        foreach (var cell in cells)
        {
            if (cell.Dimensions.Length != dimensions.Count)
                throw new ArgumentException($"A cell of {code} has {cell.Dimensions.Length} dimension values, the element has {dimensions.Count}.");
            builder.Add(cell.RegionIndex, cell.Period.StartYear, string.Join(ElementDataBuilder.Separator, cell.Dimensions), cell.Value);
        }
        return builder.Build();
    }

    internal Segment SegmentOf(Period period) => _segments.GetValueOrDefault(period) ?? Segment.Empty;

    public int DimensionIndex(string dimension)
    {
        for (var i = 0; i < Dimensions.Count; i++)
            if (string.Equals(Dimensions[i], dimension, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }
}

/// <summary>
/// Collects observations row by row (straight from a data reader) into columns per period;
/// dimension combinations are stored once and referred to by index.
/// </summary>
public sealed class ElementDataBuilder(string code, ElementLevel level, PeriodKind kind, IReadOnlyList<string> dimensions)
{
    public const char Separator = '\u001f';

    private sealed class Columns
    {
        public readonly List<int> Region = [];
        public readonly List<int> Combo = [];
        public readonly List<double> Value = [];
    }

    private readonly Dictionary<int, Columns> _added = [];
    private readonly Dictionary<int, ElementData.Segment> _kept = [];
    private Dictionary<string, int> _comboIndex = new(StringComparer.Ordinal);
    private List<string[]> _combos = [];

    /// <summary>
    /// Takes over the periods of an existing element that are kept, without copying them: their
    /// segments are shared, and the existing combinations keep their indexes. Call it first.
    /// </summary>
    public void AddExisting(ElementData existing, Func<Period, bool> keep)
    {
        if (_combos.Count > 0 || _added.Count > 0 || _kept.Count > 0)
            throw new InvalidOperationException("AddExisting comes before any other row.");
        _combos = [.. existing.Combos];
        _comboIndex = new Dictionary<string, int>(existing.ComboIndex, StringComparer.Ordinal);
        foreach (var period in existing.Periods.Where(keep))
            _kept[period.StartYear] = existing.SegmentOf(period);
    }

    // The combination of the previous row: the cells of one row of a wide file share their key's
    // very string, so most rows skip hashing an 80-character key.
    private string? _lastKey;
    private int _lastCombo;

    public void Add(int regionIndex, int periodStart, string comboKey, double? value)
    {
        int combo;
        if (ReferenceEquals(comboKey, _lastKey))
            combo = _lastCombo;
        else if (!_comboIndex.TryGetValue(comboKey, out combo))
        {
            var values = dimensions.Count == 0 ? [] : comboKey.Split(Separator);
            if (values.Length != dimensions.Count)
                throw new ArgumentException($"'{comboKey}' has {values.Length} dimension values, element {code} has {dimensions.Count}.");
            combo = _combos.Count;
            _combos.Add(values);
            _comboIndex.Add(comboKey, combo);
        }
        (_lastKey, _lastCombo) = (comboKey, combo);
        if (!_added.TryGetValue(periodStart, out var columns))
        {
            _added[periodStart] = columns = new Columns();
            // A period that was kept and now gets more rows is copied once, then added to.
            if (_kept.Remove(periodStart, out var kept))
            {
                columns.Region.AddRange(kept.Region);
                columns.Combo.AddRange(kept.Combo);
                columns.Value.AddRange(kept.Value);
            }
        }
        columns.Region.Add(regionIndex);
        columns.Combo.Add(combo);
        columns.Value.Add(value ?? double.NaN);
    }

    public ElementData Build()
    {
        var segments = _kept.ToDictionary(k => new Period(kind, k.Key), k => k.Value);
        foreach (var (start, columns) in _added)
            segments[new Period(kind, start)] = new ElementData.Segment([.. columns.Region], [.. columns.Combo], [.. columns.Value]);
        return new ElementData(code, level, kind, dimensions, _combos, _comboIndex, segments);
    }
}
