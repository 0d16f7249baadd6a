using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// The door: a page for a phone at the entrance, where the door team types (or a scanner app types) a class's code and the
/// number of pupils present. Every rule is <see cref="ClassCheckIns"/>'s; after a check-in the page redirects to itself,
/// so reloading does not send the code again.
/// </summary>
[Authorize]
public sealed class DoorModel(AttendanceQueries attendance, ClassCheckIns checkIns, AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Slug { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "ingecheckt")] public int? CheckedIn { get; set; }
    [BindProperty] public string? Code { get; set; }
    /// <summary>As typed: a word or a fraction must be refused, not read as empty and so as the whole class.</summary>
    [BindProperty] public string? Present { get; set; }
    public AttendanceView? View { get; private set; }
    public CheckInAnswer? Last { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
            return denied;
        if (CheckedIn is { } id)
            Last = await checkIns.FindAsync(View!.EventId, id, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } denied)
            return denied;
        var (answer, refusal, forbidden) = await checkIns.CheckInAsync(View!.EventId, Code, Present, ct);
        if (forbidden)
            return Forbid();
        if (answer is not null)
            return Redirect($"/workshopdagen/{Slug}/deur?ingecheckt={answer.Id}");
        Error = refusal!.In(t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        View = await attendance.FindAsync(Slug, ct);
        if (View is null)
            return NotFound();
        return WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), View.PactId) ? null : Forbid();
    }
}
