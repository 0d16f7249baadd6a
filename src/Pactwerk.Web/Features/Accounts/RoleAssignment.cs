using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// A right held by an account for a period, with the scope it applies to: the installation, a pact,
/// a pact within a region (of any set), or an organisation.
/// </summary>
[Data.DecidesAccess]
public class RoleAssignment : IAudited
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public RoleKind Kind { get; set; }
    public int? PactId { get; set; }
    /// <summary>For regional roles: the region whose municipalities the role covers.</summary>
    public int? RegionId { get; set; }
    /// <summary>For partner editors: the organisation whose records they edit.</summary>
    public int? OrganisationId { get; set; }
    public DateOnly ValidFrom { get; set; }
    /// <summary>Exclusive end; null while the role holds.</summary>
    public DateOnly? ValidTo { get; set; }

    public bool IsActiveOn(DateOnly day) => IsActive(ValidFrom, ValidTo, day);

    /// <summary>The one rule of a role's dates: from its first day, up to but not including its end.</summary>
    public static bool IsActive(DateOnly validFrom, DateOnly? validTo, DateOnly day) => validFrom <= day && (validTo is null || validTo > day);
}

public enum RoleKind
{
    /// <summary>Runs the installation: every pact, every account.</summary>
    Administrator,
    /// <summary>Runs one pact: everything in it.</summary>
    PactCoordinator,
    /// <summary>Lead of a landsdeel or other region in one pact: what lies wholly inside that region.</summary>
    RegionalLead,
    /// <summary>Same rights as a regional lead, for the people who do the daily work.</summary>
    RegionalCoordinator,
    /// <summary>Edits the records of one organisation within one pact.</summary>
    PartnerEditor,
    /// <summary>Reads internal pages; changes nothing.</summary>
    Member,
}
