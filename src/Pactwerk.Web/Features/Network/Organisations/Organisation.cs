namespace Pactwerk.Web.Features.Network;

/// <summary>A party in one or more pacts. One record is shared by every pact it takes part in.</summary>
public class Organisation : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    public Helix Helix { get; set; }
    public OrganisationKind Kind { get; set; }
    /// <summary>Sector codes from <see cref="Sectors"/> (technology, care, …).</summary>
    public List<string> Sectors { get; set; } = [];
    /// <summary>The municipality where the organisation is located (a region of the municipalities set).</summary>
    public int? MunicipalityId { get; set; }
    public Regions.Region? Municipality { get; set; }
    /// <summary>Chamber of Commerce number: eight digits.</summary>
    public string? KvkNumber { get; set; }
    /// <summary>DUO institution code (BRIN), four characters such as 25BE.</summary>
    public string? DuoCode { get; set; }
    public string? Website { get; set; }
    /// <summary>A short Dutch description.</summary>
    public string? Description { get; set; }
}

/// <summary>The triple helix, plus civil society (unions, sector funds, foundations, care providers).</summary>
public enum Helix
{
    Government,
    Education,
    Business,
    CivilSociety,
}

public enum OrganisationKind
{
    Ministry,
    Province,
    Municipality,
    SchoolBoard,
    VmboSchool,
    MboInstitution,
    HboInstitution,
    University,
    Company,
    BranchOrganisation,
    Union,
    SectorTrainingFund,
    /// <summary>Hospitals, rehabilitation centres, care foundations: the Zorgpact's partners.</summary>
    CareProvider,
    Other,
}

/// <summary>
/// The sectors an organisation can work in. A fixed list rather than free text, so that a filter
/// on "care" finds every care organisation and not only those spelled the same way.
/// </summary>
public static class Sectors
{
    public static readonly IReadOnlyList<string> All =
        ["technology", "care", "ict", "energy", "construction", "manufacturing", "agrifood", "logistics", "chemistry", "maritime", "education", "public"];

    public static bool IsKnown(string code) => All.Contains(code, StringComparer.Ordinal);
}

/// <summary>
/// An organisation's signature under a pact, with what it committed to. A withdrawal ends the
/// signature but keeps it; signing again later is a new signature.
/// </summary>
public class PactSignatory : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public int OrganisationId { get; set; }
    public Organisation Organisation { get; set; } = null!;
    public DateOnly SignedOn { get; set; }
    /// <summary>What the organisation committed to, in a few Dutch sentences.</summary>
    public required string Commitment { get; set; }
    public DateOnly? WithdrawnOn { get; set; }
    public string? WithdrawalReason { get; set; }

    /// <summary>Signed and not (yet) withdrawn on the day; as an expression so that queries use the same rule.</summary>
    public static System.Linq.Expressions.Expression<Func<PactSignatory, bool>> ActiveOn(DateOnly day) =>
        s => s.SignedOn <= day && (s.WithdrawnOn == null || s.WithdrawnOn > day);
}
