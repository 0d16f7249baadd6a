using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The goals that plans set, as the monitor asks for them.</summary>
public sealed class AgendaGoals(PactwerkDb db) : IPlanGoals
{
    /// <summary>
    /// Goals hold from adopted revisions only. A landsdeel's own regional plan speaks for it first;
    /// otherwise a national plan that set a goal for the region does (the most recently adopted,
    /// should two pacts set one). Other regional plans never speak for a region that is not theirs.
    /// </summary>
    public async Task<CurrentGoals> CurrentAsync(int indicatorId, string regionCode, CancellationToken ct)
    {
        var goals = await db.IndicatorGoals.AsNoTracking()
            .Where(g => g.IndicatorId == indicatorId && g.PlanRevision.Status == RevisionStatus.Adopted
                && db.Regions.Any(r => r.Id == g.RegionId && r.Code == regionCode)
                && (g.PlanRevision.Plan.RegionId == null || g.PlanRevision.Plan.RegionId == g.RegionId))
            .Select(g => new { Goal = g, Regional = g.PlanRevision.Plan.RegionId != null, g.PlanRevision.Plan.Title,
                g.PlanRevision.Number, g.PlanRevision.FirstYear, g.PlanRevision.LastYear, g.PlanRevision.RevisedIn, g.PlanRevision.AdoptedAt })
            .ToListAsync(ct);
        var chosen = goals.OrderByDescending(g => g.Regional).ThenByDescending(g => g.AdoptedAt).ThenByDescending(g => g.Goal.PlanRevisionId).FirstOrDefault();
        if (chosen is null)
            return new CurrentGoals(null, null, null, null);
        var revisionGoals = goals.Where(g => g.Goal.PlanRevisionId == chosen.Goal.PlanRevisionId).Select(g => g.Goal).ToList();
        var label = new PlanRevision { Number = chosen.Number, FirstYear = chosen.FirstYear, LastYear = chosen.LastYear, RevisedIn = chosen.RevisedIn }.Label;
        return new CurrentGoals($"{chosen.Title} {label}", chosen.Goal.PlanRevisionId,
            Goal(revisionGoals.FirstOrDefault(g => g.Kind == GoalKind.Baseline)), Goal(revisionGoals.FirstOrDefault(g => g.Kind == GoalKind.Target)));
    }

    public async Task<IReadOnlyList<string>> KeyIndicatorsAsync(int pactId, CancellationToken ct) =>
        (await db.Objectives.AsNoTracking().Where(o => o.PactId == pactId).OrderBy(o => o.Number)
            .SelectMany(o => o.Indicators.Select(i => i.Indicator.Code)).ToListAsync(ct)).Distinct().ToList();

    public async Task<IReadOnlyList<PactObjective>> ObjectivesAsync(int pactId, CancellationToken ct) =>
        (await db.Objectives.AsNoTracking().Where(o => o.PactId == pactId).OrderBy(o => o.Number)
            .Select(o => new { o.Number, o.Title, Codes = o.Indicators.OrderBy(i => i.Indicator.Code).Select(i => i.Indicator.Code).ToList() }).ToListAsync(ct))
        .Select(o => new PactObjective(o.Number, o.Title, o.Codes)).ToList();

    private static PlanGoal? Goal(IndicatorGoal? goal) => goal is null ? null : new PlanGoal(goal.PeriodStart, goal.Value);
}
