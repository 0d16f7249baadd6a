namespace Pactwerk.Web.Features.Newsletter;

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
