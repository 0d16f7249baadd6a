using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The learning accounts' events in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class LearningAccountAuditActions
{
    [AuditAction] public const string Deposited = "learning-deposit-made";
    /// <summary>A bulk deposit file written: one event for the file (its rows are written past the change tracker).</summary>
    [AuditAction] public const string FileDeposited = "learning-deposit-file-written";
    [AuditAction] public const string Departed = "learning-departure-recorded";
    /// <summary>The holder corrected the municipality they live in or their birth year.</summary>
    [AuditAction] public const string FactsCorrected = "learning-holder-facts-corrected";
    [AuditAction] public const string StatementRead = "learning-statement-read";
    [AuditAction] public const string Booked = "learning-course-booked";
    [AuditAction] public const string Cancelled = "learning-booking-cancelled";
    [AuditAction] public const string DeliveryConfirmed = "learning-delivery-confirmed";
    [AuditAction] public const string Delivered = "learning-booking-delivered";
    /// <summary>The holder said a course was not delivered, or the deadline passed with only the provider's confirmation.</summary>
    [AuditAction] public const string Disputed = "learning-booking-disputed";
    /// <summary>A scheme officer decided a disputed booking: delivered (paid after a second officer signs) or not (money back).</summary>
    [AuditAction] public const string DisputeResolved = "learning-booking-dispute-resolved";
    /// <summary>The provider never confirmed delivery within the deadline: the money went back.</summary>
    [AuditAction] public const string Lapsed = "learning-booking-lapsed";
}
