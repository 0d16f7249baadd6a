using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

[AllowAnonymous]
public sealed class EventModel(WorkshopDayQueries queries, AccessScopeProvider scopes) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    public WorkshopDayView? View { get; private set; }
    public bool MayCoordinate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await queries.FindAsync(Slug, ct);
        if (View is null)
            return NotFound();
        MayCoordinate = WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), View.PactId);
        return Page();
    }
}
