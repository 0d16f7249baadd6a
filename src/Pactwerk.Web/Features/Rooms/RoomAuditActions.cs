using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>The rooms' decisions in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class RoomAuditActions
{
    [AuditAction] public const string Booked = "room-booked";
    [AuditAction] public const string Approved = "room-booking-approved";
    [AuditAction] public const string Declined = "room-booking-declined";
    [AuditAction] public const string UseRecorded = "room-use-recorded";
}
