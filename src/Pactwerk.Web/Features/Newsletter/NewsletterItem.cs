namespace Pactwerk.Web.Features.Newsletter;

/// <summary>One picked item of an edition, in the coordinator's order: a reference to public content.</summary>
public class NewsletterItem : Audit.IAudited
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int Position { get; set; }
    public NewsletterItemKind Kind { get; set; }
    /// <summary>The id of the practice, action, event or monitor release.</summary>
    public int ReferenceId { get; set; }
}

public enum NewsletterItemKind
{
    Practice,
    Action,
    Event,
    MonitorRelease,
}
