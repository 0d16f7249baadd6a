namespace Pactwerk.Web.Features.Agenda;

/// <summary>A numbered objective of a pact ("3. Meer instroom in technisch beroepsonderwijs"), measured by indicators.</summary>
[Data.ShownOnMonitor]
public class Objective : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public int Number { get; set; }
    public required string Title { get; set; }
    public required string Description { get; set; }
    /// <summary>Written for the demo from what the publication says the pact aims for, not the pact's own wording.</summary>
    public bool IsDemoContent { get; set; }
    public List<ObjectiveIndicator> Indicators { get; set; } = [];
}

[Data.ShownOnMonitor]
public class ObjectiveIndicator : Audit.IAudited
{
    public int ObjectiveId { get; set; }
    public int IndicatorId { get; set; }
    public Monitor.Indicator Indicator { get; set; } = null!;
}
