using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>Who reads the figures: coordinators see the figures of confidential sources in full, everyone else under the small-cell rule.</summary>
public sealed record FigureReader(bool SeesConfidential)
{
    /// <summary>An anonymous visitor, a newsletter subscriber, an embedding site.</summary>
    public static readonly FigureReader Public = new(false);
}

/// <summary>The indicator behind a series: what on-track needs to know of it.</summary>
public sealed record FigureIndicator(int Id, string Code, string Name, string Unit, Direction Direction, PeriodKind Kind, int Version);

/// <summary>Rows of one indicator as a reader may see them, and the rule that protected them.</summary>
public sealed record Figures(FigureIndicator Indicator, Disclosure Disclosure, IReadOnlyList<ValueRow> Rows);

/// <summary>A baseline or target year of a plan with its value.</summary>
public sealed record GoalYear(int Year, double Value);

/// <summary>The goals that hold for an indicator in a region, and the plan (revision) that set them.</summary>
public sealed record TrackGoals(string? Plan, GoalYear? Baseline, GoalYear? Target)
{
    public static readonly TrackGoals None = new(null, null, null);
}

public sealed record GoalPeriod(Period Period, double Value);
public sealed record ExpectedPoint(Period Period, double Expected);
/// <summary>A row of the series beside the straight line, with the status it had in its own period.</summary>
public sealed record TrackedRow(ValueRow Row, double? Expected, TrackStatus Status);

/// <summary>
/// The on-track status of a series against its goals: the latest value the reader may see (up to
/// the as-of year), the goals as periods, the straight line from baseline to target year by year,
/// and each row beside that line.
/// </summary>
public sealed record Track(TrackStatus Status, ValueRow? Latest, string? Plan, GoalPeriod? Baseline, GoalPeriod? Target,
    IReadOnlyList<ExpectedPoint> Line, IReadOnlyList<TrackedRow> Rows);

/// <summary>
/// The one public way to read the monitor's figures. Every figure is protected according to its
/// source: a published source (its publisher already hid the small cells) is shown as computed, a
/// confidential one gets the small-cell rule with secondary suppression (<see cref="Pages.SmallCellMap"/>)
/// for every reader who is not a coordinator. On-track is judged here only, on what the reader may see.
/// </summary>
public sealed class MonitorFigures
{
    private readonly PactwerkDb _db;
    private readonly MonitorQueries _queries;
    private readonly MonitorEngineHost _host;
    private readonly Pages.SmallCellMap _smallCells;
    private readonly AccessScopeProvider _scopes;
    private readonly IPlanGoals _planGoals;
    private readonly MonitorCatalogue _catalogue;

    internal MonitorFigures(PactwerkDb db, MonitorQueries queries, MonitorEngineHost host, Pages.SmallCellMap smallCells, AccessScopeProvider scopes, IPlanGoals planGoals,
        MonitorCatalogue catalogue) =>
        (_db, _queries, _host, _smallCells, _scopes, _planGoals, _catalogue) = (db, queries, host, smallCells, scopes, planGoals, catalogue);

    /// <summary>The reader of the current request: a coordinator sees confidential figures.</summary>
    public async Task<FigureReader> ReaderAsync(CancellationToken ct) => new((await _scopes.GetAsync(ct)).Coordinates());

    /// <summary>How an indicator's figures are shown: confidential when any element it reads comes from a confidential source.</summary>
    internal Disclosure DisclosureOf(IndicatorDefinition definition) =>
        _host.DisclosureOf(definition.Numerator.Element) == Disclosure.Confidential
        || definition.Denominator is { } d && _host.DisclosureOf(d.Element) == Disclosure.Confidential
            ? Disclosure.Confidential : Disclosure.Published;

    /// <summary>The figures a query asks for, as this reader may see them.</summary>
    public async Task<QueryOutcome<Figures>> ReadAsync(ValuesQuery query, FigureReader reader, CancellationToken ct)
    {
        switch (await _queries.ValuesAsync(query, ct))
        {
            case QueryOutcome<QueryResult>.Invalid invalid:
                return new QueryOutcome<Figures>.Invalid(invalid.Parameter, invalid.Message);
            case QueryOutcome<QueryResult>.Found { Value: var result }:
                var disclosure = DisclosureOf(result.Definition);
                var rows = disclosure == Disclosure.Published || reader.SeesConfidential
                    ? result.Rows
                    : await _smallCells.ProtectAsync(_db, result, query.Breakdown, ct);
                var i = result.Indicator;
                return new QueryOutcome<Figures>.Found(new Figures(new FigureIndicator(i.Id, i.Code, i.Name, i.Unit, i.Direction, result.Kind, result.Version),
                    disclosure, rows));
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>An indicator's series for one region (every period), as this reader may see it; null when the indicator or region is unknown.</summary>
    public async Task<Figures?> SeriesAsync(string indicator, string region, FigureReader reader, CancellationToken ct) =>
        await ReadAsync(new ValuesQuery(indicator, null, region, null, null), reader, ct) is QueryOutcome<Figures>.Found found ? found.Value : null;

    /// <summary>The goals of the plan that holds for the indicator in the region (the region's own adopted plan first, else the national one).</summary>
    /// <remarks>Held in the catalogue's snapshot (dropped with it at every committed change to goals or plans): a signed-in
    /// reader's page is not output-cached, and this query was a third of its handler's time.</remarks>
    public async Task<TrackGoals> GoalsAsync(int indicatorId, string region, CancellationToken ct)
    {
        var code = region.Trim().ToUpperInvariant();
        // The snapshot is taken before the query, so goals read from the database are never filed under a later generation.
        var catalogue = await _catalogue.CurrentAsync(ct);
        if (catalogue.Goals.TryGetValue((indicatorId, code), out var held))
            return held;
        var goals = await _planGoals.CurrentAsync(indicatorId, code, ct);
        var track = new TrackGoals(goals.Revision, goals.Baseline is { } b ? new GoalYear(b.PeriodStart, b.Value) : null,
            goals.Target is { } t ? new GoalYear(t.PeriodStart, t.Value) : null);
        catalogue.Goals.TryAdd((indicatorId, code), track);
        return track;
    }

    /// <summary>The pact's key indicators (those its objectives are measured by), held in the catalogue's snapshot like the goals.</summary>
    public async Task<IReadOnlyList<string>> KeyIndicatorsAsync(int pactId, CancellationToken ct)
    {
        var catalogue = await _catalogue.CurrentAsync(ct);
        if (catalogue.KeyIndicators.TryGetValue(pactId, out var held))
            return held;
        var codes = await _planGoals.KeyIndicatorsAsync(pactId, ct);
        catalogue.KeyIndicators.TryAdd(pactId, codes);
        return codes;
    }

    /// <summary>A pact by its code, held in the catalogue's snapshot; null (and nothing held) for an unknown code.</summary>
    public async Task<Pacts.PactRef?> PactAsync(string? code, CancellationToken ct)
    {
        var catalogue = await _catalogue.CurrentAsync(ct);
        var normalised = Pacts.PactLookup.Normalise(code);
        if (catalogue.Pacts.TryGetValue(normalised, out var held))
            return held;
        var pact = await Pacts.PactLookup.FindAsync(_db, normalised, ct);
        if (pact is not null)
            catalogue.Pacts.TryAdd(normalised, pact);
        return pact;
    }

    /// <summary>
    /// The on-track status of a series against goals, judged on the latest value the series holds
    /// (its period's start year at most <paramref name="asOf"/> when given), and the expected line.
    /// </summary>
    public static Track Track(Figures series, TrackGoals goals, int? asOf = null)
    {
        var kind = series.Indicator.Kind;
        var (baseline, target) = (goals.Baseline, goals.Target);
        double? Expected(int year) => baseline is null || target is null ? null
            : OnTrack.Expected(baseline.Value, baseline.Year, target.Value, target.Year, year) is { } e ? Math.Round(e, 4) : null;
        TrackStatus Assess(ValueRow row) => baseline is null || target is null || row.Value is not { } value ? TrackStatus.Unknown
            : OnTrack.Assess(baseline.Value, baseline.Year, target.Value, target.Year, value, row.Period.StartYear, series.Indicator.Direction);

        var rows = series.Rows.Where(r => r.Breakdown is null).OrderBy(r => r.Period).Select(r => new TrackedRow(r, Expected(r.Period.StartYear), Assess(r))).ToList();
        var latest = rows.LastOrDefault(r => r.Row.Value is not null && (asOf is null || r.Row.Period.StartYear <= asOf));
        var line = new List<ExpectedPoint>();
        if (baseline is not null && target is not null && target.Year > baseline.Year)
            for (var year = baseline.Year; year <= target.Year; year++)
                line.Add(new ExpectedPoint(new Period(kind, year), Expected(year)!.Value));
        return new Track(latest?.Status ?? TrackStatus.Unknown, latest?.Row, goals.Plan,
            baseline is null ? null : new GoalPeriod(new Period(kind, baseline.Year), baseline.Value),
            target is null ? null : new GoalPeriod(new Period(kind, target.Year), target.Value), line, rows);
    }

    /// <summary>
    /// What an edition's reader may see of its frozen figures and of what the monitor computes now for
    /// them: for a confidential source, the small-cell rule decided over every region the edition froze
    /// and the live decision; for a published source, everything.
    /// </summary>
    public async Task<EditionGuard> EditionGuardAsync(int editionId, int indicatorId, string indicatorCode, int version, IndicatorDefinition definition,
        IEnumerable<Period> periods, FigureReader reader, CancellationToken ct)
    {
        if (reader.SeesConfidential || DisclosureOf(definition) == Disclosure.Published)
            return EditionGuard.ShowsAll;
        var published = await _smallCells.FrozenAsync(_db, editionId, indicatorId, async c =>
            (await _db.Set<Editions.EditionFigure>().AsNoTracking().Where(f => f.EditionId == editionId && f.IndicatorId == indicatorId)
                .Select(f => new { f.RegionId, f.Period, f.Value, f.Numerator, f.Denominator }).ToListAsync(c))
            .Select(f => (f.RegionId, f.Period, new Pages.CellFigures(f.Value, f.Numerator, f.Denominator))).ToList(), ct);
        var now = new Dictionary<Period, Pages.SmallCellMap.Decision>();
        foreach (var period in periods.Distinct())
            now[period] = await _smallCells.TotalsAsync(_db, indicatorCode, version, definition, period, ct);
        return new EditionGuard(published, now);
    }
}

/// <summary>Decides per figure of an edition whether it is hidden from the reader, and why.</summary>
public sealed class EditionGuard
{
    private readonly Pages.SmallCellMap.Decision? _published;
    private readonly IReadOnlyDictionary<Period, Pages.SmallCellMap.Decision>? _now;

    internal static readonly EditionGuard ShowsAll = new(null, null);

    internal EditionGuard(Pages.SmallCellMap.Decision? published, IReadOnlyDictionary<Period, Pages.SmallCellMap.Decision>? now) =>
        (_published, _now) = (published, now);

    private bool Guards => _now is not null;

    /// <summary>Why a figure as the edition published it is hidden, if it is.</summary>
    public SmallCell? Published(string region, string period, Pages.CellFigures figures) =>
        !Guards ? null : _published?.Of(region, period) ?? (figures.IsSmall ? SmallCell.Small : null);

    /// <summary>Why the figure the monitor computes now for the same region and period is hidden, if it is.</summary>
    public SmallCell? Current(string region, Period period, Pages.CellFigures figures) =>
        !Guards ? null : _now!.GetValueOrDefault(period)?.Of(region) ?? (figures.IsSmall ? SmallCell.Small : null);
}
