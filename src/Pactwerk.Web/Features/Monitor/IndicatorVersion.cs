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
    public DateTime CreatedAt { get; set; }
}
