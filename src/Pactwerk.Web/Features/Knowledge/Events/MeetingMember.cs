namespace Pactwerk.Web.Features.Knowledge;

/// <summary>An account that may see an internal meeting's agenda, documents and minutes.</summary>
public class MeetingMember : Audit.IAudited
{
    public int EventId { get; set; }
    public required string UserId { get; set; }
}
