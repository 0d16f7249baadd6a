namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>Where `reference-data update` fetches the official releases (section ReferenceData:Update).</summary>
public sealed class ReferenceDataUpdateOptions
{
    public const string Section = "ReferenceData:Update";

    /// <summary>
    /// The CBS StatLine OData v3 table "Gebieden in Nederland" of the new year: its DataProperties and
    /// TypedDataSet are read below this address.
    /// </summary>
    public string Regions { get; set; } = "https://opendata.cbs.nl/ODataApi/odata/86247NED";

    /// <summary>
    /// The CBS/PDOK boundaries as TopoJSON, one file per region set: {file} is the set's file name
    /// of Monitor:Geo:Files for the year the new structure takes effect (gemeente_2026, …).
    /// </summary>
    public string Geometry { get; set; } = "https://cartomap.github.io/nl/wgs84/{file}.topojson";

    /// <summary>
    /// DUO's hbo enrolment file (wide format, one column per year). DUO gives each year's file a new
    /// address, so there is no default: set it, or pass --duo on the command line.
    /// </summary>
    public string? Duo { get; set; }
}
