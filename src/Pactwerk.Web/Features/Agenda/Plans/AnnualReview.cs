using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <param name="Latest">The latest value up to the reviewed year that the reader may see (a confidential source's small cells stay hidden).</param>
public sealed record IndicatorMovement(string Indicator, string Name, string Region, string? BaselinePeriod, double? Baseline,
    string? TargetPeriod, double? Target, string? LatestPeriod, double? Latest, TrackStatus Status);
public sealed record OutputSum(OutputUnit Unit, decimal Quantity, int Actions);
public sealed record ActionAtRisk(int Id, string Title, string Funder, DateOnly FundingEndsOn);
public sealed record StoppedAction(int Id, string Title, string? Reason);
public sealed record ObjectiveReview(int Number, string Title, IReadOnlyList<IndicatorMovement> Indicators, IReadOnlyList<OutputSum> Outputs,
    IReadOnlyList<ActionAtRisk> AtRisk, IReadOnlyList<StoppedAction> Stopped);
public sealed record AnnualReviewDto(int PlanId, string Plan, string Region, RevisionSummaryDto? Revision, int Year, int HorizonMonths,
    IReadOnlyList<ObjectiveReview> Objectives);

/// <summary>
/// The annual review of a plan: per objective of its adopted revision, how the objective's
/// indicators moved against the revision's own targets for the plan's region (the country for the
/// national plan), what the revision's actions for that objective produced in the year, which of
/// them are at continuity risk and which stopped. From it the next revision is prepared.
/// </summary>
public sealed class AnnualReview(PactwerkDb db, MonitorFigures figures, ContinuityCheck continuity)
{
    /// <summary>Another engineer may move this into an options class; the key and default stay.</summary>
    public int HorizonMonths => continuity.HorizonMonths;

    public async Task<AnnualReviewDto?> BuildAsync(int planId, int year, CancellationToken ct)
    {
        var plan = await db.Plans.AsNoTracking().Include(p => p.Region).SingleOrDefaultAsync(p => p.Id == planId, ct);
        if (plan is null)
            return null;
        var regionCode = plan.Region?.Code ?? RegionSetCodes.CountryCode;
        var revision = (await PlanQueries.RevisionsAsync(db, r => r.PlanId == planId && r.Status == RevisionStatus.Adopted, ct)).SingleOrDefault();
        if (revision is null)
            return new AnnualReviewDto(plan.Id, plan.Title, regionCode, null, year, HorizonMonths, []);

        var objectiveIds = revision.Objectives.Select(o => o.Id).ToList();
        var indicatorsOf = (await db.Set<ObjectiveIndicator>().AsNoTracking().Where(l => objectiveIds.Contains(l.ObjectiveId))
                .Select(l => new { l.ObjectiveId, l.Indicator.Code, l.Indicator.Name, l.Indicator.Direction }).ToListAsync(ct))
            .ToLookup(l => l.ObjectiveId);
        var actionIds = revision.Actions.Select(a => a.Id).ToList();
        var actions = await db.PactActions.AsNoTracking().AsSplitQuery().Include(a => a.Funding).Include(a => a.Objectives)
            .Include(a => a.Outputs.Where(o => o.Year == year))
            .Where(a => actionIds.Contains(a.Id)).ToListAsync(ct);
        var today = continuity.Today;
        var reader = await figures.ReaderAsync(ct);
        var movements = new Dictionary<string, IndicatorMovement>();

        var reviews = new List<ObjectiveReview>();
        foreach (var objective in revision.Objectives)
        {
            var indicators = new List<IndicatorMovement>();
            foreach (var indicator in indicatorsOf[objective.Id])
            {
                if (!movements.TryGetValue(indicator.Code, out var movement))
                    movements[indicator.Code] = movement = await MovementAsync(indicator.Code, indicator.Name, regionCode, year, revision, reader, ct);
                indicators.Add(movement);
            }
            var own = actions.Where(a => a.Objectives.Any(o => o.ObjectiveId == objective.Id)).OrderBy(a => a.Title, Values.Dutch).ToList();
            var outputs = own.SelectMany(a => a.Outputs.Select(o => (a.Id, o.Unit, o.Quantity)))
                .GroupBy(o => o.Unit).OrderBy(g => g.Key)
                .Select(g => new OutputSum(g.Key, g.Sum(o => o.Quantity), g.Select(o => o.Id).Distinct().Count())).ToList();
            var atRisk = own.Select(a => (Action: a, Source: ContinuityRisk.EndingWithoutFollowUp(a, today, HorizonMonths)))
                .Where(x => x.Source is not null).Select(x => new ActionAtRisk(x.Action.Id, x.Action.Title, x.Source!.Funder, x.Source.EndsOn)).ToList();
            var stopped = own.Where(a => a.Status == ActionStatus.Stopped).Select(a => new StoppedAction(a.Id, a.Title, a.StopReason)).ToList();
            reviews.Add(new ObjectiveReview(objective.Number, objective.Title, indicators, outputs, atRisk, stopped));
        }
        return new AnnualReviewDto(plan.Id, plan.Title, regionCode,
            new RevisionSummaryDto(revision.Id, revision.Number, revision.Label, revision.Status, revision.AdoptedBy, revision.AdoptedAt),
            year, HorizonMonths, reviews);
    }

    /// <summary>The latest value up to the reviewed year against the revision's own baseline and target for the region.</summary>
    private async Task<IndicatorMovement> MovementAsync(string code, string name, string regionCode, int year, RevisionDto revision, FigureReader reader, CancellationToken ct)
    {
        GoalYear? Goal(GoalKind kind) => revision.Goals.SingleOrDefault(g => g.Indicator == code && g.Region == regionCode && g.Kind == kind) is { } g
            ? new GoalYear(g.Period, g.Value) : null;
        var goals = new TrackGoals(revision.Label, Goal(GoalKind.Baseline), Goal(GoalKind.Target));
        var series = await figures.SeriesAsync(code, regionCode, reader, ct);
        if (series is null)
            return new IndicatorMovement(code, name, regionCode, null, goals.Baseline?.Value, null, goals.Target?.Value, null, null, TrackStatus.Unknown);
        var track = MonitorFigures.Track(series, goals, asOf: year);
        return new IndicatorMovement(code, name, regionCode, track.Baseline?.Period.ToString(), track.Baseline?.Value,
            track.Target?.Period.ToString(), track.Target?.Value, track.Latest?.Period.ToString(), track.Latest?.Value, track.Status);
    }
}
