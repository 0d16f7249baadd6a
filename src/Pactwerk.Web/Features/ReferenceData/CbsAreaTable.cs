using System.Text;
using System.Text.Json;

namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>
/// Reads CBS's StatLine table "Gebieden in Nederland" (OData v3, e.g. 86247NED) and writes it as the
/// region files the loader reads, so an update goes through the same parser and checks as a load.
/// The table's columns are numbered per edition (Code_1, Naam_2, Code_3 …), so they are found by
/// their titles in DataProperties: the topics "Code" and "Naam" under the groups named below.
/// </summary>
public static class CbsAreaTable
{
    public const string Source = "CBS StatLine, Gebieden in Nederland";

    private static readonly (string File, string Group)[] Groups =
    [
        (RegionFileParser.MunicipalitiesFile, "Codes en namen van gemeenten"),
        (RegionFileParser.ProvincesFile, "Provincies"),
        (RegionFileParser.CoropFile, "COROP-gebieden"),
        (RegionFileParser.LabourMarketFile, "Arbeidsmarktregio's"),
    ];

    /// <summary>The four CBS region files as text; problems are collected and thrown together.</summary>
    public static Dictionary<string, string> ToRegionFiles(string dataProperties, IReadOnlyList<string> dataPages)
    {
        var errors = new List<ReferenceDataError>();
        var columns = Columns(dataProperties, errors);
        var rows = new List<Dictionary<string, string>>();
        foreach (var page in dataPages)
            rows.AddRange(Rows(page, errors));
        if (errors.Count == 0 && rows.Count == 0)
            errors.Add(new("TypedDataSet", 0, "De tabel bevat geen gemeenten."));
        if (errors.Count > 0)
            throw new ReferenceDataException(errors);

        string Get(Dictionary<string, string> row, string file, int topic)
        {
            var key = columns[file][topic];
            return row.TryGetValue(key, out var value) ? value : "";
        }

        var municipalities = rows.Select(r => (
            Code: Get(r, RegionFileParser.MunicipalitiesFile, 0), Name: Get(r, RegionFileParser.MunicipalitiesFile, 1),
            Pv: Get(r, RegionFileParser.ProvincesFile, 0), PvName: Get(r, RegionFileParser.ProvincesFile, 1),
            Cr: Get(r, RegionFileParser.CoropFile, 0), CrName: Get(r, RegionFileParser.CoropFile, 1),
            Am: Get(r, RegionFileParser.LabourMarketFile, 0), AmName: Get(r, RegionFileParser.LabourMarketFile, 1))).ToList();

        var gemeenten = new StringBuilder("gemeente_code,gemeente_naam,provincie_code,provincie_naam,corop_code,corop_naam,arbeidsmarktregio_code,arbeidsmarktregio_naam\r\n");
        foreach (var m in municipalities.OrderBy(m => m.Code, StringComparer.Ordinal))
            Line(gemeenten, m.Code, m.Name, m.Pv, m.PvName, m.Cr, m.CrName, m.Am, m.AmName);

        // The counts are those of this answer; a truncated answer is caught against the geometry.
        var provincies = new StringBuilder("provincie_code,provincie_naam,aantal_gemeenten\r\n");
        foreach (var g in municipalities.GroupBy(m => m.Pv).OrderBy(g => g.Key, StringComparer.Ordinal))
            Line(provincies, g.Key, g.First().PvName, Count(g));
        var corop = new StringBuilder("corop_code,corop_naam,provincie_code,aantal_gemeenten\r\n");
        foreach (var g in municipalities.GroupBy(m => m.Cr).OrderBy(g => g.Key, StringComparer.Ordinal))
            Line(corop, g.Key, g.First().CrName, g.First().Pv, Count(g));
        var labour = new StringBuilder("arbeidsmarktregio_code,arbeidsmarktregio_naam,aantal_gemeenten\r\n");
        foreach (var g in municipalities.GroupBy(m => m.Am).OrderBy(g => g.Key, StringComparer.Ordinal))
            Line(labour, g.Key, g.First().AmName, Count(g));

        return new()
        {
            [RegionFileParser.MunicipalitiesFile] = gemeenten.ToString(),
            [RegionFileParser.ProvincesFile] = provincies.ToString(),
            [RegionFileParser.CoropFile] = corop.ToString(),
            [RegionFileParser.LabourMarketFile] = labour.ToString(),
        };

        static string Count<T>(IEnumerable<T> g) => g.Count().ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The address of the next page of an OData answer, or null on the last page.</summary>
    public static string? NextLink(string page)
    {
        try
        {
            using var doc = JsonDocument.Parse(page);
            foreach (var name in new[] { "odata.nextLink", "@odata.nextLink" })
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty(name, out var next) && next.ValueKind == JsonValueKind.String)
                    return next.GetString();
        }
        catch (JsonException)
        {
            // Reported with its position when the page is read as rows.
        }
        return null;
    }

    private static void Line(StringBuilder text, params string[] fields) =>
        text.Append(string.Join(',', fields.Select(Quote))).Append("\r\n");

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;

    /// <summary>Per file, the keys of its Code and Naam topics.</summary>
    private static Dictionary<string, string[]> Columns(string dataProperties, List<ReferenceDataError> errors)
    {
        var result = new Dictionary<string, string[]>();
        List<(int Id, int? Parent, string Type, string Key, string Title)> properties;
        try
        {
            using var doc = JsonDocument.Parse(dataProperties);
            properties = doc.RootElement.GetProperty("value").EnumerateArray().Select(p => (
                p.GetProperty("ID").GetInt32(),
                p.TryGetProperty("ParentID", out var parent) && parent.ValueKind == JsonValueKind.Number ? parent.GetInt32() : (int?)null,
                p.GetProperty("Type").GetString() ?? "",
                p.TryGetProperty("Key", out var key) ? key.GetString() ?? "" : "",
                (p.GetProperty("Title").GetString() ?? "").Trim())).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            errors.Add(new("DataProperties", 0, $"Geen leesbare OData-beschrijving van de tabel: {e.Message}"));
            return result;
        }
        foreach (var (file, group) in Groups)
        {
            var groupIds = properties.Where(p => p.Type == "TopicGroup" && string.Equals(p.Title, group, StringComparison.OrdinalIgnoreCase)).Select(p => p.Id).ToHashSet();
            string? Topic(string title) => properties.FirstOrDefault(p => p.Type == "Topic" && p.Parent is { } parent && groupIds.Contains(parent)
                && string.Equals(p.Title, title, StringComparison.OrdinalIgnoreCase)).Key;
            var (code, name) = (Topic("Code"), Topic("Naam"));
            if (string.IsNullOrEmpty(code) || string.IsNullOrEmpty(name))
                errors.Add(new("DataProperties", 0, $"De tabel heeft geen kolommen 'Code' en 'Naam' onder '{group}'."));
            else
                result[file] = [code, name];
        }
        return result;
    }

    private static List<Dictionary<string, string>> Rows(string page, List<ReferenceDataError> errors)
    {
        var rows = new List<Dictionary<string, string>>();
        try
        {
            using var doc = JsonDocument.Parse(page);
            foreach (var row in doc.RootElement.GetProperty("value").EnumerateArray())
                // CBS pads its code and name cells with spaces.
                rows.Add(row.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
                    .ToDictionary(p => p.Name, p => p.Value.GetString()!.Trim()));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            errors.Add(new("TypedDataSet", 0, $"Het antwoord is geen volledige OData-tabel: {e.Message}"));
        }
        return rows;
    }
}
