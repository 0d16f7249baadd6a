using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The learning accounts' events in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class LearningAccountAuditActions
{
    [AuditAction] public const string Deposited = "learning-deposit-made";
    [AuditAction] public const string Departed = "learning-departure-recorded";
    [AuditAction] public const string StatementRead = "learning-statement-read";
    [AuditAction] public const string Booked = "learning-course-booked";
    [AuditAction] public const string Cancelled = "learning-booking-cancelled";
    [AuditAction] public const string DeliveryConfirmed = "learning-delivery-confirmed";
    [AuditAction] public const string Delivered = "learning-booking-delivered";
}
