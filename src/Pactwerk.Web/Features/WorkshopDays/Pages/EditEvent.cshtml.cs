using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>A new event (/workshopdagen/nieuw, a pact's coordinators) or a change to one (/workshopdagen/{slug}/bewerken); every rule is <see cref="WorkshopDayEditor"/>'s.</summary>
[Authorize]
public sealed class EditEventModel(PactwerkDb db, WorkshopDayEditor editor, AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record PactChoice(int Id, string Code, string Name);
    public sealed record ActionChoice(int Id, string Title);

    [BindProperty(SupportsGet = true)] public string? Slug { get; set; }
    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Venue { get; set; }
    [BindProperty] public DateTime? ClosesAt { get; set; }
    [BindProperty] public int? PerClass { get; set; } = 3;
    [BindProperty] public int? ActionId { get; set; }
    public bool IsNew { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<PactChoice> Pacts { get; private set; } = [];
    public IReadOnlyList<ActionChoice> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        IsNew = RouteData.Values["slug"] is null;
        if (IsNew)
            return await ChoicesAsync(null, ct) ? Page() : Forbid();
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Slug == Slug, ct);
        if (e is null)
            return NotFound();
        if (!WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return Forbid();
        (Name, Venue, ClosesAt, PerClass, ActionId) = (e.Name, e.Venue, WorkshopDayEditor.ToDutch(e.RegistrationClosesAt), e.WorkshopsPerClass, e.ActionId);
        await ChoicesAsync(e.PactId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        IsNew = RouteData.Values["slug"] is null;
        var input = new EventInput(Slug, Name, Venue, ActionId, ClosesAt, PerClass);
        int? pactId = null;
        EditAnswer answer;
        if (IsNew)
        {
            pactId = await db.Pacts.Where(p => p.Code == Pact).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            if (pactId is null)
                return NotFound();
            answer = await editor.CreateAsync(pactId.Value, input, ct);
        }
        else
        {
            pactId = await db.WorkshopDayEvents.Where(e => e.Slug == Slug).Select(e => (int?)e.PactId).SingleOrDefaultAsync(ct);
            if (pactId is null)
                return NotFound();
            answer = await editor.UpdateAsync(Slug!, input, ct);
        }
        if (answer.Forbidden)
            return Forbid();
        if (answer.Slug is { } slug)
            return Redirect($"/workshopdagen/{slug}");
        Error = answer.Refusal!.In(t);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await ChoicesAsync(pactId, ct);
        return Page();
    }

    /// <summary>The pacts the user coordinates (for a new event) and the actions of the event's pact; false when there is no pact to choose.</summary>
    private async Task<bool> ChoicesAsync(int? pactId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        Pacts = (await db.Pacts.AsNoTracking().OrderBy(p => p.Name).Select(p => new PactChoice(p.Id, p.Code, p.Name)).ToListAsync(ct))
            .Where(p => WorkshopDayAccess.MayCoordinate(scope, p.Id)).ToList();
        var id = pactId ?? Pacts.FirstOrDefault(p => p.Code == Pact)?.Id ?? Pacts.FirstOrDefault()?.Id;
        Actions = id is null ? [] : await db.PactActions.AsNoTracking().Where(a => a.PactId == id).OrderBy(a => a.Title).Select(a => new ActionChoice(a.Id, a.Title)).ToListAsync(ct);
        return Pacts.Count > 0 || pactId is not null;
    }
}
