using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Live attendance for the event's coordinators: the page counts anew on every visit, so refreshing it is enough.</summary>
[Authorize]
public sealed class AttendanceModel(AttendanceQueries attendance, AccessScopeProvider scopes) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    public AttendanceView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await attendance.FindAsync(Slug, ct);
        if (View is null)
            return NotFound();
        return WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), View.PactId) ? Page() : Forbid();
    }
}
