using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// A concrete action ("doe") carried out under a pact. Named PactAction to avoid System.Action.
/// </summary>
public class PactAction : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public required string Slug { get; set; }
    public required string Title { get; set; }
    /// <summary>Dutch description in a few sentences.</summary>
    public required string Summary { get; set; }
    public PactActionKind Kind { get; set; }
    /// <summary>The region where the action runs (a landsdeel, province or municipality).</summary>
    public int RegionId { get; set; }
    public Region Region { get; set; } = null!;
    public int? LeadOrganisationId { get; set; }
    public Organisation? LeadOrganisation { get; set; }
    public int? StartYear { get; set; }
}

public enum PactActionKind
{
    PublicPrivatePartnership,
    Event,
    TrainingProgramme,
    Campaign,
    VoucherScheme,
    LearningNetwork,
    Other,
}
