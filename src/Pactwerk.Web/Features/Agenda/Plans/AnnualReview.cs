using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

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
public sealed class AnnualReview(PactwerkDb db, MonitorQueries monitor, ContinuityCheck continuity)
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
        var movements = new Dictionary<string, IndicatorMovement>();

        var reviews = new List<ObjectiveReview>();
        foreach (var objective in revision.Objectives)
        {
            var indicators = new List<IndicatorMovement>();
            foreach (var indicator in indicatorsOf[objective.Id])
            {
                if (!movements.TryGetValue(indicator.Code, out var movement))
                    movements[indicator.Code] = movement = await MovementAsync(indicator.Code, indicator.Name, indicator.Direction, regionCode, year, revision, ct);
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
    private async Task<IndicatorMovement> MovementAsync(string code, string name, Direction direction, string regionCode, int year, RevisionDto revision, CancellationToken ct)
    {
        var baseline = revision.Goals.SingleOrDefault(g => g.Indicator == code && g.Region == regionCode && g.Kind == GoalKind.Baseline);
        var target = revision.Goals.SingleOrDefault(g => g.Indicator == code && g.Region == regionCode && g.Kind == GoalKind.Target);
        var values = await monitor.ValuesAsync(new ValuesQuery(code, null, regionCode, null, null), ct);
        var rows = values is QueryOutcome<List<ValueRow>>.Found found ? found.Value : [];
        var latest = rows.Select(r => (Row: r, Parsed: Period.TryParseWithKind(r.Period, out var p) ? p : (Period?)null))
            .Where(r => r.Row.Value is not null && r.Parsed is { } p && p.StartYear <= year)
            .MaxBy(r => r.Parsed!.Value.StartYear);
        var kind = latest.Parsed?.Kind ?? PeriodKind.CalendarYear;
        var status = baseline is null || target is null || latest.Row is null
            ? TrackStatus.Unknown
            : OnTrack.Assess(baseline.Value, baseline.Period, target.Value, target.Period, latest.Row.Value!.Value, latest.Parsed!.Value.StartYear, direction);
        return new IndicatorMovement(code, name, regionCode, baseline is null ? null : new Period(kind, baseline.Period).ToString(), baseline?.Value,
            target is null ? null : new Period(kind, target.Period).ToString(), target?.Value, latest.Row?.Period, latest.Row?.Value, status);
    }
}
