namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// A technology room (technieklokaal) that its owner, a school or college of the network, shares with
/// others. It lies in a municipality, so it falls into every region of every region set that holds it.
/// The owner's rules (who may book, the lead time, whether bookings wait for approval) live here.
/// </summary>
public class Room : Audit.IAudited, Data.IVersioned
{
    public int Id { get; set; }
    public int Version { get; set; }
    /// <summary>The organisation that owns the room and decides on its bookings.</summary>
    public int OrganisationId { get; set; }
    public required string Name { get; set; }
    public required string Address { get; set; }
    /// <summary>The municipality where the room is (a region of the municipalities set).</summary>
    public int MunicipalityId { get; set; }
    /// <summary>Equipment codes, lower case ("3d-printer", "cnc", "lasersnijder"): a filter finds them exactly.</summary>
    public List<string> Equipment { get; set; } = [];
    /// <summary>How many people can work in the room at once.</summary>
    public int Capacity { get; set; }
    /// <summary>Reachable and usable in a wheelchair (step-free entrance, lift, adapted workbench).</summary>
    public bool WheelchairAccessible { get; set; }
    public string? AccessibilityNote { get; set; }

    /// <summary>The kinds of user the owner lets book (<see cref="RoomUserKind"/> names); the owner's own school always may.</summary>
    public List<string> AllowedUsers { get; set; } = [];
    /// <summary>A booking must start at least this many hours after it is made.</summary>
    public int LeadTimeHours { get; set; }
    /// <summary>Bookings of others wait for the owner's approval; without it they are approved at once.</summary>
    public bool ApprovalRequired { get; set; }

    public List<RoomOpeningHours> OpeningHours { get; set; } = [];
    public List<RoomClosure> Closures { get; set; } = [];
}

/// <summary>The hours a room is open on one day of the week, in Dutch local time; a day without a row is closed.</summary>
public class RoomOpeningHours : Audit.IAudited
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Opens { get; set; }
    public TimeOnly Closes { get; set; }
}

/// <summary>Days the room is closed (holidays, maintenance), both ends included.</summary>
public class RoomClosure : Audit.IAudited
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
    public required string Reason { get; set; }
}

/// <summary>Who uses a room, as the utilisation counts it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RoomUserKind>))]
public enum RoomUserKind
{
    /// <summary>The owner itself.</summary>
    OwnSchool,
    OtherSchool,
    Company,
    AdultEducation,
}
