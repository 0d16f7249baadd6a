using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The workshop days' decisions in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class WorkshopDayAuditActions
{
    [AuditAction] public const string Allocated = "workshop-days-allocated";
    [AuditAction] public const string ClassMoved = "workshop-days-class-moved";
    [AuditAction] public const string Published = "workshop-days-published";
    [AuditAction] public const string ClassCancelled = "workshop-days-class-cancelled";
    [AuditAction] public const string ClassMovedUp = "workshop-days-class-moved-up";
    [AuditAction] public const string CheckedIn = "workshop-days-class-checked-in";
    [AuditAction] public const string VolunteerSignedUp = "workshop-days-volunteer-signed-up";
    [AuditAction] public const string VolunteerConfirmed = "workshop-days-volunteer-confirmed";
    [AuditAction] public const string VolunteerWithdrew = "workshop-days-volunteer-withdrew";
    [AuditAction] public const string VolunteerRemoved = "workshop-days-volunteer-removed";
    [AuditAction] public const string RegistrationLapsed = "workshop-days-registration-lapsed";
    [AuditAction] public const string VolunteerLapsed = "workshop-days-volunteer-lapsed";
}
