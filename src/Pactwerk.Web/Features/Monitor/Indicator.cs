using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>An indicator; its definition is versioned and every value says which version made it.</summary>
[Data.ShownOnMonitor]
public class Indicator : Audit.IAudited
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Unit { get; set; }
    public Direction Direction { get; set; }
    public int CurrentVersion { get; set; }
    public List<IndicatorVersion> Versions { get; set; } = [];
}
