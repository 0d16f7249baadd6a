using System.Text.RegularExpressions;
using Pactwerk.Monitoring;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>A dimension read from a column of the file.</summary>
public sealed record DimensionColumn(string Column, string Dimension);

/// <summary>
/// How to read one kind of delimited file into observations: which column holds the
/// municipality, which columns are periods (wide files have one per year) or which column holds
/// the period and which the value (long files), which columns are dimensions, and which marker
/// means "suppressed". A file of published figures for one region instead names that region
/// (<c>RegionCode</c>), may hold several data elements (<c>ElementColumn</c>, with their unit in
/// <c>UnitColumn</c>) and may say per row whether a period is a school or a calendar year.
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
    string? MunicipalityColumn,
    string MunicipalityPrefix,
    IReadOnlyList<DimensionColumn> Dimensions,
    string SuppressedMarker,
    Regex? WidePeriodColumns = null,
    string? PeriodColumn = null,
    string? ValueColumn = null,
    string? ElementColumn = null,
    string? UnitColumn = null,
    string? RegionCode = null,
    bool PeriodKindFromText = false,
    bool MunicipalityByName = false,
    Disclosure Disclosure = Disclosure.Confidential,
    string? SourceLicense = null)
{
    public bool IsWide => WidePeriodColumns is not null;

    /// <summary>Published for a region as a whole: its values are read for that region, never summed.</summary>
    public ElementLevel Level => RegionCode is null ? ElementLevel.Municipality : ElementLevel.Region;
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
        WidePeriodColumns: new Regex("^(19|20)[0-9]{2}$"),
        // DUO publishes the file with its own disclosure control (the <5 cells): its sums protect nobody by being hidden.
        Disclosure: Disclosure.Published,
        // DUO's open education data is public domain (CC0 1.0), as its portal states.
        SourceLicense: "http://creativecommons.org/publicdomain/zero/1.0/");

    /// <summary>
    /// The Techniekpact's national figures as quoted on public pages: one row per indicator,
    /// education type and period, for the country as a whole. Periods are school years ("2013-2014"),
    /// calendar years ("2020") or the end of a year ("eind 2017"); counts and percentages sit side by
    /// side, so each indicator is its own element with its own unit, and nothing is ever summed.
    /// </summary>
    public static readonly ImportProfile TechniekpactPublishedFigures = new(
        Code: "techniekpact-gepubliceerde-cijfers",
        SourceCode: "techniekpact-monitor",
        SourceName: "Techniekpact Monitor (gepubliceerde landelijke cijfers)",
        SourceUrl: "https://www.techniekpactmonitor.nl/",
        ElementCode: "",
        ElementName: "",
        ElementNameEn: "",
        Unit: "",
        PeriodKind: PeriodKind.CalendarYear,
        Delimiter: ',',
        MunicipalityColumn: null,
        MunicipalityPrefix: "",
        Dimensions: [new("onderwijssoort", "ONDERWIJSSOORT")],
        SuppressedMarker: "<5",
        PeriodColumn: "periode",
        ValueColumn: "waarde",
        ElementColumn: "indicator",
        UnitColumn: "eenheid",
        RegionCode: "NL",
        PeriodKindFromText: true,
        Disclosure: Disclosure.Published);

    public static readonly IReadOnlyList<ImportProfile> All = [DuoHboIngeschrevenen, TechniekpactPublishedFigures];

    public static ImportProfile? Find(string code) => All.FirstOrDefault(p => string.Equals(p.Code, code, StringComparison.OrdinalIgnoreCase));
}
