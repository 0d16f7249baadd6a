using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A provider's learning-account bookings (<c>/aanbieder/leerrekeningen</c>), beside its vouchers: confirm that a booked
/// course was delivered. Signed in as for vouchers (two-factor where the vouchers ask it); only the provider's own
/// bookings, never whose account pays. The step is <see cref="LearningBookings"/>', as for the API.
/// </summary>
[Authorize(Policy = Vouchers.VouchersModule.StaffPolicy)]
public sealed class ProviderBookingsModel(LearningBookings bookings, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<BookingDto> Bookings { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Bookings = await bookings.OfMyProvidersAsync(ct);

    public async Task<IActionResult> OnPostDeliveredAsync(long id, CancellationToken ct)
    {
        switch (await bookings.ConfirmByProviderAsync(id, ct))
        {
            case BookingOutcome.Done d:
                Done = d.Booking.Status == BookingStatus.Delivered
                    ? t["De levering van boeking {0} is bevestigd; de deelnemer had haar al bevestigd, dus de betaling staat klaar.", d.Booking.Code]
                    : t["De levering van boeking {0} is bevestigd; nu bevestigt de deelnemer haar nog.", d.Booking.Code];
                break;
            case BookingOutcome.Refused r:
                Error = LearningAccountMessages.Localise(t, r.Message);
                break;
            case BookingOutcome.NotFound n:
                Error = LearningAccountMessages.Localise(t, n.Message);
                break;
            case BookingOutcome.Forbidden f:
                Error = LearningAccountMessages.Localise(t, f.Message);
                break;
        }
        Bookings = await bookings.OfMyProvidersAsync(ct);
        return Page();
    }
}
