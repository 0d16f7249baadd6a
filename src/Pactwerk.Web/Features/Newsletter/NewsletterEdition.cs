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
    /// <summary>Changed only by <see cref="Send"/> and <see cref="Settle"/>: a new edition is a draft.</summary>
    public EditionStatus Status { get; private set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>When a coordinator pressed send: the moment the recipient list was taken.</summary>
    public DateTime? SendRequestedAt { get; private set; }
    /// <summary>When the last delivery was settled (sent, failed for good, or skipped).</summary>
    public DateTime? SentAt { get; private set; }
    public int RecipientCount { get; private set; }
    /// <summary>The body as sent (safe HTML), without the per-recipient footer.</summary>
    public string? SentHtml { get; set; }
    /// <summary>The plain-text part as sent, without the per-recipient footer.</summary>
    public string? SentText { get; set; }
    public List<NewsletterItem> Items { get; set; } = [];

    public const string AlreadySent = "Deze editie is al verstuurd; er is niets opnieuw verstuurd.";

    /// <summary>Why sending is refused, or null for a draft.</summary>
    public string? RefuseSend() => Status == EditionStatus.Draft ? null : AlreadySent;

    /// <summary>
    /// Send is pressed: the recipient list is taken now and the deliveries are worked off; with no
    /// recipients the edition is sent at once. Throws when <see cref="RefuseSend"/> refuses.
    /// </summary>
    public void Send(int recipients, DateTime at)
    {
        if (RefuseSend() is { } refusal)
            throw new InvalidOperationException(refusal);
        (SendRequestedAt, RecipientCount) = (at, recipients);
        Status = recipients == 0 ? EditionStatus.Sent : EditionStatus.Sending;
        if (recipients == 0)
            SentAt = at;
    }

    /// <summary>Every delivery is settled: the edition is sent. Only an edition being sent settles.</summary>
    public void Settle(DateTime at)
    {
        if (Status != EditionStatus.Sending)
            throw new InvalidOperationException($"Alleen een editie die wordt verzonden, is daarna verzonden (deze is {Status}).");
        (Status, SentAt) = (EditionStatus.Sent, at);
    }
}

public enum EditionStatus
{
    Draft,
    /// <summary>Send was pressed; deliveries are being worked off.</summary>
    Sending,
    Sent,
}
