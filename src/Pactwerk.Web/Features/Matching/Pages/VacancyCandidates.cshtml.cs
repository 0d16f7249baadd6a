using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The consenting candidates ranked for a vacancy with their explanation, by the same path as for a place: named for
/// coordinators, blind for the vacancy's organisation.
/// </summary>
[Authorize]
public sealed class VacancyCandidatesModel(PactwerkDb db, AccessScopeProvider scopes, Rankings rankings) : PageModel
{
    [FromRoute] public int Id { get; set; }

    public string Title { get; private set; } = "";
    public int OrganisationId { get; private set; }
    public bool Named { get; private set; }
    public IReadOnlyList<CandidateMatchDto> Ranking { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await db.Set<Vacancy>().AsNoTracking().SingleOrDefaultAsync(v => v.Id == Id, ct) is not { } vacancy)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.SeesCandidatesFor(scope, vacancy.OrganisationId))
            return Forbid();
        (Title, OrganisationId, Named) = (vacancy.Title, vacancy.OrganisationId, MatchingAccess.IsCoordinator(scope));
        Ranking = await rankings.CandidatesForAsync(Opening.Vacancy(Id), withNames: Named, ct);
        return Page();
    }
}
