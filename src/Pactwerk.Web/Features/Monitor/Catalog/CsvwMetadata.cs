using System.Text.Json.Nodes;

namespace Pactwerk.Web.Features.Monitor.Catalog;

/// <summary>
/// The CSVW description (W3C "Metadata Vocabulary for Tabular Data") of a monitor download: how the
/// file is written and what each column holds, in Dutch and English, so a portal or a script reads
/// the CSV without guessing. One table of columns serves every download, because every download
/// has the same columns (<see cref="Pages.MonitorPagesApi.CsvHeader"/>).
/// </summary>
public static class CsvwMetadata
{
    public const string MediaType = "application/csvm+json";

    /// <param name="Name">The header cell as the file writes it.</param>
    public sealed record Column(string Name, string Dutch, string English, string Datatype);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new("indicator", "Indicator (code)", "Indicator (code)", "string"),
        new("definitieversie", "Versie van de definitie", "Definition version", "integer"),
        new("regiocode", "Regiocode", "Region code", "string"),
        new("regionaam", "Regionaam", "Region name", "string"),
        new("periode", "Periode (2023 of 2023/2024)", "Period (2023 or 2023/2024)", "string"),
        new("uitsplitsing", "Uitsplitsing", "Breakdown", "string"),
        new("waarde", "Waarde", "Value", "double"),
        new("teller", "Teller", "Numerator", "double"),
        new("noemer", "Noemer", "Denominator", "double"),
        new("onderdrukte_cellen", "Onderdrukte cellen in de bron", "Cells suppressed by the source", "integer"),
        new("kleine_aantallen", "Verborgen wegens kleine aantallen (<5 of ×)", "Hidden for small numbers (<5 or ×)", "string"),
        new("bron", "Bron", "Source", "string"),
        new("releasebestand", "Bestand van de bron", "Source file", "string"),
        new("gepubliceerd", "Gepubliceerd door de bron", "Published by the source", "date"),
        new("geimporteerd", "Geïmporteerd", "Imported", "dateTime"),
    ];

    /// <summary>The description of the CSV at <paramref name="csvUrl"/>.</summary>
    public static JsonObject Describe(string csvUrl, string titleNl, string titleEn) => new()
    {
        ["@context"] = "http://www.w3.org/ns/csvw",
        ["url"] = csvUrl,
        ["dc:title"] = new JsonArray(Text(titleNl, "nl"), Text(titleEn, "en")),
        // As MonitorPagesApi writes it: UTF-8 with a byte-order mark, ';'-separated, a header row, '.' as decimal point.
        ["dialect"] = new JsonObject { ["encoding"] = "utf-8", ["delimiter"] = ";", ["header"] = true, ["doubleQuote"] = true },
        ["tableSchema"] = new JsonObject
        {
            ["columns"] = new JsonArray(Columns.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name,
                // "und" is the header cell itself, so a validator finds the header compatible with the titles.
                ["titles"] = new JsonObject { ["und"] = c.Name, ["nl"] = c.Dutch, ["en"] = c.English },
                ["datatype"] = c.Datatype,
            }).ToArray()),
        },
    };

    private static JsonObject Text(string value, string language) => new() { ["@value"] = value, ["@language"] = language };
}
