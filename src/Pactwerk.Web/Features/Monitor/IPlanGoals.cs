namespace Pactwerk.Web.Features.Monitor;

/// <summary>A baseline or a target as on-track is judged by it: a value for the period that starts in a year.</summary>
public sealed record PlanGoal(int PeriodStart, double Value);

/// <summary>The baseline and target that hold for an indicator and region, and the plan revision that set them.</summary>
public sealed record CurrentGoals(string? Revision, int? RevisionId, PlanGoal? Baseline, PlanGoal? Target);

/// <summary>An objective of a pact as an edition shows it: its number, title and the indicators it is measured by.</summary>
public sealed record PactObjective(int Number, string Title, IReadOnlyList<string> IndicatorCodes);

/// <summary>
/// What the monitor needs from a pact's plans: the goals it measures figures against, and the
/// indicators the pact's objectives are measured by. The agenda answers; the monitor only asks,
/// so it does not depend on the agenda.
/// </summary>
public interface IPlanGoals
{
    Task<CurrentGoals> CurrentAsync(int indicatorId, string regionCode, CancellationToken ct);

    /// <summary>The codes of the indicators the pact's objectives are measured by, in the order of the objectives.</summary>
    Task<IReadOnlyList<string>> KeyIndicatorsAsync(int pactId, CancellationToken ct);

    /// <summary>The pact's objectives in order of their number, each with the codes of its indicators.</summary>
    Task<IReadOnlyList<PactObjective>> ObjectivesAsync(int pactId, CancellationToken ct);
}
