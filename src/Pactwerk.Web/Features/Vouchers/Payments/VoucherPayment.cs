using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Which part of a voucher's amount a payment pays.</summary>
public enum PaymentKind
{
    /// <summary>Before delivery, only where the scheme allows an advance share; at most that share of the amount.</summary>
    Advance = 0,
    /// <summary>After the officer approved the delivery evidence: the rest of the amount.</summary>
    Final = 1,
}

/// <summary>Where a payment stands. Stored as its number: fixed here once.</summary>
public enum PaymentStatus
{
    /// <summary>Approved by one officer, above the scheme's four-eyes threshold: a second, different officer must co-sign.</summary>
    AwaitingCoSignature = 0,
    /// <summary>Approved (and co-signed where needed): goes into the next batch.</summary>
    Approved = 1,
    /// <summary>In a batch, sent to the bank as a SEPA credit transfer; the amount is still in the scheme's reserve.</summary>
    Batched = 2,
    /// <summary>The bank's statement says it was paid: the amount moved from the reserve to the scheme's paid sum.</summary>
    Paid = 3,
    /// <summary>
    /// The bank booked it back (a return: closed or wrong account, refused by the payee's bank). The amount is
    /// back in the reserve, because the voucher is still owed; an officer offers it again (<see cref="VoucherPayment.Attempt"/> + 1).
    /// </summary>
    Returned = 4,
}

/// <summary>
/// One payment to a provider: of a voucher, or of a learning account's booking of one of the provider's
/// courses (exactly one of <see cref="ApplicationId"/> and <see cref="BookingId"/>), so both are batched,
/// exported and reconciled on one path. Made only by <see cref="VoucherPayments"/>, which holds the
/// payment rule (<see cref="VoucherPaymentRule"/>): never before delivery unless the scheme allows an
/// advance, never more than the voucher's amount in total; a booking only once both sides confirmed
/// its delivery. Unique indexes allow one advance and one final payment per voucher, one payment per booking.
/// </summary>
public class VoucherPayment
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public long? ApplicationId { get; set; }
    /// <summary>The learning account's booking it pays (<see cref="LearningAccounts.LearningBooking"/>): the money is spent on that account's ledger, not held in the scheme's reserve.</summary>
    public long? BookingId { get; set; }
    public PaymentKind Kind { get; set; }
    public decimal Amount { get; set; }
    public PaymentStatus Status { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The officer who approved it; creating a payment is approving it, so this is <see cref="CreatedBy"/>.</summary>
    public required string ApprovedBy { get; set; }
    /// <summary>The second officer, above the four-eyes threshold; never <see cref="ApprovedBy"/>.</summary>
    public string? CoSignedBy { get; set; }
    public DateTime? CoSignedAt { get; set; }
    public int? BatchId { get; set; }
    public DateTime? PaidAt { get; set; }
    /// <summary>The bank's reference of the booking that paid it, from the reconciled statement.</summary>
    public string? BankReference { get; set; }
    /// <summary>1 for the first transfer; one more each time a returned payment is offered again, so each transfer has its own end-to-end id.</summary>
    public int Attempt { get; set; } = 1;
    /// <summary>When the bank's statement showed the transfer booked back, and the bank's reason code (e.g. AC04: account closed).</summary>
    public DateTime? ReturnedAt { get; set; }
    public string? ReturnReason { get; set; }

    /// <summary>
    /// The SEPA end-to-end id: the voucher's code, the payment's number and, from the second transfer on, its attempt,
    /// so the bank statement names all three and a line about an earlier transfer is never taken for the current one (at most 35 characters).
    /// </summary>
    public static string EndToEndId(string voucherCode, int paymentId, int attempt = 1) =>
        attempt <= 1 ? $"{voucherCode}-{paymentId}" : $"{voucherCode}-{paymentId}.{attempt}";
}

/// <summary>A batch of approved payments, exported once to the bank (pain.001) and the finance system (CSV).</summary>
public class VoucherPaymentBatch
{
    public int Id { get; set; }
    public int SchemeId { get; set; }
    public DateTime CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
    public int Count { get; set; }
    public decimal Total { get; set; }

    /// <summary>The SEPA message id: unique per batch, at most 35 characters.</summary>
    public string MessageId => $"PACTWERK-{SchemeId}-{Id:D6}";
}

internal sealed class VoucherPaymentConfiguration : IEntityTypeConfiguration<VoucherPayment>
{
    public void Configure(EntityTypeBuilder<VoucherPayment> payment)
    {
        payment.HasOne<VoucherScheme>().WithMany().HasForeignKey(p => p.SchemeId);
        payment.HasOne<VoucherApplication>().WithMany().HasForeignKey(p => p.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        payment.HasOne<VoucherPaymentBatch>().WithMany().HasForeignKey(p => p.BatchId).OnDelete(DeleteBehavior.Restrict);
        payment.Property(p => p.Amount).HasPrecision(14, 2);
        payment.Property(p => p.CreatedBy).HasMaxLength(450);
        payment.Property(p => p.ApprovedBy).HasMaxLength(450);
        payment.Property(p => p.CoSignedBy).HasMaxLength(450);
        payment.Property(p => p.BankReference).HasMaxLength(100);
        payment.Property(p => p.ReturnReason).HasMaxLength(100);
        payment.Property(p => p.Attempt).HasDefaultValue(1);
        // One advance and one final payment per voucher, whatever arrives at the same moment.
        payment.HasIndex(p => new { p.ApplicationId, p.Kind }).IsUnique();
        payment.HasOne<LearningAccounts.LearningBooking>().WithMany().HasForeignKey(p => p.BookingId).OnDelete(DeleteBehavior.Restrict);
        payment.HasIndex(p => p.BookingId).IsUnique();
        payment.HasIndex(p => new { p.SchemeId, p.Status, p.BatchId });
        payment.ToTable(t =>
        {
            t.HasCheckConstraint("CK_VoucherPayments_Amount", "\"Amount\" + 0 > 0");
            t.HasCheckConstraint("CK_VoucherPayments_PaysOne", "(\"ApplicationId\" IS NULL) <> (\"BookingId\" IS NULL)");
            // Four eyes in the database too: a co-signature is never by the approver.
            t.HasCheckConstraint("CK_VoucherPayments_FourEyes", "\"CoSignedBy\" IS NULL OR \"CoSignedBy\" <> \"ApprovedBy\"");
        });
    }
}

internal sealed class VoucherPaymentBatchConfiguration : IEntityTypeConfiguration<VoucherPaymentBatch>
{
    public void Configure(EntityTypeBuilder<VoucherPaymentBatch> batch)
    {
        batch.HasOne<VoucherScheme>().WithMany().HasForeignKey(b => b.SchemeId);
        batch.Property(b => b.CreatedBy).HasMaxLength(450);
        batch.Property(b => b.Total).HasPrecision(14, 2);
        batch.Ignore(b => b.MessageId);
    }
}
