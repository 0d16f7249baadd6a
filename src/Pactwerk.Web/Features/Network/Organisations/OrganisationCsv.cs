using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// The organisation CSV, one format for export and import, so that an export imports again:
/// UTF-8, <c>;</c>-separated, sectors and pacts separated by <c>|</c>.
/// </summary>
public static class OrganisationCsv
{
    public const string Name = "naam";
    public const string Helix = "helix";
    public const string Kind = "soort";
    public const string Sectors = "sectoren";
    public const string Municipality = "gemeente";
    public const string Kvk = "kvk";
    public const string Duo = "duo";
    public const string Website = "website";
    public const string Description = "omschrijving";
    public const string Id = "id";
    public const string MunicipalityName = "gemeentenaam";
    public const string Pacts = "pacten";

    /// <summary>The columns an import reads.</summary>
    public static readonly IReadOnlyList<string> ImportColumns = [Name, Helix, Kind, Sectors, Municipality, Kvk, Duo, Website, Description];
    public static readonly IReadOnlyList<string> RequiredColumns = [Name, Helix, Kind];
    /// <summary>Columns only an export has: they are derived, so an import skips them rather than trusting them.</summary>
    public static readonly IReadOnlyList<string> ExportOnlyColumns = [Id, MunicipalityName, Pacts];
    public static readonly IReadOnlyList<string> ExportColumns = [Id, Name, Helix, Kind, Sectors, Municipality, MunicipalityName, Kvk, Duo, Website, Description, Pacts];

    public const char ListSeparator = '|';
    public const char EscapeCharacter = '\'';

    /// <summary>What a spreadsheet would run as a formula at the start of a cell (CsvHelper's list).</summary>
    private static readonly char[] InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'];

    public static byte[] Write(IEnumerable<OrganisationRecord> records)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = ";", InjectionOptions = InjectionOptions.Escape, InjectionCharacters = InjectionCharacters, InjectionEscapeCharacter = EscapeCharacter,
        };
        using var buffer = new MemoryStream();
        // With a BOM, so that Excel opens the file as UTF-8 instead of the local code page.
        using (var writer = new StreamWriter(buffer, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, configuration))
        {
            foreach (var column in ExportColumns)
                csv.WriteField(column);
            csv.NextRecord();
            foreach (var r in records)
            {
                foreach (var cell in new[] { r.Id.ToString(CultureInfo.InvariantCulture), r.Name, r.Helix.ToString(), r.Kind.ToString(),
                    string.Join(ListSeparator, r.Sectors), r.MunicipalityCode, r.MunicipalityName, r.KvkNumber, r.DuoCode, r.Website, r.Description,
                    string.Join(ListSeparator, r.Pacts) })
                    csv.WriteField(KeepEscapes(cell ?? ""));
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>Undoes the export's formula escape: one leading <c>'</c> before what would be a formula.</summary>
    public static string Unescape(string cell) => LooksEscaped(cell) ? cell[1..] : cell;

    /// <summary>
    /// A value that already looks escaped (<c>'=x</c>) gets one more <c>'</c>, which the import takes off
    /// again; CsvHelper escapes only the values that start with a formula character themselves.
    /// </summary>
    private static string KeepEscapes(string value) => LooksEscaped(value) ? EscapeCharacter + value : value;

    private static bool LooksEscaped(string cell)
    {
        var first = 0;
        while (first < cell.Length && cell[first] == EscapeCharacter)
            first++;
        return first > 0 && first < cell.Length && InjectionCharacters.Contains(cell[first]);
    }
}
