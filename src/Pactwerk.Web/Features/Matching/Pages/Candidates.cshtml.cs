using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The consenting candidates ranked for a place with their explanation, as the API's ranking: named for coordinators, who
/// propose from here through <see cref="Proposals"/>; blind for the place's organisation. Below, the proposals for the place.
/// </summary>
[Authorize]
public sealed class CandidatesModel(PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, Proposals proposals, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record ProposalRow(int Id, int CandidateId, ProposalState State, DateTime ProposedAt);

    [FromRoute] public int Id { get; set; }
    [BindProperty] public int CandidateId { get; set; }

    public string Place { get; private set; } = "";
    public bool Named { get; private set; }
    public bool MayPropose { get; private set; }
    public bool MayEditRequirements { get; private set; }
    public IReadOnlyList<CandidateMatchDto> Ranking { get; private set; } = [];
    public IReadOnlyList<ProposalRow> ProposalRows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        switch (await proposals.ProposeAsync(CandidateId, Id, ct))
        {
            case MatchingOutcome.Done done:
                return Redirect($"/voorstellen/{done.Proposal.Id}");
            case MatchingOutcome.Forbidden:
                return Forbid();
            case MatchingOutcome.NotFound n:
                Errors[$"kandidaat-{CandidateId}"] = [MatchingMessages.Localise(t, n.Message)];
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case MatchingOutcome.Refused r:
                Errors[$"kandidaat-{CandidateId}"] = [MatchingMessages.Localise(t, r.Message)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<LearningPlaces.LearningPlace>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, ct) is not { } place)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.SeesCandidatesFor(scope, place.OrganisationId))
            return Forbid();
        Place = place.Title;
        Named = MatchingAccess.IsCoordinator(scope);
        MayPropose = MatchingAccess.MayPropose(scope);
        MayEditRequirements = MatchingAccess.EditsRequirementsFor(scope, place.OrganisationId);
        Ranking = await rankings.CandidatesForAsync(Id, withNames: Named, ct);
        ProposalRows = await db.Set<Proposal>().AsNoTracking().Where(p => p.LearningPlaceId == Id).OrderByDescending(p => p.ProposedAt)
            .Select(p => new ProposalRow(p.Id, p.CandidateId, p.State, p.ProposedAt)).ToListAsync(ct);
        return null;
    }
}
