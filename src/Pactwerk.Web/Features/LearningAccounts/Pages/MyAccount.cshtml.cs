using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The holder's own learning account (<c>/leerrekening</c>): the balance, what each funder paid in, what expires when,
/// every movement, and their bookings with cancel and confirm-delivery; for a funder's officer also the way to its deposit upload page. Every step is <see cref="LearningBookings"/>',
/// as for the API, so the same rules and answers hold.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class MyAccountModel(LearningAccountQueries queries, LearningBookings bookings, DepositFiles files, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The funders the signed-in user deposits for: their upload pages are linked from here.</summary>
    public IReadOnlyList<Funder> OfficerOf { get; private set; } = [];
    public AccountStatement? Statement { get; private set; }
    public IReadOnlyList<BookingDto> Bookings { get; private set; } = [];
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(long? geboekt, CancellationToken ct)
    {
        if (geboekt is { } id)
            Done = t["Geboekt: opleiding {0} is gereserveerd op uw leerrekening.", LearningBooking.CodeOf(id)];
        await LoadAsync(ct);
    }

    public Task<IActionResult> OnPostCancelAsync(long id, CancellationToken ct) =>
        StepAsync(bookings.CancelAsync(id, ct), t["Boeking {0} is geannuleerd; het geld staat weer op uw leerrekening.", LearningBooking.CodeOf(id)], ct);

    public Task<IActionResult> OnPostDeliveredAsync(long id, CancellationToken ct) =>
        StepAsync(bookings.ConfirmByHolderAsync(id, ct), t["U hebt bevestigd dat opleiding {0} is geleverd.", LearningBooking.CodeOf(id)], ct);

    private async Task<IActionResult> StepAsync(Task<BookingOutcome> step, string done, CancellationToken ct)
    {
        switch (await step)
        {
            case BookingOutcome.Done:
                Done = done;
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
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Statement = await queries.MineAsync(ct) is StatementOutcome.Found found ? found.Statement : null;
        Bookings = (await bookings.MineAsync(ct)).Bookings ?? [];
        OfficerOf = await files.OfficerFundersAsync(ct);
    }
}
