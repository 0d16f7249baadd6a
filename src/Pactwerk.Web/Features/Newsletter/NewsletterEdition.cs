namespace Pactwerk.Web.Features.Newsletter;

/// <summary>
/// One edition of a pact's newsletter: a draft its coordinators compose from public items and free
/// text, then send once. At sending, the body is rendered and kept, so the archive and every mail
/// show what was sent even if a practice or event changes later.
/// </summary>
public class NewsletterEdition : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    /// <summary>The subject of the mail and the title in the archive.</summary>
    public required string Title { get; set; }
    /// <summary>The free text, Markdown; rendered and sanitised like a practice.</summary>
    public string Introduction { get; set; } = "";
    public EditionStatus Status { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When a coordinator pressed send: the moment the recipient list was taken.</summary>
    public DateTime? SendRequestedAt { get; set; }
    /// <summary>When the last delivery was settled (sent, failed for good, or skipped).</summary>
    public DateTime? SentAt { get; set; }
    public int RecipientCount { get; set; }
    /// <summary>The body as sent (safe HTML), without the per-recipient footer.</summary>
    public string? SentHtml { get; set; }
    /// <summary>The plain-text part as sent, without the per-recipient footer.</summary>
    public string? SentText { get; set; }
    public List<NewsletterItem> Items { get; set; } = [];
}

public enum EditionStatus
{
    Draft,
    /// <summary>Send was pressed; deliveries are being worked off.</summary>
    Sending,
    Sent,
}
