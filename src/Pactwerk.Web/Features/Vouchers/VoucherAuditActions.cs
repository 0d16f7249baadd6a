using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>The vouchers' decisions in the audit trail; each is named in the audit log in Dutch and English.</summary>
public static class VoucherAuditActions
{
    [AuditAction] public const string Granted = "voucher-granted";
    [AuditAction] public const string Waiting = "voucher-waiting";
    [AuditAction] public const string Withdrawn = "voucher-withdrawn";
    [AuditAction] public const string ProviderApproved = "voucher-provider-approved";
    [AuditAction] public const string ProviderRejected = "voucher-provider-rejected";
    [AuditAction] public const string Erased = "voucher-erased";
    [AuditAction] public const string ProviderUserLinked = "voucher-provider-user-linked";
    [AuditAction] public const string BookingPaymentDue = "voucher-booking-payment-due";
    [AuditAction] public const string EnrolmentConfirmed = "voucher-enrolment-confirmed";
    [AuditAction] public const string Enrolled = "voucher-enrolled";
    [AuditAction] public const string Delivered = "voucher-delivered";
    [AuditAction] public const string Approved = "voucher-approved";
    [AuditAction] public const string SentBack = "voucher-sent-back";
    [AuditAction] public const string Refused = "voucher-refused";
    [AuditAction] public const string Expired = "voucher-expired";
    [AuditAction] public const string PaymentApproved = "voucher-payment-approved";
    [AuditAction] public const string PaymentCoSigned = "voucher-payment-co-signed";
    [AuditAction] public const string PaymentsBatched = "voucher-payments-batched";
    [AuditAction] public const string PaymentPaid = "voucher-payment-paid";
    [AuditAction] public const string PaymentReturned = "voucher-payment-returned";
    [AuditAction] public const string PaymentRetried = "voucher-payment-retried";
    [AuditAction] public const string Paid = "voucher-paid";
    [AuditAction] public const string Pending = "voucher-pending";
    [AuditAction] public const string Drawn = "voucher-drawn";
    [AuditAction] public const string EmailConfirmed = "voucher-email-confirmed";
    [AuditAction] public const string ConfirmationResent = "voucher-email-confirmation-resent";
}
