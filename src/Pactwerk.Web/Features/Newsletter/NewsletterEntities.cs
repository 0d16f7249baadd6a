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

/// <summary>
/// A confirmed subscriber of a pact's newsletter: the address and no more. A request that was never
/// confirmed leaves no row at all (the confirmation token carries the address); unsubscribing
/// deletes the row.
/// </summary>
public class NewsletterSubscriber
{
    public int Id { get; set; }
    public int PactId { get; set; }
    /// <summary>Lower case, trimmed.</summary>
    public required string Email { get; set; }
    public DateTime ConfirmedAt { get; set; }
    /// <summary>A random secret in the unsubscribe link: knowing the address is not enough to unsubscribe someone.</summary>
    public required string UnsubscribeKey { get; set; }
}

/// <summary>
/// One mail of one edition to one subscriber, created for every confirmed subscriber when send is
/// pressed (the recipient list is this snapshot). The worker moves it Pending → Sending → Sent and
/// records each step before the next, so a restart knows where it stopped.
/// </summary>
public class NewsletterDelivery
{
    public long Id { get; set; }
    public int EditionId { get; set; }
    /// <summary>Null once the subscriber unsubscribed: a pending delivery is then skipped, not sent.</summary>
    public int? SubscriberId { get; set; }
    public DeliveryState State { get; set; }
    /// <summary>
    /// Fixed when the delivery is created and used for every attempt: a mail resent after a crash
    /// carries the same Message-ID, so the receiving side can recognise it as the same message.
    /// </summary>
    public required string MessageId { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptAt { get; set; }
    public DateTime? SentAt { get; set; }
    /// <summary>The SMTP server's last answer when it refused, for the coordinator to read.</summary>
    public string? LastError { get; set; }
}

public enum DeliveryState
{
    Pending,
    /// <summary>Handed to SMTP, acceptance not yet recorded: after a crash it is sent again with the same Message-ID.</summary>
    Sending,
    Sent,
    /// <summary>Refused for good (5xx) or still refused after the last retry.</summary>
    Failed,
    /// <summary>The subscriber unsubscribed before their turn.</summary>
    Skipped,
}
