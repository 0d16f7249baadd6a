using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The published schedule, of all schools or one; before publication only the coordinator sees the draft.</summary>
[AllowAnonymous]
public sealed class ScheduleModel(WorkshopDayQueries queries, WorkshopAllocations allocations, AccessScopeProvider scopes) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? School { get; set; }
    public WorkshopDayView? View { get; private set; }
    public IReadOnlyList<ScheduleRow> Rows { get; private set; } = [];
    public IReadOnlyList<string> Schools { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await queries.FindAsync(Slug, ct);
        if (View is null || (View.PublishedAt is null && !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), View.PactId)))
            return NotFound();
        var all = await allocations.ScheduleAsync(View.Id, null, ct);
        Schools = all.Select(r => r.School).Distinct().Order().ToList();
        Rows = string.IsNullOrWhiteSpace(School) ? all : all.Where(r => string.Equals(r.School, School.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
        return Page();
    }
}
