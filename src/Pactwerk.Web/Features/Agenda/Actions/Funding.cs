namespace Pactwerk.Web.Features.Agenda;

/// <summary>Money for an action from one funder for a period ("Regionaal Investeringsfonds mbo", 2018–2021).</summary>
public class FundingSource : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int ActionId { get; set; }
    public required string Funder { get; set; }
    /// <summary>Euros; never negative.</summary>
    public decimal Amount { get; set; }
    public DateOnly StartsOn { get; set; }
    /// <summary>Inclusive last day of the funding.</summary>
    public DateOnly EndsOn { get; set; }
}

/// <summary>
/// Continuity risk: subsidised projects tend to stop when the subsidy ends. An action that still
/// runs (or is still an idea) is at risk when one of its funding sources ends within the horizon
/// (or has already ended), the action itself goes on after that day, and no follow-up funding is
/// recorded: no other source that starts by the day after (or, for money already gone, by today) and ends later.
/// </summary>
public static class ContinuityRisk
{
    public const int DefaultHorizonMonths = 12;

    /// <summary>The funding source whose end puts the action at risk, or null when there is none.</summary>
    public static FundingSource? EndingWithoutFollowUp(PactAction action, DateOnly today, int horizonMonths) =>
        EndingWithoutFollowUp(action.Status, action.EndsOn, action.Funding, today, horizonMonths);

    public static FundingSource? EndingWithoutFollowUp(ActionStatus status, DateOnly? actionEndsOn, IReadOnlyCollection<FundingSource> funding,
        DateOnly today, int horizonMonths)
    {
        if (status is ActionStatus.Completed or ActionStatus.Stopped)
            return null;
        var horizon = today.AddMonths(horizonMonths);
        return funding
            .Where(s => s.EndsOn <= horizon)
            .Where(s => actionEndsOn is null || actionEndsOn > s.EndsOn)
            // Follow-up: a source that goes on after this one and started by the day after it ended, or, for money
            // that already ran out, one that has started by today (an old gap that is closed now is no risk).
            .Where(s => !funding.Any(next => next != s && next.EndsOn > s.EndsOn
                && next.StartsOn <= (s.EndsOn.AddDays(1) > today ? s.EndsOn.AddDays(1) : today)))
            .OrderBy(s => s.EndsOn)
            .FirstOrDefault();
    }
}
