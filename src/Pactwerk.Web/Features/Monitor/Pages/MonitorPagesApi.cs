using System.Globalization;
using System.Text;
using System.Text.Json;
using Pactwerk.Web.Shared;
using Microsoft.AspNetCore.OutputCaching;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>A figure as downloaded: what the table shows, with its provenance. Numbers in invariant culture.</summary>
public sealed record ExportRow(string Indicator, int DefinitionVersion, string RegionCode, string RegionName, string Period, string? Breakdown,
    double? Value, double? Numerator, double? Denominator, int SuppressedCells, string? SmallCells, string? Source, string? ReleaseFile,
    DateOnly? PublishedOn, DateTime? ImportedAt);

/// <summary>The map geometry and the downloads of every table on the indicator page.</summary>
public static class MonitorPagesApi
{
    public static readonly string[] Tables = ["reeks", "regios", "uitsplitsing"];

    public static WebApplication MapMonitorPages(this WebApplication app)
    {
        app.MapGet("/api/v1/geo/{set}", GeoJson).WithName("GetGeometry").WithSummary("The shapes of a region set as GeoJSON, for the monitor's maps.").WithTags("Monitor").AllowAnonymous().CacheOutput(MonitorCache.Policy);
        app.MapGet("/monitor/indicatoren/{code}/{table}.{format}", Download).WithName("DownloadMonitorTable").ExcludeFromDescription()
            .AllowAnonymous().CacheOutput(MonitorCache.Policy);
        return app;
    }

    /// <summary>A region set's map as GeoJSON, features named by region code (properties code and name).</summary>
    private static async Task<IResult> GeoJson(string set, GeoShapes shapes, CancellationToken ct) =>
        await shapes.GeoJsonAsync(set.Trim().ToLowerInvariant(), ct) is { } bytes
            ? Results.Bytes(bytes, "application/geo+json")
            : TypedResults.Problem($"Er is geen kaart van de regio-indeling '{set}'.", statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    /// <summary>
    /// One table of the indicator page as CSV or JSON, with the page's filters (regio, indeling,
    /// periode, uitsplitsing) and the reader's small-cell rule applied: exactly what the page shows.
    /// </summary>
    private static async Task<IResult> Download(string code, string table, string format, string? regio, string? indeling, string? periode,
        string? uitsplitsing, MonitorViews views, HttpContext http, CancellationToken ct)
    {
        if (!Tables.Contains(table) || format is not ("csv" or "json"))
            return Results.NotFound();
        var outcome = await views.IndicatorViewAsync(new IndicatorRequest(code, regio, indeling, periode, uitsplitsing), ct);
        if (outcome is not ViewOutcome<IndicatorView>.Found { View: var view })
            return Results.NotFound();
        var rows = Rows(view, table);
        var name = $"{view.Indicator.Code}-{table}-{(table == "regios" ? view.Set.Code : view.Region.Code.ToLowerInvariant())}{(table == "reeks" ? "" : "-" + view.Period?.Replace('/', '-'))}";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}.{format}\"";
        return format == "csv"
            ? Results.Bytes(Csv(rows), "text/csv; charset=utf-8")
            : Results.Bytes(JsonSerializer.SerializeToUtf8Bytes(rows, JsonSerializerOptions.Web), "application/json");
    }

    public static List<ExportRow> Rows(IndicatorView view, string table)
    {
        var rows = table switch
        {
            "reeks" => view.Series.Concat(view.Country),
            "regios" => view.SetRows,
            _ => view.BreakdownRows,
        };
        return rows.Select(r => new ExportRow(view.Indicator.Code, r.DefinitionVersion, r.Region.Code, r.Region.Name, r.Period.ToString(), r.Breakdown,
            r.Value, r.Numerator, r.Denominator, r.SuppressedCells, r.Protected is { } p ? SmallCellText.Marker(p) : null,
            r.Release?.Source, r.Release?.FileName, r.Release?.PublishedOn, r.Release?.ImportedAt)).ToList();
    }

    public const string CsvHeader = "indicator;definitieversie;regiocode;regionaam;periode;uitsplitsing;waarde;teller;noemer;onderdrukte_cellen;kleine_aantallen;bron;releasebestand;gepubliceerd;geimporteerd";

    /// <summary>
    /// UTF-8 with a byte-order mark (so spreadsheets read é and ï right), ';'-separated, numbers
    /// with a '.' decimal point and dates as ISO 8601, whatever the reader's language.
    /// </summary>
    public static byte[] Csv(IEnumerable<ExportRow> rows) =>
        CsvText.File(CsvHeader, rows.Select(r => new[]
        {
            Cell(r.Indicator), Num(r.DefinitionVersion), Cell(r.RegionCode), Cell(r.RegionName), Cell(r.Period), Cell(r.Breakdown),
            Num(r.Value), Num(r.Numerator), Num(r.Denominator), Num(r.SuppressedCells), Cell(r.SmallCells), Cell(r.Source), Cell(r.ReleaseFile),
            r.PublishedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", r.ImportedAt?.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "",
        }));

    private static string Num(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    /// <summary>Quoted when needed; a leading formula character is defused (one rule for every download).</summary>
    private static string Cell(string? value) => CsvText.Cell(value);
}
