namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// One value of a data element for a region, period and combination of dimension values, or a
/// suppressed cell (Value null, DUO's "&lt;5"). Older releases' values stay, marked not current.
/// </summary>
[Data.ShownOnMonitor]
public class Observation
{
    public long Id { get; set; }
    public int DataElementId { get; set; }
    public int ReleaseId { get; set; }
    public int RegionId { get; set; }
    /// <summary>First year of the period; its kind is the element's.</summary>
    public int PeriodStart { get; set; }
    /// <summary>Dimension values in the element's order, separated by U+001F.</summary>
    public required string DimensionKey { get; set; }
    public double? Value { get; set; }
    public bool IsCurrent { get; set; }

    public const char Separator = '\u001f';
}
