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
public sealed class MyAccountModel(LearningAccountQueries queries, LearningBookings bookings, DepositFiles files, HolderFactsEditor facts,
    Pactwerk.Web.Data.PactwerkDb db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The Dutch day: from a booking's start on, the holder may say it was not delivered.</summary>
    public DateOnly Today => LearningDay.Today(clock);

    /// <summary>The municipality and birth year as the form shows them: what is saved, or what was posted when it was refused.</summary>
    public string? Municipality { get; private set; }
    public string? BirthYear { get; private set; }
    public IReadOnlyList<Pactwerk.Web.Shared.LookupItem> Municipalities { get; private set; } = [];
    public Dictionary<string, string[]> FactErrors { get; private set; } = [];

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

    public Task<IActionResult> OnPostDisputeAsync(long id, string? reason, CancellationToken ct) =>
        StepAsync(bookings.DisputeAsync(id, reason, ct), t["U hebt gemeld dat opleiding {0} niet is geleverd; een medewerker van de regeling beslist.", LearningBooking.CodeOf(id)], ct);

    /// <summary>The holder corrects their municipality and birth year; saving what is there changes nothing.</summary>
    public async Task<IActionResult> OnPostFactsAsync(string? municipality, string? birthYear, CancellationToken ct)
    {
        switch (await facts.CorrectAsync(municipality, birthYear, ct))
        {
            case HolderFactsOutcome.Saved { Changed: true }:
                Done = t["Uw gemeente en geboortejaar zijn opgeslagen."];
                break;
            case HolderFactsOutcome.Saved:
                Done = t["Er is niets veranderd."];
                break;
            case HolderFactsOutcome.Invalid i:
                FactErrors = LearningAccountMessages.Localise(t, i.Errors);
                Error = t["Uw gemeente en geboortejaar zijn niet opgeslagen: verbeter wat hieronder staat."];
                break;
            case HolderFactsOutcome.NotFound n:
                Error = LearningAccountMessages.Localise(t, n.Message);
                break;
        }
        await LoadAsync(ct);
        if (FactErrors.Count > 0)
            (Municipality, BirthYear) = (municipality, birthYear);
        Response.StatusCode = FactErrors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return Page();
    }

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
            case BookingOutcome.Invalid i:
                Error = string.Join(" ", i.Errors.Values.SelectMany(m => m).Select(m => LearningAccountMessages.Localise(t, m)));
                Response.StatusCode = StatusCodes.Status400BadRequest;
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
        if (await facts.MineAsync(ct) is { } mine)
            (Municipality, BirthYear) = (mine.MunicipalityCode, mine.BirthYear?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Municipalities = await Pactwerk.Web.Features.Regions.RegionLookup.AllAsync(db, ct, Pactwerk.Web.Features.ReferenceData.RegionSetCodes.Municipalities);
    }
}
