using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The edit form; who may use it is decided per action by <see cref="PactActionEditor"/>.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditActionModel(PactwerkDb db, PactActionEditor editor, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    public int Id { get; private set; }
    public string OriginalTitle { get; private set; } = "";
    [BindProperty] public PactActionInput Input { get; set; } = new();
    /// <summary>The regions as typed: codes separated by commas.</summary>
    [BindProperty] public string RegionCodes { get; set; } = "";
    public EditOutcome<PactAction>.Stale? Stale { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var action = await db.PactActions.Include(a => a.Regions).ThenInclude(r => r.Region).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
            return NotFound();
        if (!await editor.MayEditAsync(action, ct))
            return Forbid();
        (Id, OriginalTitle) = (id, action.Title);
        Input = new PactActionInput
        {
            Title = action.Title, Summary = action.Summary, Kind = action.Kind, Regions = action.Regions.Select(r => r.Region.Code).ToList(),
            Status = action.Status, StopReason = action.StopReason, LeadOrganisationId = action.LeadOrganisationId,
            StartsOn = action.StartsOn, EndsOn = action.EndsOn, Budget = action.Budget, Version = action.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken ct)
    {
        Id = id;
        var current = await db.PactActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (current is null)
            return NotFound();
        if (!await editor.MayEditAsync(current, ct))
            return Forbid();
        Input.Regions = RegionCodes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        // A value the binder could not read (an unknown kind, a year that is not a number) is refused, not defaulted.
        var outcome = ModelState.IsValid
            ? await editor.UpdateAsync(id, Input, ct)
            : new EditOutcome<PactAction>.Invalid(new Dictionary<string, string[]> { [""] = [t["Een of meer velden hebben een ongeldige waarde."]] });
        switch (outcome)
        {
            case EditOutcome<PactAction>.Saved:
                return Redirect($"/initiatieven/{id}");
            case EditOutcome<PactAction>.NotFound:
                return NotFound();
            case EditOutcome<PactAction>.Forbidden:
                return Forbid();
            case EditOutcome<PactAction>.Invalid invalid:
                Errors.AddRange(invalid.Errors.SelectMany(e => e.Value));
                break;
            case EditOutcome<PactAction>.Stale stale:
                Stale = stale;
                // Saving again now deliberately overwrites: the editor has seen what changed.
                Input.Version = stale.Current.Version;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        var title = await db.PactActions.Where(a => a.Id == id).Select(a => a.Title).SingleOrDefaultAsync(ct);
        if (title is null)
            return NotFound();
        OriginalTitle = title;
        ModelState.Clear();
        return Page();
    }
}
