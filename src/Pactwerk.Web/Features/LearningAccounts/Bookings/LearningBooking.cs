namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Where a booking stands. Stored as its name.</summary>
public enum BookingStatus
{
    /// <summary>Its price is reserved on the ledger; waiting for both sides to confirm delivery, or a cancellation.</summary>
    Reserved,
    /// <summary>Cancelled before delivery: the reservation went back to the same deposits.</summary>
    Cancelled,
    /// <summary>Both sides confirmed delivery: the reservation is spent and the provider's payment is due.</summary>
    Delivered,
}

/// <summary>
/// A catalogue course (a vouchers' <see cref="Vouchers.VoucherCourse"/> of a vetted provider) booked by the
/// holder of a learning account. Its price is reserved on the ledger (<see cref="ReservationId"/>) from the
/// deposits <see cref="LedgerRules.Choose"/> picks; what the account does not cover is the holder's own
/// co-payment, where the scheme allows one. Delivered once the provider and the holder both confirmed:
/// then the reservation is spent and a payment to the provider is made through the vouchers' payment path.
/// Made and changed only by <see cref="LearningBookings"/>.
/// </summary>
public class LearningBooking
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public int CourseId { get; set; }
    public int ProviderId { get; set; }
    public DateOnly Start { get; set; }
    /// <summary>The course's price when booked, in euro cents.</summary>
    public long Price { get; set; }
    /// <summary>What the account pays (the reservation), in euro cents.</summary>
    public long FromAccount { get; set; }
    /// <summary>What the holder pays the provider themselves, in euro cents: <see cref="Price"/> − <see cref="FromAccount"/>.</summary>
    public long CoPayment { get; set; }
    /// <summary>The ledger's reservation of <see cref="FromAccount"/>; one booking per reservation.</summary>
    public long ReservationId { get; set; }
    public BookingStatus Status { get; set; }
    public DateTime BookedAt { get; set; }
    /// <summary>The account id of the holder who booked it.</summary>
    public required string BookedBy { get; set; }
    public DateTime? ProviderConfirmedAt { get; set; }
    public string? ProviderConfirmedBy { get; set; }
    public DateTime? HolderConfirmedAt { get; set; }
    public DateTime? CancelledAt { get; set; }

    /// <summary>The booking's code in payment files and on bank statements (as a voucher's code is for a voucher).</summary>
    public static string CodeOf(long id) => $"LR{id:D6}";
}
