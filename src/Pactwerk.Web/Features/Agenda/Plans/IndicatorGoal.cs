namespace Pactwerk.Web.Features.Agenda;

public enum GoalKind
{
    Baseline,
    Target,
}

/// <summary>A baseline or a target of an indicator for a region, set by a revision of a plan.</summary>
[Data.ShownOnMonitor]
public class IndicatorGoal : Audit.IAudited
{
    public int Id { get; set; }
    public int IndicatorId { get; set; }
    public int RegionId { get; set; }
    public GoalKind Kind { get; set; }
    public int PeriodStart { get; set; }
    public double Value { get; set; }
    /// <summary>The plan revision that set it; a later revision's copy may set another value.</summary>
    public int PlanRevisionId { get; set; }
    public PlanRevision PlanRevision { get; set; } = null!;
}
