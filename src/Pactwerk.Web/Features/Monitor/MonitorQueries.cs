using Microsoft.EntityFrameworkCore;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor;

public sealed record RegionRef(string Code, string Name);
public sealed record ReleaseRef(int Id, string Source, string FileName, DateTime ImportedAt, DateOnly? PublishedOn);
/// <param name="Protected">Set when the small-cell rule hides the figures from this reader (<see cref="Pages.SmallCells"/>):
/// value, numerator and denominator are then null.</param>
/// <param name="Period">Typed: its kind is the indicator's, and it orders as periods do (never as text).</param>
public sealed record ValueRow(RegionRef Region, Period Period, double? Value, double? Numerator, double? Denominator, int SuppressedCells,
    string? Breakdown, ReleaseRef? Release, int DefinitionVersion, SmallCell? Protected = null);

public sealed record ValuesQuery(string? Indicator, string? RegionSet, string? Region, string? Period, string? Breakdown);

public abstract record QueryOutcome<T>
{
    public sealed record Found(T Value) : QueryOutcome<T>;
    public sealed record Invalid(string Parameter, string Message) : QueryOutcome<T>;
}

/// <summary>What a query read: the indicator, its current definition, and the rows as the engine computed them (unprotected).</summary>
internal sealed record QueryResult(Indicator Indicator, int Version, IndicatorDefinition Definition, PeriodKind Kind, List<ValueRow> Rows);

/// <summary>
/// Turns a request for figures (codes, a period as text) into engine calls, with provenance. Its rows
/// are unprotected: every reader outside the monitor goes through <see cref="MonitorFigures"/>.
/// </summary>
internal sealed class MonitorQueries(PactwerkDb db, MonitorEngineHost host, MonitorCatalogue catalogue)
{
    public async Task<QueryOutcome<QueryResult>> ValuesAsync(ValuesQuery query, CancellationToken ct)
    {
        var known = await catalogue.CurrentAsync(ct);
        if (query.Indicator is null || !known.Indicators.TryGetValue(query.Indicator, out var indicator))
        {
            var codes = await db.Indicators.OrderBy(i => i.Code).Select(i => i.Code).ToListAsync(ct);
            return Invalid("indicator", $"Onbekende indicator '{query.Indicator}'. Bekend: {string.Join(", ", codes)}.");
        }
        var version = indicator.Versions.Single(v => v.Version == indicator.CurrentVersion);
        var definition = IndicatorDefinitions.Parse(indicator.Code, version.Definition);
        var element = host.Engine.Element(definition.Numerator.Element);
        if (element is null)
            return new QueryOutcome<QueryResult>.Found(new QueryResult(indicator, version.Version, definition,
                known.Elements.TryGetValue(definition.Numerator.Element, out var e) ? e.Kind : default, []));

        List<(int Id, RegionRef Ref)> regions;
        if (!string.IsNullOrWhiteSpace(query.Region))
        {
            var code = query.Region.Trim().ToUpperInvariant();
            regions = known.RegionsByCode.TryGetValue(code, out var r) ? [(r.Id, new RegionRef(r.Code, r.Name))] : [];
            if (regions.Count == 0)
                return Invalid("region", $"Er is geen regio met code '{query.Region}'.");
        }
        else if (!string.IsNullOrWhiteSpace(query.RegionSet))
        {
            var set = query.RegionSet.Trim().ToLowerInvariant();
            regions = known.RegionsBySet.TryGetValue(set, out var inSet) ? [.. inSet.Select(r => (r.Id, new RegionRef(r.Code, r.Name)))] : [];
            if (regions.Count == 0)
                return Invalid("regionSet", $"Er is geen regio-indeling met code '{query.RegionSet}'.");
        }
        else
        {
            return Invalid("region", "Geef een regio (region=TP-OOST) of een regio-indeling (regionSet=provincies).");
        }

        IReadOnlyList<Period> periods;
        if (string.IsNullOrWhiteSpace(query.Period))
            periods = element.Periods;
        else if (Period.TryParse(query.Period, element.PeriodKind, out var period))
            periods = [period];
        else
            return Invalid("period", $"'{query.Period}' is geen periode; gebruik bijvoorbeeld 2023 of 2023/2024.");

        if (!string.IsNullOrWhiteSpace(query.Breakdown) && element.DimensionIndex(query.Breakdown) < 0)
            return Invalid("breakdown", $"Indicator {indicator.Code} kan niet worden uitgesplitst naar '{query.Breakdown}'. Wel naar: {string.Join(", ", element.Dimensions)}.");

        var rows = new List<ValueRow>();
        foreach (var (id, region) in regions)
            foreach (var period in periods)
            {
                var release = host.ReleaseOf(definition.Numerator.Element, period);
                if (string.IsNullOrWhiteSpace(query.Breakdown))
                {
                    var a = host.Engine.Evaluate(definition, id, period);
                    rows.Add(new ValueRow(region, period, Round(a.Value), a.Numerator, a.Denominator, a.SuppressedCells, null, release, version.Version));
                }
                else
                {
                    foreach (var (value, a) in host.Engine.EvaluateBy(definition, id, period, query.Breakdown))
                        rows.Add(new ValueRow(region, period, Round(a.Value), a.Numerator, a.Denominator, a.SuppressedCells, value, release, version.Version));
                }
            }
        return new QueryOutcome<QueryResult>.Found(new QueryResult(indicator, version.Version, definition, element.PeriodKind, rows));
    }

    // Figures are exact sums; shares are shown to four decimals, enough for any table or chart.
    private static double? Round(double? value) => value is { } v ? Math.Round(v, 4) : null;

    private static QueryOutcome<QueryResult> Invalid(string parameter, string message) => new QueryOutcome<QueryResult>.Invalid(parameter, message);
}
