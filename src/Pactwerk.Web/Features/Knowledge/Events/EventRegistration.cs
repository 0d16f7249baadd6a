namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// Someone who signed up with the event's form: with a place, or on the waiting list. Not audited:
/// the trail would copy a visitor's name and address into every coordinator's view of the log.
/// </summary>
public class EventRegistration
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower case and trimmed, so one address registers once per event.</summary>
    public required string Email { get; set; }
    /// <summary>When they signed up; the waiting list is in this order.</summary>
    public DateTime RegisteredAt { get; set; }
    /// <summary>
    /// Which of the event's places (1 … capacity) this registration holds, or null while on the
    /// waiting list. Unique per event, so two requests that both see the last place free cannot
    /// both take it: the database refuses the second.
    /// </summary>
    public int? PlaceNumber { get; set; }
    /// <summary>When a place was given from the waiting list; null for who had a place at once.</summary>
    public DateTime? PlacedFromWaitingListAt { get; set; }
    /// <summary>
    /// SHA-256 (hex) of the cancellation link's token. The token itself is only in the registrant's
    /// mail, so the database (or an export) cannot be used to cancel someone else's place.
    /// Null for registrations made before cancellation links existed.
    /// </summary>
    public string? CancelTokenHash { get; set; }
    /// <summary>
    /// The language the registrant used when signing up ("nl" or "en"): every mail to them is in it.
    /// Registrations from before it was kept are Dutch, the language they had then.
    /// </summary>
    public string Language { get; set; } = "nl";

    public bool IsWaiting => PlaceNumber is null;
}
