using Pactwerk.Web.Features.Agenda;

namespace Pactwerk.Tests.Agenda;

/// <summary>The status workflow and the continuity-risk rule on their own, without the app.</summary>
public sealed class ActionWorkflowTests
{
    [Theory]
    [InlineData(ActionStatus.Idea, ActionStatus.Running, null)]
    [InlineData(ActionStatus.Running, ActionStatus.Completed, null)]
    [InlineData(ActionStatus.Idea, ActionStatus.Stopped, "Geen subsidie gekregen")]
    [InlineData(ActionStatus.Running, ActionStatus.Stopped, "Partner haakte af")]
    [InlineData(ActionStatus.Running, ActionStatus.Running, null)]
    public void Allowed_moves_are_made(ActionStatus from, ActionStatus to, string? reason)
    {
        var action = new PactAction { Slug = "a", Title = "A", Summary = "a" };
        action.RecordIn(from, from == ActionStatus.Stopped ? "Eerder gestopt" : null);

        Assert.Null(PactAction.RefuseMove(from, to, reason));
        action.MoveTo(to, reason);

        Assert.Equal(to, action.Status);
        Assert.Equal(to == ActionStatus.Stopped ? reason : null, action.StopReason);
    }

    [Theory]
    [InlineData(ActionStatus.Idea, ActionStatus.Completed, null, "pas afgerond zijn als ze eerst heeft gelopen")]
    [InlineData(ActionStatus.Running, ActionStatus.Stopped, null, "Geef de reden waarom de actie stopt.")]
    [InlineData(ActionStatus.Running, ActionStatus.Stopped, "   ", "Geef de reden waarom de actie stopt.")]
    [InlineData(ActionStatus.Completed, ActionStatus.Running, null, "al afgesloten")]
    [InlineData(ActionStatus.Stopped, ActionStatus.Running, null, "al afgesloten")]
    [InlineData(ActionStatus.Running, ActionStatus.Idea, null, "gaat niet terug")]
    public void Refused_moves_say_why_and_change_nothing(ActionStatus from, ActionStatus to, string? reason, string message)
    {
        var action = new PactAction { Slug = "a", Title = "A", Summary = "a" };
        action.RecordIn(from, from == ActionStatus.Stopped ? "Eerder gestopt" : null);

        Assert.Contains(message, PactAction.RefuseMove(from, to, reason));
        var thrown = Assert.Throws<InvalidOperationException>(() => action.MoveTo(to, reason));

        Assert.Contains(message, thrown.Message);
        Assert.Equal(from, action.Status);
    }

    private static readonly DateOnly Today = new(2026, 3, 15);

    private static FundingSource Source(DateOnly start, DateOnly end) => new() { Funder = $"F{start:yyyyMMdd}", StartsOn = start, EndsOn = end };

    [Theory]
    // The horizon is inclusive: ending exactly twelve months from today is within it.
    [InlineData(0, ActionStatus.Running, true)]
    [InlineData(1, ActionStatus.Running, false)]
    [InlineData(-400, ActionStatus.Running, true)]
    [InlineData(0, ActionStatus.Idea, true)]
    [InlineData(0, ActionStatus.Completed, false)]
    [InlineData(0, ActionStatus.Stopped, false)]
    public void A_source_ending_within_the_horizon_flags_a_running_action(int daysAfterHorizon, ActionStatus status, bool flagged)
    {
        var source = Source(Today.AddYears(-2), Today.AddMonths(12).AddDays(daysAfterHorizon));

        var risk = ContinuityRisk.EndingWithoutFollowUp(status, null, [source], Today, 12);

        Assert.Equal(flagged ? source : null, risk);
    }

    [Theory]
    [InlineData(1, false)]   // follow-up starts the day after: continuous
    [InlineData(0, false)]   // overlapping follow-up
    [InlineData(2, true)]    // a gap of one day
    public void Follow_up_funding_lifts_the_flag_only_without_a_gap(int followUpStartsDaysAfter, bool flagged)
    {
        var ending = Source(Today.AddYears(-1), Today.AddMonths(3));
        var next = Source(ending.EndsOn.AddDays(followUpStartsDaysAfter), Today.AddYears(3));

        var risk = ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, null, [ending, next], Today, 12);

        Assert.Equal(flagged ? ending : null, risk);
    }

    [Fact]
    public void An_action_that_ends_with_its_funding_is_not_at_risk_and_a_shorter_horizon_flags_less()
    {
        var source = Source(Today.AddYears(-1), Today.AddMonths(8));

        Assert.Null(ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, source.EndsOn, [source], Today, 12));
        Assert.Equal(source, ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, source.EndsOn.AddDays(1), [source], Today, 12));
        Assert.Null(ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, null, [source], Today, 6));
    }

    [Fact]
    public void An_old_gap_closed_by_funding_that_runs_now_is_no_risk_but_money_that_ran_out_without_follow_up_is()
    {
        var old = Source(new DateOnly(2015, 1, 1), new DateOnly(2016, 12, 31));
        var current = Source(new DateOnly(2017, 3, 1), new DateOnly(2030, 12, 31));
        var notYet = Source(Today.AddMonths(2), new DateOnly(2030, 12, 31));

        Assert.Null(ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, null, [old, current], Today, 12));
        Assert.Equal(old, ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, null, [old], Today, 12));
        // Money promised for later does not pay for today.
        Assert.Equal(old, ContinuityRisk.EndingWithoutFollowUp(ActionStatus.Running, null, [old, notYet], Today, 12));
    }

    [Fact]
    public void Reports_are_due_per_year_the_action_ran_from_the_first_of_April_after_and_a_closed_action_without_end_owes_nothing()
    {
        var reported = new HashSet<int> { 2023 };

        // Started mid 2022, still running on 15 March 2026: 2022 and 2024 are overdue; 2025 is due on 1 April 2026.
        Assert.Equal([2022, 2024], OutputReporting.OverdueYears(ActionStatus.Running, new DateOnly(2022, 6, 1), null, reported, Today));
        Assert.Equal([2022], OutputReporting.OverdueYears(ActionStatus.Completed, new DateOnly(2022, 6, 1), new DateOnly(2023, 5, 1), reported, Today));
        Assert.Empty(OutputReporting.OverdueYears(ActionStatus.Stopped, new DateOnly(2022, 6, 1), null, reported, Today));
        Assert.Empty(OutputReporting.OverdueYears(ActionStatus.Idea, new DateOnly(2022, 6, 1), null, reported, Today));
    }
}
