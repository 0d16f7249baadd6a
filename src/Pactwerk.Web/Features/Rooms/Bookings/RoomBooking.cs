namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// One slot of a room for one organisation. Pending and approved bookings hold their slot: no two of
/// them overlap in one room, which the database itself enforces (an exclusion constraint on PostgreSQL,
/// triggers on SQLite; see <see cref="RoomBookingConfiguration"/>). A recurring series is a set of
/// bookings that share a <see cref="SeriesId"/>; the owner decides on a series as a whole.
/// </summary>
public class RoomBooking : Audit.IAudited
{
    public int Id { get; set; }
    public int RoomId { get; set; }
    /// <summary>The organisation that books (and uses) the room.</summary>
    public int OrganisationId { get; set; }
    public required string BookedBy { get; set; }
    public RoomUserKind UserKind { get; set; }
    /// <summary>UTC; <see cref="EndsAt"/> is exclusive, so a slot may start where another ends.</summary>
    public DateTime StartsAt { get; set; }
    public DateTime EndsAt { get; set; }
    public RoomBookingStatus Status { get; set; }
    public Guid? SeriesId { get; set; }
    public string? Purpose { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public string? DecisionReason { get; set; }
    /// <summary>What the booker recorded afterwards: used, or a no-show; null until recorded.</summary>
    public RoomUse? Use { get; set; }

    /// <summary>Whether the booking holds its slot against others.</summary>
    public static bool Holds(RoomBookingStatus status) => status is RoomBookingStatus.Pending or RoomBookingStatus.Approved;

    public double Hours => (EndsAt - StartsAt).TotalHours;
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RoomBookingStatus>))]
public enum RoomBookingStatus
{
    Pending,
    Approved,
    Declined,
}

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RoomUse>))]
public enum RoomUse
{
    Used,
    NoShow,
}
