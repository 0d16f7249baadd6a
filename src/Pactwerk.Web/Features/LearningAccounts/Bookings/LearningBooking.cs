namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Where a booking stands. Stored as its name.</summary>
public enum BookingStatus
{
    /// <summary>Its price is reserved on the ledger; waiting for both sides to confirm delivery, or a cancellation.</summary>
    Reserved,
    /// <summary>Cancelled before delivery: the reservation went back to the same deposits.</summary>
    Cancelled,
    /// <summary>Both sides confirmed delivery (or a scheme officer found it delivered): the reservation is spent and the provider's payment is due.</summary>
    Delivered,
    /// <summary>
    /// The holder said it was not delivered, or the provider confirmed and the holder stayed silent past the deadline
    /// (<see cref="BookingDeadlineOptions.ConfirmWithinDays"/>): the money stays reserved, nobody is paid, and an officer
    /// of the provider's scheme decides (<see cref="BookingDisputes"/>).
    /// </summary>
    Disputed,
    /// <summary>The provider did not confirm delivery within the deadline after the start: the reservation went back to the same deposits.</summary>
    Lapsed,
    /// <summary>A scheme officer found a disputed booking not delivered: the reservation went back to the same deposits, nobody is paid.</summary>
    NotDelivered,
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
    /// <summary>When it became <see cref="BookingStatus.Disputed"/>, and why (the holder's words, or the deadline's).</summary>
    public DateTime? DisputedAt { get; set; }
    public string? DisputeReason { get; set; }
    /// <summary>The scheme officer's decision on a dispute (or the deadline's lapse): when, by whom (account id; null for the deadline), and why.</summary>
    public DateTime? ResolvedAt { get; set; }
    public string? ResolvedBy { get; set; }
    public string? Resolution { get; set; }

    /// <summary>The states in which money is still reserved for the booking.</summary>
    public static readonly BookingStatus[] Open = [BookingStatus.Reserved, BookingStatus.Disputed];

    /// <summary>The states of a booking that was taken up (counted as booked): all but those whose money went back.</summary>
    public static readonly BookingStatus[] TakenUp = [BookingStatus.Reserved, BookingStatus.Disputed, BookingStatus.Delivered];

    /// <summary>The booking's code in payment files and on bank statements (as a voucher's code is for a voucher).</summary>
    public static string CodeOf(long id) => $"LR{id:D6}";
}
