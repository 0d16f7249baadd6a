using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Pages;

public sealed record IndicatorHead(int Id, string Code, string Name, string Unit, Direction Direction, int Version, string Description,
    string Element, PeriodKind Kind, IReadOnlyList<string> Dimensions, IReadOnlyList<(int Version, DateTime CreatedAt)> Versions);

public sealed record RegionChoice(string SetCode, string SetName, string Code, string Name);
public sealed record SetChoice(string Code, string Name);
public sealed record GoalPoint(string Period, int Year, double Value);
public sealed record PathPoint(string Period, double Expected);

/// <summary>What an indicator page asks for: region (regio), set to compare (indeling), period (periode), breakdown (uitsplitsing).</summary>
public sealed record IndicatorRequest(string Code, string? Region, string? Set, string? Period, string? Breakdown);

public sealed class IndicatorView
{
    public required IndicatorHead Indicator { get; init; }
    public required RegionChoice Region { get; init; }
    public required List<ValueRow> Series { get; init; }
    /// <summary>The country's series for comparison; empty when the region is the country.</summary>
    public required List<ValueRow> Country { get; init; }
    public string? Plan { get; init; }
    public GoalPoint? Baseline { get; init; }
    public GoalPoint? Target { get; init; }
    public required List<PathPoint> TargetPath { get; init; }
    public TrackStatus Status { get; init; }
    public required SetChoice Set { get; init; }
    public required List<SetChoice> Sets { get; init; }
    public required List<string> Periods { get; init; }
    public string? Period { get; init; }
    /// <summary>The regions of the set in the period, highest value first (hidden ones last).</summary>
    public required List<ValueRow> SetRows { get; init; }
    public string? Breakdown { get; init; }
    public required List<ValueRow> BreakdownRows { get; init; }
    public required List<string> Notes { get; init; }
    /// <summary>Problems with the request, said in words; the page shows what it could instead.</summary>
    public required List<string> Messages { get; init; }
    public bool SeesSmallCells { get; init; }
    /// <summary>The rule that protects this indicator's figures: its sources' disclosure.</summary>
    public Disclosure Disclosure { get; init; }
    public required List<ReleaseRef> Releases { get; init; }
}

public sealed record IndicatorCard(IndicatorHead Indicator, ValueRow? Latest, GoalPoint? Since, double? Change, List<ValueRow> Series, TrackStatus Status,
    GoalPoint? Target, Disclosure Disclosure);

public sealed class HomeView
{
    public required Pacts.PactRef Pact { get; init; }
    public required RegionChoice Region { get; init; }
    public required List<IndicatorCard> Cards { get; init; }
    public required List<RegionChoice> Regions { get; init; }
    public string? Message { get; init; }
}

public abstract record ViewOutcome<T>
{
    public sealed record Found(T View) : ViewOutcome<T>;
    public sealed record NotFound(string Message) : ViewOutcome<T>;
}

/// <summary>
/// Builds the monitor's pages from the engine: every figure through <see cref="MonitorFigures"/>,
/// protected for the reader according to its source. A page asks a fixed handful of queries,
/// whatever the number of regions: the engine answers a whole set from memory.
/// </summary>
public sealed class MonitorViews(MonitorCatalogue catalogue, MonitorFigures figures, IStringLocalizer<SharedResource> T)
{
    public const string DefaultSet = RegionSetCodes.Provinces;

    private static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public async Task<IndicatorHead?> IndicatorAsync(string? code, CancellationToken ct)
    {
        var normalised = (code ?? "").Trim().ToLowerInvariant();
        var known = await catalogue.CurrentAsync(ct);
        if (!known.Indicators.TryGetValue(normalised, out var indicator))
            return null;
        var version = indicator.Versions.Single(v => v.Version == indicator.CurrentVersion);
        var definition = IndicatorDefinitions.Parse(indicator.Code, version.Definition);
        var element = known.Elements.TryGetValue(definition.Numerator.Element, out var e) ? e : ((PeriodKind Kind, string Dimensions)?)null;
        var dimensions = element is not { } found || found.Dimensions.Length == 0 ? [] : found.Dimensions.Split('|');
        return new IndicatorHead(indicator.Id, indicator.Code, English ? indicator.NameEn : indicator.Name, indicator.Unit, indicator.Direction,
            version.Version, version.Description, definition.Numerator.Element, element?.Kind ?? PeriodKind.CalendarYear,
            dimensions.Where(d => !definition.Numerator.Filter.ContainsKey(d) || definition.Denominator is not null).ToList(),
            indicator.Versions.OrderBy(v => v.Version).Select(v => (v.Version, v.CreatedAt)).ToList());
    }

    public async Task<List<RegionChoice>> RegionsAsync(CancellationToken ct) =>
        (await catalogue.CurrentAsync(ct)).Regions.Select(Choice).ToList();

    private async Task<List<SetChoice>> SetsAsync(CancellationToken ct) =>
        (await catalogue.CurrentAsync(ct)).Sets.Where(s => s.Code != RegionSetCodes.Country)
        .Select(s => new SetChoice(s.Code, English ? s.NameEn : s.Name)).ToList();

    private async Task<RegionChoice?> RegionAsync(string code, CancellationToken ct) =>
        (await catalogue.CurrentAsync(ct)).RegionsByCode.TryGetValue(code.Trim().ToUpperInvariant(), out var r) ? Choice(r) : null;

    private static RegionChoice Choice(CatalogueRegion r) => new(r.SetCode, English ? r.SetNameEn : r.SetName, r.Code, r.Name);

    private async Task<Figures?> ReadAsync(ValuesQuery query, FigureReader reader, CancellationToken ct) =>
        await figures.ReadAsync(query, reader, ct) is QueryOutcome<Figures>.Found found ? found.Value : null;

    private async Task<List<ValueRow>> ValuesAsync(ValuesQuery query, FigureReader reader, CancellationToken ct) =>
        (await ReadAsync(query, reader, ct))?.Rows.ToList() ?? [];

    public async Task<ViewOutcome<IndicatorView>> IndicatorViewAsync(IndicatorRequest request, CancellationToken ct)
    {
        var indicator = await IndicatorAsync(request.Code, ct);
        if (indicator is null)
            return new ViewOutcome<IndicatorView>.NotFound(T["Er is geen indicator met code '{0}'.", request.Code]);
        var reader = await figures.ReaderAsync(ct);
        var messages = new List<string>();

        var region = string.IsNullOrWhiteSpace(request.Region) ? null : await RegionAsync(request.Region, ct);
        if (region is null && !string.IsNullOrWhiteSpace(request.Region))
            messages.Add(T["Er is geen regio met code '{0}'; hieronder staat heel Nederland.", request.Region]);
        region ??= await RegionAsync(RegionSetCodes.CountryCode, ct) ?? new RegionChoice(RegionSetCodes.Country, "Nederland", RegionSetCodes.CountryCode, "Nederland");

        var sets = await SetsAsync(ct);
        var set = sets.FirstOrDefault(s => string.Equals(s.Code, request.Set?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (set is null && !string.IsNullOrWhiteSpace(request.Set))
            messages.Add(T["Er is geen regio-indeling '{0}'; de vergelijking toont de provincies.", request.Set]);
        set ??= sets.FirstOrDefault(s => s.Code == DefaultSet) ?? sets.FirstOrDefault() ?? new SetChoice(DefaultSet, DefaultSet);
        if (region.Code != RegionSetCodes.CountryCode && region.SetCode != set.Code && !string.IsNullOrWhiteSpace(request.Set))
            messages.Add(T["Regio {0} hoort niet bij de indeling {1}: de vergelijking toont alle regio's van {1}, zonder {0} aan te wijzen.", region.Name, set.Name]);

        var seriesFigures = await ReadAsync(new ValuesQuery(indicator.Code, null, region.Code, null, null), reader, ct);
        var series = seriesFigures?.Rows.ToList() ?? [];
        var country = region.Code == RegionSetCodes.CountryCode ? []
            : await ValuesAsync(new ValuesQuery(indicator.Code, null, RegionSetCodes.CountryCode, null, null), reader, ct);
        var periods = series.Concat(country).Select(r => r.Period).Distinct().Order().ToList();

        Period? period = periods.Count == 0 ? null : periods[^1];
        if (!string.IsNullOrWhiteSpace(request.Period))
        {
            if (Monitoring.Period.TryParse(request.Period, indicator.Kind, out var asked) && periods.Contains(asked))
                period = asked;
            else
                messages.Add(periods.Count == 0
                    ? T["Voor periode '{0}' zijn geen gegevens.", request.Period]
                    : T["Voor periode '{0}' zijn geen gegevens; hieronder staat de laatste periode, {1}.", request.Period, periods[^1]]);
        }

        var setRows = period is null ? [] : await ValuesAsync(new ValuesQuery(indicator.Code, set.Code, null, period.ToString(), null), reader, ct);
        setRows = setRows.OrderBy(r => r.Value is null).ThenByDescending(r => r.Value).ThenBy(r => r.Region.Name).ToList();

        string? breakdown = null;
        if (string.IsNullOrWhiteSpace(request.Breakdown))
            breakdown = indicator.Dimensions.FirstOrDefault(d => d.Equals("GESLACHT", StringComparison.OrdinalIgnoreCase));
        else if (!request.Breakdown.Equals("geen", StringComparison.OrdinalIgnoreCase))
        {
            breakdown = indicator.Dimensions.FirstOrDefault(d => d.Equals(request.Breakdown.Trim(), StringComparison.OrdinalIgnoreCase));
            if (breakdown is null)
                messages.Add(indicator.Dimensions.Count == 0
                    ? T["Deze indicator kan niet worden uitgesplitst."]
                    : T["Deze indicator kan niet worden uitgesplitst naar '{0}'; wel naar: {1}.", request.Breakdown, string.Join(", ", indicator.Dimensions)]);
        }
        var breakdownRows = breakdown is null || period is null ? []
            : await ValuesAsync(new ValuesQuery(indicator.Code, null, region.Code, period.ToString(), breakdown), reader, ct);

        var track = seriesFigures is null ? null : MonitorFigures.Track(seriesFigures, await figures.GoalsAsync(indicator.Id, region.Code, ct));
        return new ViewOutcome<IndicatorView>.Found(new IndicatorView
        {
            Indicator = indicator, Region = region, Series = series, Country = country, Plan = track?.Plan, Baseline = Point(track?.Baseline),
            Target = Point(track?.Target), TargetPath = track?.Line.Select(p => new PathPoint(p.Period.ToString(), p.Expected)).ToList() ?? [],
            Status = track?.Status ?? TrackStatus.Unknown, Set = set, Sets = sets, Periods = periods.Select(p => p.ToString()).ToList(), Period = period?.ToString(),
            SetRows = setRows, Breakdown = breakdown, BreakdownRows = breakdownRows, Notes = Notes(indicator, series.Concat(country).ToList()),
            Messages = messages, SeesSmallCells = reader.SeesConfidential, Disclosure = seriesFigures?.Disclosure ?? Disclosure.Confidential,
            Releases = series.Concat(country).Concat(setRows).Select(r => r.Release).OfType<ReleaseRef>().DistinctBy(r => r.Id).OrderBy(r => r.Id).ToList(),
        });
    }

    private static GoalPoint? Point(GoalPeriod? goal) => goal is null ? null : new GoalPoint(goal.Period.ToString(), goal.Period.StartYear, goal.Value);

    /// <summary>Series breaks: a changed definition, a gap in the periods, figures from another release.</summary>
    private List<string> Notes(IndicatorHead indicator, List<ValueRow> rows)
    {
        var notes = new List<string>();
        if (indicator.Versions.Count > 1)
            notes.Add(T["De definitie is gewijzigd (nu versie {0}, sinds {1:d}). Alle perioden zijn opnieuw berekend met de huidige definitie; eerder gepubliceerde cijfers kunnen daarom afwijken.",
                indicator.Version, indicator.Versions[^1].CreatedAt]);
        var years = rows.Select(r => r.Period.StartYear).Distinct().Order().ToList();
        for (var i = 1; i < years.Count; i++)
            if (years[i] != years[i - 1] + 1)
                notes.Add(T["Tussen {0} en {1} ontbreken perioden: de reeks is daar onderbroken.", new Period(indicator.Kind, years[i - 1]).ToString(), new Period(indicator.Kind, years[i]).ToString()]);
        foreach (var (previous, next) in rows.Where(r => r.Release is not null).GroupBy(r => r.Period).OrderBy(g => g.Key)
                     .Select(g => (Period: g.Key, Release: g.First().Release!)).Zip(rows.Where(r => r.Release is not null).GroupBy(r => r.Period)
                         .OrderBy(g => g.Key).Select(g => (Period: g.Key, Release: g.First().Release!)).Skip(1)))
            if (previous.Release.Source != next.Release.Source)
                notes.Add(T["Vanaf {0} komen de cijfers uit een andere bron ({1} in plaats van {2}).", next.Period, next.Release.Source, previous.Release.Source]);
        notes.Add(indicator.Kind == PeriodKind.SchoolYear
            ? T["Perioden zijn schooljaren (2023/2024 loopt van 1 oktober 2023)."]
            : T["Perioden zijn kalenderjaren."]);
        return notes;
    }

    public async Task<ViewOutcome<HomeView>> HomeAsync(string pactCode, string? regionCode, CancellationToken ct)
    {
        var pact = await figures.PactAsync(pactCode, ct);
        if (pact is null)
            return new ViewOutcome<HomeView>.NotFound(T["Er is geen pact met code '{0}'.", pactCode]);
        var reader = await figures.ReaderAsync(ct);
        var regions = await RegionsAsync(ct);
        string? message = null;
        var region = string.IsNullOrWhiteSpace(regionCode) ? null
            : regions.FirstOrDefault(r => string.Equals(r.Code, regionCode.Trim(), StringComparison.OrdinalIgnoreCase));
        if (region is null && !string.IsNullOrWhiteSpace(regionCode))
            message = T["Er is geen regio met code '{0}'; hieronder staat heel Nederland.", regionCode];
        region ??= regions.FirstOrDefault(r => r.Code == RegionSetCodes.CountryCode)
            ?? new RegionChoice(RegionSetCodes.Country, "Nederland", RegionSetCodes.CountryCode, "Nederland");

        // The pact's key indicators: those its objectives are measured by.
        var codes = await figures.KeyIndicatorsAsync(pact.Id, ct);
        var cards = new List<IndicatorCard>();
        foreach (var code in codes.Distinct())
        {
            var indicator = await IndicatorAsync(code, ct);
            if (indicator is null)
                continue;
            if (await ReadAsync(new ValuesQuery(code, null, region.Code, null, null), reader, ct) is not { } seriesFigures)
                continue;
            var series = seriesFigures.Rows.OrderBy(r => r.Period).ToList();
            var track = MonitorFigures.Track(seriesFigures, await figures.GoalsAsync(indicator.Id, region.Code, ct));
            var (baseline, latest) = (Point(track.Baseline), track.Latest);
            // The change since the plan's baseline year, measured in the data of that year (the plan's
            // baseline value may have been set before the data were revised); without a plan, since the first year.
            var since = track.Baseline is { } b
                ? series.FirstOrDefault(r => r.Period == b.Period && r.Value is not null) is { } atBaseline ? new GoalPoint(atBaseline.Period.ToString(), b.Period.StartYear, atBaseline.Value!.Value) : baseline
                : series.FirstOrDefault(r => r.Value is not null) is { } first ? new GoalPoint(first.Period.ToString(), first.Period.StartYear, first.Value!.Value) : null;
            var change = latest?.Value is { } l && since is not null && latest.Period.StartYear != since.Year ? Math.Round(l - since.Value, 4) : (double?)null;
            cards.Add(new IndicatorCard(indicator, latest, since, change, series, track.Status, Point(track.Target), seriesFigures.Disclosure));
        }
        return new ViewOutcome<HomeView>.Found(new HomeView { Pact = pact, Region = region, Cards = cards, Regions = regions, Message = message });
    }

    /// <summary>A figure as the page shows it, in the reader's culture.</summary>
    public static string Format(double? value, string unit, SmallCell? protectedAs = null)
    {
        if (protectedAs is { } why)
            return SmallCellText.Marker(why);
        if (value is not { } v)
            return "–";
        return NumberFormat.Value(v, unit);
    }

    /// <summary>A dimension in words where the resources know it (GESLACHT: geslacht/gender), else its own name.</summary>
    public static string DimensionLabel(IStringLocalizer<SharedResource> T, string dimension) =>
        T[$"Dimensie.{dimension}"] is { ResourceNotFound: false } label ? label.Value : dimension.ToLowerInvariant();

    public static string FormatCount(double? value) => NumberFormat.Count(value);
}
