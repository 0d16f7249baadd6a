namespace Pactwerk.Web.Features.Monitor;

/// <summary>A baseline or a target as on-track is judged by it: a value for the period that starts in a year.</summary>
public sealed record PlanGoal(int PeriodStart, double Value);

/// <summary>The baseline and target that hold for an indicator and region, and the plan revision that set them.</summary>
public sealed record CurrentGoals(string? Revision, int? RevisionId, PlanGoal? Baseline, PlanGoal? Target);

/// <summary>
/// The goals the monitor measures figures against. Plans set them and the agenda answers this;
/// the monitor only asks, so it does not depend on the agenda.
/// </summary>
public interface IPlanGoals
{
    Task<CurrentGoals> CurrentAsync(int indicatorId, string regionCode, CancellationToken ct);
}
