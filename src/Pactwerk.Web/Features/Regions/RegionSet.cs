namespace Pactwerk.Web.Features.Regions;

/// <summary>
/// A way of dividing the country into regions (provinces, COROP areas, a pact's landsdelen, …).
/// Sets are independent of each other: a labour-market region may cross a province border.
/// </summary>
[Data.ShownOnMonitor]
[Data.DecidesAccess]
public class RegionSet
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public RegionSetKind Kind { get; set; }

    /// <summary>Set for a pact's own grouping (its landsdelen); null for the national (CBS) sets.</summary>
    public int? PactId { get; set; }

    public int SortOrder { get; set; }
    public List<Region> Regions { get; set; } = [];
}

public enum RegionSetKind
{
    /// <summary>The base units: every other set is a union of these.</summary>
    Municipalities,
    Official,
    PactGrouping,
}
