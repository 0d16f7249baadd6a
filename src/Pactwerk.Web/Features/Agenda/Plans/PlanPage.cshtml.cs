using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>A plan with its revisions. Public; drafts and proposals show to signed-in users only. Editors start the next revision here.</summary>
[AllowAnonymous]
public sealed class PlanPageModel(PactwerkDb db, PlanEditor editor) : EditPageModel
{
    public PlanDto Plan { get; private set; } = null!;
    public string PactName { get; private set; } = "";
    public bool MayStartNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    /// <summary>Starts the next revision and lands on the new draft.</summary>
    public async Task<IActionResult> OnPostStartNextAsync(int id, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var outcome = await editor.StartNextAsync(id, new NextRevisionInput(), ct);
        return Answer(outcome, r => $"/plannen/{id}/herzieningen/{r.Number}")
            ?? (await LoadAsync(id, ct) ? Page() : NotFound());
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        var signedIn = User.Identity?.IsAuthenticated == true;
        if ((await PlanQueries.PlansAsync(db, p => p.Id == id, signedIn, ct)).SingleOrDefault() is not { } plan)
            return false;
        Plan = plan;
        var entity = await db.Plans.AsNoTracking().Include(p => p.Revisions).SingleAsync(p => p.Id == id, ct);
        PactName = await db.Pacts.Where(p => p.Id == entity.PactId).Select(p => p.Name).SingleAsync(ct);
        MayStartNext = signedIn && entity.Revisions.Any(r => r.Status == RevisionStatus.Adopted)
            && !entity.Revisions.Any(r => r.Status is RevisionStatus.Draft or RevisionStatus.Proposed) && await editor.MayEditAsync(entity, ct);
        return true;
    }
}
