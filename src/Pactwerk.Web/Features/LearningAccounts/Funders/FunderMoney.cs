using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>What the ledger says about one funder's money, read the same way by the monitor feed and the funders' report.</summary>
public static class FunderMoney
{
    /// <summary>
    /// Bookings paid (partly) from the funder's money: the booking's reservation has a line on one of the funder's
    /// deposits. Read from the ledger, not from the booking, since the ledger chose which deposits pay. Cancelled
    /// bookings included: each reader decides as of when a cancellation counts.
    /// </summary>
    public static IQueryable<LearningBooking> BookingsPaidBy(PactwerkDb db, int funderId) =>
        db.LearningBookings.Where(b => db.LedgerLines.Any(l => l.PostingId == b.ReservationId
            && l.Bucket == LedgerBucket.Reserved && l.Amount > 0 && db.LearningDeposits.Any(d => d.Id == l.DepositId && d.FunderId == funderId)));

    /// <summary>
    /// Of <see cref="BookingsPaidBy"/>, those still taken up at <paramref name="asOf"/>: not cancelled, lapsed or found not
    /// delivered before it (their money went back); without <paramref name="asOf"/>, as the bookings stand now.
    /// </summary>
    public static IQueryable<LearningBooking> BookingsTakenUp(PactwerkDb db, int funderId, DateTime? asOf = null) => asOf is not { } at
        ? BookingsPaidBy(db, funderId).Where(b => LearningBooking.TakenUp.Contains(b.Status))
        : BookingsPaidBy(db, funderId).Where(b =>
            !(b.Status == BookingStatus.Cancelled && (b.CancelledAt == null || b.CancelledAt < at))
            && !((b.Status == BookingStatus.Lapsed || b.Status == BookingStatus.NotDelivered) && (b.ResolvedAt == null || b.ResolvedAt < at)));
}
