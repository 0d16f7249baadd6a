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
/// The current observations of one data element in columns, sorted by period, so a query reads one
/// contiguous slice per period. Immutable: an import builds a new one and swaps it in.
/// </summary>
public sealed class ElementData
{
    private readonly Dictionary<Period, (int Start, int End)> _slices;

    public string Code { get; }
    public ElementLevel Level { get; }
    public PeriodKind PeriodKind { get; }
    public IReadOnlyList<string> Dimensions { get; }
    /// <summary>Distinct dimension-value combinations; observations refer to them by index.</summary>
    public IReadOnlyList<string[]> Combos { get; }
    public IReadOnlyList<Period> Periods { get; }

    internal readonly int[] Region;
    internal readonly int[] Combo;
    /// <summary>NaN marks a suppressed cell.</summary>
    internal readonly double[] Value;

    public int Count => Value.Length;

    internal ElementData(string code, ElementLevel level, PeriodKind kind, IReadOnlyList<string> dimensions, IReadOnlyList<string[]> combos,
        int[] region, int[] combo, int[] periodStart, double[] value)
    {
        (Code, Level, PeriodKind, Dimensions, Combos) = (code, level, kind, dimensions, combos);
        (Region, Combo, Value) = (region, combo, value);
        _slices = [];
        for (var start = 0; start < periodStart.Length;)
        {
            var end = start + 1;
            while (end < periodStart.Length && periodStart[end] == periodStart[start])
                end++;
            _slices[new Period(kind, periodStart[start])] = (start, end);
            start = end;
        }
        Periods = _slices.Keys.Order().ToList();
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

    internal (int Start, int End) Slice(Period period) => _slices.TryGetValue(period, out var s) ? s : (0, 0);

    public int DimensionIndex(string dimension)
    {
        for (var i = 0; i < Dimensions.Count; i++)
            if (string.Equals(Dimensions[i], dimension, StringComparison.OrdinalIgnoreCase))
                return i;
        return -1;
    }
}

/// <summary>
/// Collects observations row by row (straight from a data reader) into columns; dimension
/// combinations are stored once and referred to by index.
/// </summary>
public sealed class ElementDataBuilder(string code, ElementLevel level, PeriodKind kind, IReadOnlyList<string> dimensions)
{
    public const char Separator = '\u001f';

    private readonly List<int> _region = [];
    private readonly List<int> _combo = [];
    private readonly List<int> _period = [];
    private readonly List<double> _value = [];
    private readonly Dictionary<string, int> _comboIndex = new(StringComparer.Ordinal);
    private readonly List<string[]> _combos = [];

    /// <summary>Copies the cells of an existing element whose period is kept, so an import rebuilds only what it changes.</summary>
    public void AddExisting(ElementData existing, Func<Period, bool> keep)
    {
        // Combinations are mapped once; the rows are then copied column by column, without strings.
        var map = new int[existing.Combos.Count];
        for (var c = 0; c < map.Length; c++)
        {
            var key = string.Join(Separator, existing.Combos[c]);
            if (!_comboIndex.TryGetValue(key, out map[c]))
            {
                map[c] = _combos.Count;
                _combos.Add(existing.Combos[c]);
                _comboIndex.Add(key, map[c]);
            }
        }
        _region.EnsureCapacity(_region.Count + existing.Count);
        _combo.EnsureCapacity(_combo.Count + existing.Count);
        _period.EnsureCapacity(_period.Count + existing.Count);
        _value.EnsureCapacity(_value.Count + existing.Count);
        foreach (var period in existing.Periods.Where(keep))
        {
            var (start, end) = existing.Slice(period);
            _region.AddRange(existing.Region.AsSpan(start, end - start));
            _value.AddRange(existing.Value.AsSpan(start, end - start));
            for (var i = start; i < end; i++)
            {
                _combo.Add(map[existing.Combo[i]]);
                _period.Add(period.StartYear);
            }
        }
    }

    public void Add(int regionIndex, int periodStart, string comboKey, double? value)
    {
        if (!_comboIndex.TryGetValue(comboKey, out var combo))
        {
            var values = dimensions.Count == 0 ? [] : comboKey.Split(Separator);
            if (values.Length != dimensions.Count)
                throw new ArgumentException($"'{comboKey}' has {values.Length} dimension values, element {code} has {dimensions.Count}.");
            combo = _combos.Count;
            _combos.Add(values);
            _comboIndex.Add(comboKey, combo);
        }
        _region.Add(regionIndex);
        _combo.Add(combo);
        _period.Add(periodStart);
        _value.Add(value ?? double.NaN);
    }

    public ElementData Build()
    {
        var region = _region.ToArray();
        var combo = _combo.ToArray();
        var period = _period.ToArray();
        var value = _value.ToArray();
        if (!IsSorted(period))
        {
            var order = Enumerable.Range(0, period.Length).ToArray();
            Array.Sort(period.ToArray(), order);
            region = order.Select(i => region[i]).ToArray();
            combo = order.Select(i => combo[i]).ToArray();
            value = order.Select(i => value[i]).ToArray();
            period = order.Select(i => period[i]).ToArray();
        }
        return new ElementData(code, level, kind, dimensions, _combos, region, combo, period, value);
    }

    private static bool IsSorted(int[] values)
    {
        for (var i = 1; i < values.Length; i++)
            if (values[i] < values[i - 1])
                return false;
        return true;
    }
}
