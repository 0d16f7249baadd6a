namespace Pactwerk.Web.Features.Knowledge;

/// <summary>An account that belongs to a learning network and so reads and brings in its cases.</summary>
public class LearningNetworkMember : Audit.IAudited
{
    public int NetworkId { get; set; }
    public required string UserId { get; set; }
}
