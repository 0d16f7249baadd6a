using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Booking a catalogue course on one's own learning account (<c>/leerrekening/boeken</c>): the catalogue, then for the
/// chosen course and start date the preview of which money pays and why, before the holder confirms. The preview and the
/// booking are <see cref="LearningBookings"/>', as for the API.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class BookCourseModel(LearningBookings bookings, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Course { get; set; }
    /// <summary>yyyy-MM-dd: one of the course's start dates, offered as a choice.</summary>
    [BindProperty(SupportsGet = true)] public string? Start { get; set; }
    [BindProperty] public bool AcceptCoPayment { get; set; }
    /// <summary>The co-payment the preview showed, in cents (an integer, so no culture reads it otherwise): accepted with the box ticked.</summary>
    [BindProperty] public long? CoPaymentShown { get; set; }

    public IReadOnlyList<CatalogueEntry> Catalogue { get; private set; } = [];
    public BookingPreview? Preview { get; private set; }
    public IDictionary<string, string> Errors { get; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Ticked, the box accepts the very amount the page showed; the booking refuses it if that is no longer the amount.
        var coPayment = AcceptCoPayment && CoPaymentShown is { } cents ? cents / 100m : (decimal?)null;
        switch (await bookings.BookAsync(new BookingInput(Course, Start, coPayment), ct))
        {
            case BookingOutcome.Done d:
                return Redirect($"/leerrekening?geboekt={d.Booking.Id.ToString(CultureInfo.InvariantCulture)}");
            case BookingOutcome.Invalid i:
                foreach (var (field, messages) in i.Errors)
                    Errors[field == "start" ? "Start" : "Course"] = LearningAccountMessages.Localise(t, messages[0]);
                break;
            case BookingOutcome.Refused r:
                Errors["top"] = LearningAccountMessages.Localise(t, r.Message);
                break;
            case BookingOutcome.CoPaymentDiffers c:
                // Not accepted: said at the box; changed since it was shown: said on top, above the new preview.
                Errors[coPayment is null ? "AcceptCoPayment" : "top"] = LearningAccountMessages.Localise(t, c.Message);
                break;
            case BookingOutcome.NotFound n:
                Errors["top"] = LearningAccountMessages.Localise(t, n.Message);
                break;
            case BookingOutcome.Forbidden f:
                Errors["top"] = LearningAccountMessages.Localise(t, f.Message);
                break;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        if (Course is null)
        {
            Catalogue = await bookings.CatalogueAsync(ct);
            return;
        }
        switch (await bookings.PreviewAsync(Course, Start, ct))
        {
            case BookingOutcome.Previewed p:
                Preview = p.Preview;
                Start = Pactwerk.Web.Features.LearningAccounts.Deposit.Iso(p.Preview.Start);
                break;
            case BookingOutcome.Invalid i:
                Errors.TryAdd("Start", LearningAccountMessages.Localise(t, i.Errors.Values.First()[0]));
                Catalogue = await bookings.CatalogueAsync(ct);
                break;
            case BookingOutcome.NotFound n:
                Errors.TryAdd("top", LearningAccountMessages.Localise(t, n.Message));
                break;
        }
    }

    public string Why(string reason) => LearningAccountMessages.Localise(t, reason);
}
