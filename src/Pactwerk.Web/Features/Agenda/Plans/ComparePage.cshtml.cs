using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>What changed between two revisions of a plan (by number), with the recorded reasons. Public for adopted revisions.</summary>
[AllowAnonymous]
public sealed class ComparePageModel(PactwerkDb db) : PageModel
{
    public string PlanTitle { get; private set; } = "";
    public int PlanId { get; private set; }
    public RevisionDto? From { get; private set; }
    public RevisionDto? To { get; private set; }
    public IReadOnlyList<RevisionSummaryDto> Revisions { get; private set; } = [];
    public IReadOnlyList<RevisionChange> Changes { get; private set; } = [];
    public bool NeedsTwo { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "van")] int? from, [FromQuery(Name = "tot")] int? to, CancellationToken ct)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        if ((await PlanQueries.PlansAsync(db, p => p.Id == id, signedIn, ct)).SingleOrDefault() is not { } plan)
            return NotFound();
        (PlanId, PlanTitle, Revisions) = (plan.Id, plan.Title, plan.Revisions);
        if (from is null || to is null || from >= to)
        {
            NeedsTwo = true;
            if (from is not null || to is not null)
                Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var visible = plan.Revisions.Where(r => r.Number == from || r.Number == to).Select(r => r.Id).ToList();
        var revisions = await PlanQueries.RevisionsAsync(db, r => visible.Contains(r.Id), ct);
        (From, To) = (revisions.SingleOrDefault(r => r.Number == from), revisions.SingleOrDefault(r => r.Number == to));
        if (From is null || To is null)
            return NotFound();
        Changes = await PlanQueries.CompareAsync(db, From, To, ct);
        return Page();
    }
}
