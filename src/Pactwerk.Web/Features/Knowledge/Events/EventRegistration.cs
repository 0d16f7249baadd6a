namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// Someone who signed up with the event's form. Not audited: the trail would copy a visitor's name
/// and address into every coordinator's view of the log.
/// </summary>
public class EventRegistration
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower case and trimmed, so one address registers once per event.</summary>
    public required string Email { get; set; }
    public DateTime RegisteredAt { get; set; }
    /// <summary>
    /// Which of the event's places (1 … capacity) this registration holds. Unique per event, so two
    /// requests that both see the last place free cannot both take it: the database refuses the second.
    /// </summary>
    public int PlaceNumber { get; set; }
}
