using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>A school's printable schedule, reached without an account through the secret link in its schedule mail.</summary>
[AllowAnonymous]
public sealed class MyScheduleModel(SchoolSchedules schedules) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Sleutel { get; set; }
    public SchoolScheduleView? View { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        View = await schedules.FindAsync(Sleutel, ct);
        if (View is null)
            return NotFound();
        // The key is in the address: no other site should learn it from a link on this page.
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
