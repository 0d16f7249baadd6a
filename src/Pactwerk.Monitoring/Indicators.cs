namespace Pactwerk.Monitoring;

/// <summary>The cells of an element to add up: those whose dimension values are in the filter.</summary>
public sealed record Measure(string Element, IReadOnlyDictionary<string, IReadOnlyList<string>> Filter)
{
    public static Measure All(string element) => new(element, new Dictionary<string, IReadOnlyList<string>>());

    /// <summary>A stable text for caching and for showing a definition.</summary>
    public string Key => Element + "[" + string.Join(";", Filter.OrderBy(f => f.Key, StringComparer.Ordinal)
        .Select(f => f.Key + "=" + string.Join(",", f.Value.Order(StringComparer.Ordinal)))) + "]";
}

public enum Direction
{
    HigherIsBetter,
    LowerIsBetter,
}

/// <summary>
/// value = multiplier × Σ numerator / Σ denominator, both summed over the region's municipalities;
/// without a denominator the value is the multiplied sum itself.
/// </summary>
public sealed record IndicatorDefinition(string Code, Measure Numerator, Measure? Denominator = null, double Multiplier = 1)
{
    /// <summary>
    /// True when every numerator cell is also a denominator cell (same element, a narrower or
    /// equal filter), as in a share: then the cells left out are the denominator's, not the sum of both.
    /// </summary>
    public bool NumeratorWithinDenominator => Denominator is { } d
        && string.Equals(d.Element, Numerator.Element, StringComparison.OrdinalIgnoreCase)
        && d.Filter.All(f => Numerator.Filter.TryGetValue(f.Key, out var values) && values.All(v => f.Value.Contains(v, StringComparer.OrdinalIgnoreCase)));
}

/// <summary>An indicator's value for one region and period, with what it was made of.</summary>
public readonly record struct Aggregate(double Numerator, double? Denominator, int SuppressedCells, int Cells, double Multiplier)
{
    /// <summary>Null when nothing was measured, or the denominator is zero.</summary>
    public double? Value => Cells == 0 ? null
        : Denominator is null ? Multiplier * Numerator
        : Denominator.Value == 0 ? null
        : Multiplier * Numerator / Denominator.Value;
}

public enum TrackStatus
{
    /// <summary>No baseline, target or value to compare.</summary>
    Unknown,
    OnTrack,
    OffTrack,
    /// <summary>Moving away from the target.</summary>
    WrongDirection,
}

/// <summary>
/// The on-track rule: the expected value in a year lies on the straight line from baseline to
/// target; a region is on track when it made at least <see cref="Threshold"/> of the progress
/// expected by then (in the indicator's direction).
/// </summary>
public static class OnTrack
{
    public const double Threshold = 0.85;

    /// <summary>How far along the straight line a year lies (1 from the target year on); null before the baseline or without a line.</summary>
    private static double? Share(int baselineYear, int targetYear, int year) =>
        targetYear <= baselineYear || year < baselineYear ? null : Math.Min(1, (double)(year - baselineYear) / (targetYear - baselineYear));

    /// <summary>The value the straight line from baseline to target expects in a year (the target itself after the target year); null before the baseline.</summary>
    public static double? Expected(double baselineValue, int baselineYear, double targetValue, int targetYear, int year) =>
        Share(baselineYear, targetYear, year) is { } share ? baselineValue + (targetValue - baselineValue) * share : null;

    public static TrackStatus Assess(double baselineValue, int baselineYear, double targetValue, int targetYear, double actual, int actualYear, Direction direction)
    {
        if (Share(baselineYear, targetYear, actualYear) is not { } share)
            return TrackStatus.Unknown;
        var expectedGain = (targetValue - baselineValue) * share;
        var gain = actual - baselineValue;
        if (direction == Direction.LowerIsBetter)
            (expectedGain, gain) = (-expectedGain, -gain);
        if (expectedGain <= 0)
            return gain >= expectedGain ? TrackStatus.OnTrack : TrackStatus.WrongDirection;
        if (gain < 0)
            return TrackStatus.WrongDirection;
        return gain >= Threshold * expectedGain ? TrackStatus.OnTrack : TrackStatus.OffTrack;
    }
}
