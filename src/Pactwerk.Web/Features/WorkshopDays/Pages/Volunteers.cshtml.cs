using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// "Help as a volunteer": the event's shifts per day with the places left (never who signed up), and the form with which
/// anyone signs up for one, without an account; every rule is <see cref="VolunteerSignUps"/>'s.
/// </summary>
[AllowAnonymous]
public sealed class VolunteersModel(WorkshopDayQueries queries, VolunteerSignUps signUps, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "aangemeld")] public bool SignedUp { get; set; }
    /// <summary>The shift chosen, also from the link in a shift's row (?dienst=).</summary>
    [BindProperty(SupportsGet = true, Name = "dienst")] public int? ShiftId { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Phone { get; set; }
    public WorkshopDayView? View { get; private set; }
    public IReadOnlyList<ShiftPlaces> Shifts { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (!await ShowAsync(ct))
            return NotFound();
        var (answer, refusal) = await signUps.SignUpAsync(View!.Id, ShiftId, new VolunteerInput(Name, Email, Phone), ct);
        if (answer is not null)
            return Redirect($"/workshopdagen/{View.Slug}/vrijwilligers?aangemeld=true");
        if (refusal is null)
            return NotFound();
        Error = refusal.In(t);
        Response.StatusCode = VolunteersApi.StatusOf(refusal) == StatusCodes.Status409Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        // The places as they are now: the refusal may be that the shift filled up meanwhile.
        Shifts = (await signUps.PlacesAsync(View.Id, ct))!;
        return Page();
    }

    private async Task<bool> ShowAsync(CancellationToken ct)
    {
        View = await queries.FindAsync(Slug, ct);
        if (View is null)
            return false;
        Shifts = (await signUps.PlacesAsync(View.Id, ct))!;
        return true;
    }
}
