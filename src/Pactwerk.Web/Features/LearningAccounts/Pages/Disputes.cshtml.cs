using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The disputed learning-account bookings of the schemes the officer decides for (<c>/regeling/leerrekening-meldingen</c>):
/// the holder's words, the provider's confirmation, and the decision — delivered (the payment then waits for a second
/// officer) or not (the money goes back). Signed in as the vouchers' officers are, with two-factor. The step is
/// <see cref="BookingDisputes"/>', as for the API.
/// </summary>
[Authorize(Policy = Vouchers.VouchersModule.StaffPolicy)]
public sealed class DisputesModel(BookingDisputes disputes, IStringLocalizer<SharedResource> t) : PageModel
{
    public IReadOnlyList<DisputedBookingDto> Disputes { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }
    /// <summary>The booking whose decision was refused, and what was typed, so the form shows it again.</summary>
    public long? FailedId { get; private set; }
    public string? FailedReason { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Disputes = await disputes.OpenAsync(ct);

    public async Task<IActionResult> OnPostAsync(long id, string? delivered, string? reason, CancellationToken ct)
    {
        bool? decision = delivered switch { "ja" => true, "nee" => false, _ => null };
        switch (await disputes.ResolveAsync(id, new ResolutionInput(decision, reason), ct))
        {
            case BookingOutcome.Done d:
                Done = d.Booking.Status == BookingStatus.Delivered
                    ? t["Boeking {0} is geleverd verklaard; de betaling wacht op de handtekening van een tweede medewerker.", d.Booking.Code]
                    : t["Boeking {0} is niet geleverd verklaard; het geld staat weer op de leerrekening.", d.Booking.Code];
                break;
            case BookingOutcome.Invalid i:
                Error = string.Join(" ", i.Errors.Values.SelectMany(m => m).Select(m => LearningAccountMessages.Localise(t, m)));
                (FailedId, FailedReason) = (id, reason);
                Response.StatusCode = StatusCodes.Status400BadRequest;
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
        Disputes = await disputes.OpenAsync(ct);
        return Page();
    }
}
