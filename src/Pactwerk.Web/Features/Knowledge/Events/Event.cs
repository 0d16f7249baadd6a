namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// A public event (yearly conference, Techniek Driedaagse, college tour) or an internal meeting
/// (steering group, landsdeel leads) of a pact. Times are stored in UTC and shown in Europe/Amsterdam.
/// </summary>
public class Event : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    /// <summary>Where it takes place, when it belongs to a region (of any set); null for a national event.</summary>
    public int? RegionId { get; set; }
    public EventKind Kind { get; set; }
    /// <summary>Public events are for everyone; the rest are internal meetings for their members and the pact's coordinators.</summary>
    public bool IsPublic { get; set; }
    public required string Title { get; set; }
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public string? Place { get; set; }
    /// <summary>Plain text, shown with its line breaks.</summary>
    public string? Programme { get; set; }
    /// <summary>Registration elsewhere; or, with <see cref="Capacity"/>, the site's own registration form.</summary>
    public string? RegistrationUrl { get; set; }
    /// <summary>Places for the registration form; null when the event has no form.</summary>
    public int? Capacity { get; set; }
    /// <summary>Internal meetings only: the agenda, plain text.</summary>
    public string? Agenda { get; set; }
    /// <summary>Internal meetings only: the minutes, plain text.</summary>
    public string? Minutes { get; set; }
    public bool IsDemoContent { get; set; }
    public List<MeetingDocument> Documents { get; set; } = [];
    public List<MeetingMember> Members { get; set; } = [];
    public List<EventRegistration> Registrations { get; set; } = [];
}

public enum EventKind
{
    Conference,
    Event,
    CollegeTour,
    SteeringGroup,
    LandsdeelLeadsMeeting,
    Other,
}
