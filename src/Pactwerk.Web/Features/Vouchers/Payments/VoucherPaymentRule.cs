namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The payment rule of issue 18, in one place: a final payment only for an approved voucher, for
/// what is left of its amount; an advance only where the scheme's advance share is above 0, once
/// the training is under way (enrolled, delivered or approved), of at most that share. Never more
/// than the voucher's amount in total. <see cref="VoucherPayments"/> is the only caller.
/// </summary>
public static class VoucherPaymentRule
{
    /// <summary>The amount allowed, or the reason in Dutch why not.</summary>
    /// <param name="requested">The amount asked for an advance; a final payment always pays the rest.</param>
    /// <param name="committed">What earlier payments of this voucher already hold (any status).</param>
    public static (decimal Amount, string? Refusal) Decide(VoucherStatus status, decimal voucherAmount, decimal advanceShare, PaymentKind kind,
        decimal? requested, decimal committed, bool hasAdvance, bool hasFinal)
    {
        var rest = voucherAmount - committed;
        if (kind == PaymentKind.Final)
        {
            if (status != VoucherStatus.Approved)
                return (0, "Een voucher wordt pas betaald nadat het bewijs van de opleiding is goedgekeurd; er is niets veranderd.");
            if (hasFinal || rest <= 0)
                return (0, "Deze voucher is al (volledig) betaald of staat al ter betaling klaar; er is niets veranderd.");
            if (requested is { } asked && asked != rest)
                return (0, $"De slotbetaling is het restant van de voucher: {rest.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)}; er is niets veranderd.");
            return (rest, null);
        }
        if (advanceShare <= 0)
            return (0, "Deze regeling kent geen voorschot: er wordt pas betaald na goedgekeurde levering; er is niets veranderd.");
        if (status is not (VoucherStatus.Enrolled or VoucherStatus.Delivered or VoucherStatus.Approved))
            return (0, "Een voorschot kan pas als de aanbieder en de deelnemer de inschrijving hebben bevestigd; er is niets veranderd.");
        if (hasAdvance || hasFinal)
            return (0, "Voor deze voucher is al een voorschot of slotbetaling gemaakt; er is niets veranderd.");
        var most = Math.Round(voucherAmount * advanceShare, 2, MidpointRounding.ToZero);
        if (requested is not { } amount || amount <= 0 || decimal.Round(amount, 2) != amount)
            return (0, "Vul het bedrag van het voorschot in, groter dan 0, in hele centen; er is niets veranderd.");
        if (amount > most || amount > rest)
            return (0, $"Het voorschot is hoogstens {most.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)} (het voorschotdeel van de regeling); er is niets veranderd.");
        return (amount, null);
    }

    public const string BookingNotDelivered = "Een boeking van een leerrekening wordt pas betaald als de aanbieder én de deelnemer de levering hebben bevestigd; er is niets veranderd.";
    public const string BookingAlreadyPaid = "Deze boeking staat al ter betaling klaar of is betaald; er is niets veranderd.";

    /// <summary>
    /// A learning account's booking: paid once, in full (what the account pays), and only once the provider confirmed
    /// the delivery, the holder confirmed it too — or, when the holder disputed it or stayed silent, an officer of the
    /// scheme found it delivered — and the ledger spent the reservation. Null when it may be paid.
    /// </summary>
    public static string? DecideBooking(bool providerConfirmed, bool holderConfirmed, bool spent, bool hasPayment, bool foundDeliveredByOfficer = false) =>
        !(providerConfirmed && (holderConfirmed || foundDeliveredByOfficer) && spent) ? BookingNotDelivered
        : hasPayment ? BookingAlreadyPaid
        : null;
}
