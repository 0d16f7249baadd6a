namespace Pactwerk.Web.Features.Newsletter;

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
