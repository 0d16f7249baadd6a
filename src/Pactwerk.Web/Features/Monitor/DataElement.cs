using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>What is measured (hbo enrolments), with the dimensions its values are broken down by.</summary>
[Data.ShownOnMonitor]
public class DataElement
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Unit { get; set; }
    public PeriodKind PeriodKind { get; set; }
    public ElementLevel Level { get; set; }
    public int DataSourceId { get; set; }
    /// <summary>Dimension names in order, separated by '|'.</summary>
    public required string Dimensions { get; set; }

    public IReadOnlyList<string> DimensionList => Dimensions.Length == 0 ? [] : Dimensions.Split('|');
}
