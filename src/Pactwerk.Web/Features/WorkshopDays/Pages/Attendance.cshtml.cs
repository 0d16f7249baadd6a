using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Live attendance for the event's coordinators: the page counts anew on every visit, so refreshing it is enough.</summary>
[Authorize]
public sealed class AttendanceModel(AttendanceQueries attendance, AccessScopeProvider scopes, WorkshopDayResults results, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    public AttendanceView? View { get; private set; }
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await attendance.FindAsync(Slug, ct);
        if (View is null)
            return NotFound();
        return WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), View.PactId) ? Page() : Forbid();
    }

    /// <summary>The counts into the monitor and the action's outputs now, rather than at the timer's next tick.</summary>
    public async Task<IActionResult> OnPostResultsAsync(CancellationToken ct)
    {
        View = await attendance.FindAsync(Slug, ct);
        if (View is null)
            return NotFound();
        var (answer, refusal, forbidden) = await results.RefreshAsync(View.EventId, ct);
        if (forbidden)
            return Forbid();
        if (refusal is not null)
        {
            Error = refusal.In(t);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        Done = answer!.MonitorChanged
            ? t["De monitor is bijgewerkt: {0} leerlingen aanwezig.", answer.Counts.Sum(c => c.PupilsPresent)].Value
            : t["De monitor had deze aantallen al; er is niets veranderd."].Value;
        if (answer.Outputs.Count > 0)
            Done += " " + t["Resultaten van de actie: {0}.", string.Join("; ", answer.Outputs.Select(o => t["{0}: {1} leerlingen, {2} workshops, {3} vrijwilligers", o.Year, o.PupilsPresent, o.WorkshopsHeld, o.Volunteers].Value))].Value;
        return Page();
    }
}
