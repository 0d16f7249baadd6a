namespace Pactwerk.Web.Features.Network;

public class Person : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public required string Name { get; set; }
    /// <summary>Contact details: shown to signed-in members only (AVG/GDPR).</summary>
    public string? Email { get; set; }
    public string? Phone { get; set; }
    /// <summary>Set when the person's data was erased; the record stays as a pseudonym.</summary>
    public DateTime? ErasedAt { get; set; }
    /// <summary>The person's own job title, in Dutch (gedeputeerde, wethouder, hoogleraar, …).</summary>
    public string? JobTitle { get; set; }
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public List<PactRole> Roles { get; set; } = [];
}

/// <summary>
/// A role a person holds in a pact for a period. Kept after it ends, so the history of who led
/// a landsdeel stays visible.
/// </summary>
public class PactRole : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PersonId { get; set; }
    public Person Person { get; set; } = null!;
    public int PactId { get; set; }
    public PactRoleKind Kind { get; set; }
    /// <summary>The region the role covers (a landsdeel for a region lead).</summary>
    public int? RegionId { get; set; }
    public Regions.Region? Region { get; set; }
    /// <summary>The organisation the role covers (for an organisation contact).</summary>
    public int? OrganisationId { get; set; }
    public Organisation? Organisation { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

public enum PactRoleKind
{
    Champion,
    SteeringGroupChair,
    SteeringGroupMember,
    RegionLead,
    Ambassador,
    LearningNetworkMember,
    /// <summary>Does the daily work of a region (a landsdeel or a subregional pact).</summary>
    RegionalCoordinator,
    /// <summary>The person to ask about an organisation's part in the pact.</summary>
    OrganisationContact,
}
