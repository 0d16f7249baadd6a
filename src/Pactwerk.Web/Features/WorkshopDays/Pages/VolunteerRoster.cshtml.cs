using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// The coordinator's roster of volunteers (at /vrijwilligersrooster, as /rooster is the schools' published schedule):
/// per day and shift filled against needed, every volunteer's contact details, removal, and the CSV download.
/// </summary>
[Authorize]
public sealed class VolunteerRosterModel(PactwerkDb db, VolunteerRoster roster, VolunteerSignUps signUps, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "verwijderd")] public bool Removed { get; set; }
    public WorkshopDayEvent? Event { get; private set; }
    public IReadOnlyList<RosterShift> Shifts { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    public async Task<IActionResult> OnPostRemoveAsync(int? signUpId, CancellationToken ct)
    {
        var id = await db.WorkshopDayEvents.Where(e => e.Slug == Slug).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            return NotFound();
        var (refusal, forbidden) = await signUps.RemoveAsync(id.Value, signUpId ?? 0, ct);
        if (forbidden)
            return Forbid();
        if (refusal is null)
            return Redirect($"/workshopdagen/{Slug}/vrijwilligersrooster?verwijderd=true");
        Error = refusal.In(t);
        var page = await ShowAsync(ct);
        Response.StatusCode = VolunteersApi.StatusOf(refusal);
        return page;
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Event = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Slug == Slug, ct);
        if (Event is null)
            return NotFound();
        var (shifts, forbidden) = await roster.ForCoordinatorAsync(Event.Id, ct);
        if (forbidden)
            return Forbid();
        Shifts = shifts!;
        return Page();
    }
}
