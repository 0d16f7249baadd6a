namespace Pactwerk.Web.Features.Network;

/// <summary>A party in one or more pacts. One record is shared by every pact it takes part in.</summary>
public class Organisation : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public Helix Helix { get; set; }
    /// <summary>Region (usually a municipality) where the organisation is located, if known.</summary>
    public int? LocationRegionId { get; set; }
    public string? Website { get; set; }
}

/// <summary>The triple helix, plus civil society (unions, sector funds, foundations).</summary>
public enum Helix
{
    Government,
    Education,
    Business,
    CivilSociety,
}
