using System.Text.RegularExpressions;
using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>A dimension read from a column of the file.</summary>
public sealed record DimensionColumn(string Column, string Dimension);

/// <summary>
/// How to read one kind of delimited file into observations: which column holds the
/// municipality, which columns are periods (wide files have one per year) or which column holds
/// the period and which the value (long files), which columns are dimensions, and which marker
/// means "suppressed".
/// </summary>
public sealed record ImportProfile(
    string Code,
    string SourceCode,
    string SourceName,
    string? SourceUrl,
    string ElementCode,
    string ElementName,
    string ElementNameEn,
    string Unit,
    PeriodKind PeriodKind,
    char Delimiter,
    string MunicipalityColumn,
    string MunicipalityPrefix,
    IReadOnlyList<DimensionColumn> Dimensions,
    string SuppressedMarker,
    Regex? WidePeriodColumns = null,
    string? PeriodColumn = null,
    string? ValueColumn = null)
{
    public bool IsWide => WidePeriodColumns is not null;
}

public static class ImportProfiles
{
    /// <summary>
    /// DUO's open data "ingeschrevenen hbo": one row per teaching location, institution, programme,
    /// form and gender, one column per year. A later file with one more year column reads the same way.
    /// </summary>
    public static readonly ImportProfile DuoHboIngeschrevenen = new(
        Code: "duo-hbo-ingeschrevenen",
        SourceCode: "duo",
        SourceName: "DUO open onderwijsdata",
        SourceUrl: "https://onderwijsdata.duo.nl/",
        ElementCode: "hbo-ingeschrevenen",
        ElementName: "Ingeschrevenen hbo",
        ElementNameEn: "Enrolments in higher professional education (hbo)",
        Unit: "studenten",
        PeriodKind: PeriodKind.SchoolYear,
        Delimiter: ';',
        MunicipalityColumn: "GEMEENTENUMMER",
        MunicipalityPrefix: "GM",
        Dimensions:
        [
            new("ONDERDEEL", "ONDERDEEL"),
            new("SUBONDERDEEL", "SUBONDERDEEL"),
            new("TYPE HOGER ONDERWIJS", "TYPE HOGER ONDERWIJS"),
            new("OPLEIDINGSVORM", "OPLEIDINGSVORM"),
            new("GESLACHT", "GESLACHT"),
            new("INSTELLINGSCODE ACTUEEL", "INSTELLING"),
            new("OPLEIDINGSCODE ACTUEEL", "OPLEIDING"),
        ],
        SuppressedMarker: "<5",
        WidePeriodColumns: new Regex("^(19|20)[0-9]{2}$"));

    public static readonly IReadOnlyList<ImportProfile> All = [DuoHboIngeschrevenen];

    public static ImportProfile? Find(string code) => All.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
}
