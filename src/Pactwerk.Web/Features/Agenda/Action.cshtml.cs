using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

[AllowAnonymous]
public sealed class ActionModel(PactwerkDb db, PactActionEditor editor) : PageModel
{
    public sealed record View(int Id, string Title, string Summary, string Pact, PactActionKind Kind, IReadOnlyList<(string Code, string Name)> Regions, DateOnly? StartsOn, string? LeadOrganisation);

    public View Action { get; private set; } = null!;
    public bool Editable { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        var action = await db.PactActions.Include(a => a.Regions).ThenInclude(r => r.Region).Include(a => a.LeadOrganisation).AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
            return NotFound();
        var pact = await db.Pacts.Where(p => p.Id == action.PactId).Select(p => p.Name).SingleAsync(ct);
        Action = new View(action.Id, action.Title, action.Summary, pact, action.Kind, action.Regions.Select(r => (r.Region.Code, r.Region.Name)).ToList(), action.StartsOn, action.LeadOrganisation?.Name);
        Editable = User.Identity?.IsAuthenticated == true && await editor.MayEditAsync(action, ct);
        return Page();
    }
}
