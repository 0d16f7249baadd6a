using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// The annual review of a plan (public: it reads the adopted revision). Those who may revise the
/// plan prepare the next revision from here and land on the new draft.
/// </summary>
[AllowAnonymous]
public sealed class AnnualReviewPageModel(PactwerkDb db, AnnualReview review, PlanEditor editor, TimeProvider clock) : EditPageModel
{
    public AnnualReviewDto Review { get; private set; } = null!;
    public bool MayStartNext { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, [FromQuery(Name = "jaar")] int? year, CancellationToken ct) =>
        await LoadAsync(id, year, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostStartNextAsync(int id, [FromQuery(Name = "jaar")] int? year, CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true)
            return Challenge();
        var outcome = await editor.StartNextAsync(id, new NextRevisionInput(), ct);
        return Answer(outcome, r => $"/plannen/{id}/herzieningen/{r.Number}")
            ?? (await LoadAsync(id, year, ct) ? Page() : NotFound());
    }

    private async Task<bool> LoadAsync(int id, int? year, CancellationToken ct)
    {
        // A year outside the plausible range is read as last year rather than refused: the page always answers.
        var reviewed = year is >= 2000 and <= 2100 ? year.Value : clock.GetUtcNow().Year - 1;
        if (await review.BuildAsync(id, reviewed, ct) is not { } result)
            return false;
        Review = result;
        var plan = await db.Plans.AsNoTracking().Include(p => p.Revisions).SingleAsync(p => p.Id == id, ct);
        MayStartNext = User.Identity?.IsAuthenticated == true && result.Revision is not null
            && !plan.Revisions.Any(r => r.Status is RevisionStatus.Draft or RevisionStatus.Proposed) && await editor.MayEditAsync(plan, ct);
        return true;
    }
}
