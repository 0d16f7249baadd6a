namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// A Techniek Driedaagse: workshop days of a pact (and optionally of one of its actions, whose outputs its totals
/// become) where schools bring classes to technical workshops. Registration runs until <see cref="RegistrationClosesAt"/>
/// or until the days are full; then the coordinator allocates, may move classes by hand, and publishes.
/// </summary>
public class WorkshopDayEvent : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    public int PactId { get; set; }
    public int? ActionId { get; set; }
    /// <summary>Lower-case letters, digits and dashes; the event's links.</summary>
    public required string Slug { get; set; }
    public required string Name { get; set; }
    public required string Venue { get; set; }
    /// <summary>UTC; no registration or change after it.</summary>
    public DateTime RegistrationClosesAt { get; set; }
    /// <summary>How many workshops every class follows on its day.</summary>
    public int WorkshopsPerClass { get; set; } = 3;
    /// <summary>Demo content: invented schools and classes, marked as such on its pages.</summary>
    public bool Invented { get; set; }

    public DateTime? AllocatedAt { get; set; }
    public long? AllocationObjective { get; set; }
    public long? AllocationBound { get; set; }
    public int? AllocationMilliseconds { get; set; }
    public int? WorstSchoolPerMille { get; set; }
    /// <summary>Set when the coordinator publishes the allocation: from then on schools see their schedules.</summary>
    public DateTime? PublishedAt { get; set; }

    public List<EventDay> Days { get; set; } = [];
    public List<Workshop> Workshops { get; set; } = [];
    public List<VolunteerShift> Shifts { get; set; } = [];
}

/// <summary>A day of the event, with its time slots.</summary>
public class EventDay : Audit.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public DateOnly Date { get; set; }
    public List<SessionSlot> Slots { get; set; } = [];
}

/// <summary>A time slot of a day: every workshop of that day runs one session starting at <see cref="StartsAt"/>.</summary>
public class SessionSlot : Audit.IAudited
{
    public int Id { get; set; }
    public int DayId { get; set; }
    public TimeOnly StartsAt { get; set; }
}

/// <summary>A workshop on one day, run by a provider organisation, with room for <see cref="CapacityPerSession"/> pupils in every session.</summary>
public class Workshop : Audit.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int DayId { get; set; }
    public required string Title { get; set; }
    public required string Provider { get; set; }
    public required string Theme { get; set; }
    /// <summary>For whom it is meant, as the organisers write it ("groep 7–8", "vmbo 1–2").</summary>
    public required string AgeGroup { get; set; }
    public int CapacityPerSession { get; set; }
    public int DurationMinutes { get; set; }
}

/// <summary>A volunteer shift of a day with the number of volunteers needed.</summary>
public class VolunteerShift : Audit.IAudited
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int DayId { get; set; }
    public required string Task { get; set; }
    public TimeOnly StartsAt { get; set; }
    public TimeOnly EndsAt { get; set; }
    public int Needed { get; set; }
}
