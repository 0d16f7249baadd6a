using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Agenda;

public sealed record ObjectiveRef(int Id, string Pact, int Number, string Title, string Description, bool IsDemoContent);
/// <summary>An action counted in the effect view, with its regions by code and name.</summary>
public sealed record EffectAction(int Id, string Title, string Status, IReadOnlyList<RegionRef> Regions);
/// <summary>The outputs of the objective's actions in one year and unit, added up, and how many actions reported them.</summary>
public sealed record YearOutputSum(int Year, string Unit, decimal Quantity, int Actions);
/// <param name="Protected">Set when the small-cell rule of a confidential source hides the value from this reader.</param>
public sealed record TrackPoint(string Period, double? Value, double? Expected, string Status, Monitor.SmallCell? Protected = null);
public sealed record IndicatorTrack(string Code, string Name, string Unit, string? Plan, TrackPoint? Baseline, TrackPoint? Target, IReadOnlyList<TrackPoint> Points);
public sealed record EffectView(ObjectiveRef Objective, RegionRef Region, IReadOnlyList<EffectAction> Actions, IReadOnlyList<YearOutputSum> Outputs,
    IReadOnlyList<IndicatorTrack> Indicators);

/// <summary>
/// The effect view of an objective for a region: what its actions inside the region produced,
/// year by year, beside how its indicators moved against the target of the plan that holds there.
/// Outputs of kind "other" are listed with their action but not added up: they share no unit.
/// </summary>
public sealed class ObjectiveEffect(PactwerkDb db, MonitorFigures figures, IEnumerable<IActionIndicators> actionIndicators)
{
    private static IQueryable<ObjectiveRef> Refs(PactwerkDb db, int id) =>
        db.Objectives.Where(o => o.Id == id).Select(o => new ObjectiveRef(o.Id, db.Pacts.Where(p => p.Id == o.PactId).Select(p => p.Code).First(), o.Number, o.Title, o.Description, o.IsDemoContent));

    public async Task<QueryOutcome<EffectView>> ComputeAsync(int objectiveId, string? regionCode, CancellationToken ct)
    {
        var objective = await Refs(db, objectiveId).SingleOrDefaultAsync(ct);
        if (objective is null)
            return new QueryOutcome<EffectView>.Invalid("id", $"Er is geen doel met nummer {objectiveId}.");
        var code = string.IsNullOrWhiteSpace(regionCode) ? RegionSetCodes.CountryCode : regionCode.Trim().ToUpperInvariant();
        var region = await db.Regions.Where(r => r.Code == code && r.ValidTo == null).Select(r => new { r.Id, r.Code, r.Name }).SingleOrDefaultAsync(ct);
        if (region is null)
            return new QueryOutcome<EffectView>.Invalid("region", $"Er is geen regio met code '{regionCode}'.");

        var actions = await db.PactActions.AsNoTracking().Where(a => a.Objectives.Any(o => o.ObjectiveId == objectiveId))
            .Include(a => a.Regions).ThenInclude(r => r.Region).Include(a => a.Outputs).ToListAsync(ct);
        var inside = await AccessScopeProvider.RegionsInsideAsync(db, region.Id, actions.SelectMany(a => a.Regions.Select(r => r.RegionId)).Distinct().ToList(), ct);
        var counted = actions.Where(a => a.Regions.Any(r => inside.Contains(r.RegionId))).OrderBy(a => a.Title).ToList();

        var sums = counted.SelectMany(a => a.Outputs.Where(o => o.Unit != OutputUnit.Other).Select(o => (Action: a.Id, Output: o)))
            .GroupBy(x => (x.Output.Year, x.Output.Unit))
            .OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Unit)
            .Select(g => new YearOutputSum(g.Key.Year, g.Key.Unit.ToString(), g.Sum(x => x.Output.Quantity), g.Select(x => x.Action).Distinct().Count()))
            .ToList();

        var indicatorIds = await db.Objectives.Where(o => o.Id == objectiveId).SelectMany(o => o.Indicators.Select(i => i.IndicatorId)).ToListAsync(ct);
        var indicators = await db.Indicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id)).OrderBy(i => i.Code).ToListAsync(ct);
        // Beside them, what the counted actions feed themselves (a voucher scheme's vouchers), after the objective's own.
        var ids = counted.Select(a => a.Id).ToList();
        var fed = new List<string>();
        foreach (var source in actionIndicators)
            fed.AddRange(await source.ForActionsAsync(ids, ct));
        var known = indicators.Select(i => i.Code).ToHashSet(StringComparer.Ordinal);
        var extra = await db.Indicators.AsNoTracking().Where(i => fed.Contains(i.Code)).ToListAsync(ct);
        indicators.AddRange(fed.Where(known.Add).Select(code => extra.SingleOrDefault(i => i.Code == code)).OfType<Indicator>());
        var reader = await figures.ReaderAsync(ct);
        var tracks = new List<IndicatorTrack>();
        foreach (var indicator in indicators)
            tracks.Add(await TrackAsync(indicator, region.Code, reader, ct));

        return new QueryOutcome<EffectView>.Found(new EffectView(objective, new RegionRef(region.Code, region.Name),
            counted.Select(a => new EffectAction(a.Id, a.Title, a.Status.ToString(), a.Regions.OrderBy(r => r.Region.Name).Select(r => new RegionRef(r.Region.Code, r.Region.Name)).ToList())).ToList(),
            sums, tracks));
    }

    /// <summary>The indicator's values in the region per period, as the reader may see them, each beside the straight line from baseline to target.</summary>
    private async Task<IndicatorTrack> TrackAsync(Indicator indicator, string regionCode, FigureReader reader, CancellationToken ct)
    {
        var series = await figures.SeriesAsync(indicator.Code, regionCode, reader, ct);
        if (series is null)
            return new IndicatorTrack(indicator.Code, indicator.Name, indicator.Unit, null, null, null, []);
        var track = MonitorFigures.Track(series, await figures.GoalsAsync(indicator.Id, regionCode, ct));
        var points = track.Rows.Select(p => new TrackPoint(p.Row.Period.ToString(), p.Row.Value, p.Expected, p.Status.ToString(), p.Row.Protected)).ToList();
        static TrackPoint? Goal(GoalPeriod? g) => g is null ? null : new TrackPoint(g.Period.ToString(), g.Value, g.Value, TrackStatus.Unknown.ToString());
        return new IndicatorTrack(indicator.Code, indicator.Name, indicator.Unit, track.Plan, Goal(track.Baseline), Goal(track.Target), points);
    }
}
