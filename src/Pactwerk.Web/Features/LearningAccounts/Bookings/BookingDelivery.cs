using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The one place a booking becomes delivered: its status moves (one conditional update, so it happens once), the ledger
/// spends its reservation and the provider's payment becomes due through <see cref="VoucherPayments"/>, whose rule checks
/// the confirmations again. Reached when both sides confirmed (<see cref="LearningBookings"/>) or when a scheme officer
/// found a disputed booking delivered (<see cref="BookingDisputes"/>); always inside the caller's transaction, so the
/// status, the spend and the payment commit together or not at all.
/// </summary>
public sealed class BookingDelivery(PactwerkDb db, LearningLedger ledger, VoucherPayments payments)
{
    /// <summary>Delivers <paramref name="booking"/> if it is still in <paramref name="from"/>; false when another step moved it first.</summary>
    public async Task<bool> DeliverAsync(LearningBooking booking, BookingStatus from, bool providerConfirmed, bool holderConfirmed, string userId, DateTime now,
        CancellationToken ct, string? foundDeliveredBy = null)
    {
        if (await db.LearningBookings.Where(b => b.Id == booking.Id && b.Status == from)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, BookingStatus.Delivered), ct) != 1)
            return false;
        var spent = await ledger.SpendAsync(booking.AccountId, booking.ReservationId, userId, ct);
        if (spent is PostingOutcome.Refused refused)
            throw new InvalidOperationException($"The reservation of booking {booking.Id} could not be spent: {refused.Message}");
        var scheme = await db.VoucherProviders.AsNoTracking().Where(p => p.Id == booking.ProviderId).Select(p => p.SchemeId).SingleAsync(ct);
        var due = await payments.DueForBookingAsync(scheme, booking.Id, booking.FromAccount, providerConfirmed, holderConfirmed, spent is PostingOutcome.Posted, userId, ct,
            foundDeliveredBy);
        if (due.Outcome != PaymentOutcome.Done)
            throw new InvalidOperationException($"The payment of booking {booking.Id} could not be made: {due.Message}");
        db.RecordEvent(now, LearningAccountAuditActions.Delivered, nameof(LearningBooking), booking.Id.ToString(CultureInfo.InvariantCulture),
            new { account = booking.AccountId, reservation = booking.ReservationId, spend = ((PostingOutcome.Posted)spent).Posting.Id, payment = due.Value });
        await db.SaveChangesAsync(ct);
        return true;
    }
}
