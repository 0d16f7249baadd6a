namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// A person's sign-up for one volunteer shift, made without an account, as a school registers: the address counts as
/// confirmed once the mailed link is followed; the secret key in the mail's other link (only its hash is stored) lets
/// the volunteer see their shifts and withdraw. An unconfirmed sign-up holds its place, as a school's unconfirmed classes
/// count in a day's fill, until it lapses (<see cref="UnconfirmedLapse"/>); the coordinator sees which are unconfirmed on the roster and may remove them. A withdrawn or
/// removed sign-up stays as the record of it and holds no place.
/// </summary>
/// <remarks>
/// Not <see cref="Audit.IAudited"/>: the trail would copy the volunteer's name, address and phone number to everyone who
/// reads a pact's audit log. The sign-up, withdrawal and removal are written as events naming the shift instead
/// (<see cref="WorkshopDayAuditActions"/>).
/// </remarks>
public class VolunteerSignUp
{
    public int Id { get; set; }
    public int EventId { get; set; }
    public int ShiftId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    public required string KeyHash { get; set; }
    public DateTime SignedUpAt { get; set; }
    public DateTime? EmailConfirmedAt { get; set; }
    /// <summary>Set when the volunteer withdraws through their link.</summary>
    public DateTime? WithdrawnAt { get; set; }
    /// <summary>Set when the coordinator takes the volunteer off the shift.</summary>
    public DateTime? RemovedAt { get; set; }
    /// <summary>Set when the address was not confirmed in time (<see cref="UnconfirmedLapse"/>): the place is free again; the links say so.</summary>
    public DateTime? LapsedAt { get; set; }
}
