namespace Pactwerk.Web.Features.Monitor;

[Data.ShownOnMonitor]
public class IndicatorVersion
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int Version { get; set; }
    /// <summary>The definition as JSON: numerator and denominator measures and the multiplier.</summary>
    public required string Definition { get; set; }
    /// <summary>Plain-language definition, shown to users.</summary>
    public required string Description { get; set; }
    /// <summary>The same in English; null when none was given (the Dutch text is shown then).</summary>
    public string? DescriptionEn { get; set; }
    /// <summary>Where the figures come from, in the coordinator's words (provenance beside the release of each figure).</summary>
    public string? Source { get; set; }
    /// <summary>The period from which this definition holds ("2024" or "2024/2025"); null for the first version.</summary>
    public string? ValidFrom { get; set; }
    /// <summary>Why the definition changed; required for every version after the first.</summary>
    public string? Reason { get; set; }
    /// <summary>Who made this version (the audit trail holds the same, this is for the history shown beside it).</summary>
    public string? CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
}
