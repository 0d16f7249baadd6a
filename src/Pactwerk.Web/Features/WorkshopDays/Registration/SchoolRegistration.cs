namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// A school's registration, made without an account: the teacher's address counts once confirmed through the
/// mailed link; the secret key in the answer's link lets the school change its classes until registration closes.
/// Only the key's hash is stored.
/// </summary>
public class SchoolRegistration : Audit.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public required string School { get; set; }
    /// <summary>The school's municipality by name, as today's reference data names it.</summary>
    public required string Municipality { get; set; }
    /// <summary>Its CBS code (GM0736), by which attendance is counted in the monitor; null only for registrations made before it was asked.</summary>
    public string? MunicipalityCode { get; set; }
    public required string Teacher { get; set; }
    public required string Email { get; set; }
    public DateTime? EmailConfirmedAt { get; set; }
    public required string KeyHash { get; set; }
    public DateTime SubmittedAt { get; set; }
    /// <summary>
    /// When the confirmation link was last mailed (the registration, or a change of address): the lapse is counted from
    /// here, not from <see cref="SubmittedAt"/>, which stays the school's place in line. Null for rows made before it was kept.
    /// </summary>
    public DateTime? ConfirmationAskedAt { get; set; }
    /// <summary>Set when the address was not confirmed in time (<see cref="UnconfirmedLapse"/>): its classes are cancelled and hold no place; the links say so.</summary>
    public DateTime? LapsedAt { get; set; }
    /// <summary>When the schedule mail was claimed for sending: set by one conditional update, so only one request or instance mails it.</summary>
    public DateTime? ScheduleMailedAt { get; set; }
    public List<SchoolClass> Classes { get; set; } = [];
}

/// <summary>A class the school brings: its size, grade, day, arrival and departure and up to five ranked workshops.</summary>
public class SchoolClass : Audit.IAudited
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public required string Name { get; set; }
    public int Pupils { get; set; }
    public required string Grade { get; set; }
    public int DayId { get; set; }
    public TimeOnly Arrival { get; set; }
    public TimeOnly Departure { get; set; }
    /// <summary>Workshop ids by rank, first choice first.</summary>
    public List<int> Preferences { get; set; } = [];
    /// <summary>Registered when its day was full: the class holds no place and waits, in order of registration, for one to open (see <see cref="WaitingList"/>).</summary>
    public bool Waiting { get; set; }
    /// <summary>Set when the school or the coordinator cancels the class, or its registration lapses unconfirmed: it holds no place any more; the row stays for the record.</summary>
    public DateTime? CancelledAt { get; set; }
    /// <summary>The code the class shows at the door (see <see cref="CheckInCodes"/>); given once the event is published and the class placed.</summary>
    public string? CheckInCode { get; set; }
}

/// <summary>A session given to a class by the allocation; <see cref="Pinned"/> when the coordinator placed it by hand (a re-run keeps it).</summary>
public class ClassAssignment : Audit.IAudited
{
    public int Id { get; set; }
    public int ClassId { get; set; }
    public int WorkshopId { get; set; }
    public int SlotId { get; set; }
    public bool Pinned { get; set; }
}
