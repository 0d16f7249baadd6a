namespace Pactwerk.Web.Features.Knowledge;

/// <summary>A document of an internal meeting, as a link to where it is kept.</summary>
public class MeetingDocument : Audit.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Title { get; set; }
    public required string Url { get; set; }
}
