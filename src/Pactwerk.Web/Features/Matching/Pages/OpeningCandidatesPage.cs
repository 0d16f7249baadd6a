using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The consenting candidates ranked for one opening (a place or a vacancy) with their explanation, as the API's ranking:
/// named for coordinators, who propose from here through <see cref="Proposals"/> while the opening is open; blind for the
/// opening's organisation. Below, the proposals for the opening. The two pages differ only in their opening and words.
/// </summary>
public abstract class OpeningCandidatesPage(PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, Proposals proposals, IStringLocalizer<SharedResource> t,
    TimeProvider clock) : PageModel
{
    public sealed record ProposalRow(int Id, int CandidateId, ProposalState State, DateTime ProposedAt);

    [FromRoute] public int Id { get; set; }
    [BindProperty] public int CandidateId { get; set; }

    public OpeningSummary Opening { get; private set; } = null!;
    public bool Named { get; private set; }
    public bool MayPropose { get; private set; }
    public IReadOnlyList<CandidateMatchDto> Ranking { get; private set; } = [];
    public IReadOnlyList<ProposalRow> ProposalRows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];

    protected abstract Opening Which { get; }

    /// <summary>What a page adds for its reader once the opening is known and may be read.</summary>
    protected virtual void Loaded(AccessScope scope)
    {
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        switch (await proposals.ProposeAsync(CandidateId, Which, ct))
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
        if (await Openings.FindAsync(db, Which, ct) is not { } opening)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.SeesCandidatesFor(scope, opening.OrganisationId))
            return Forbid();
        Opening = opening;
        Named = MatchingAccess.IsCoordinator(scope);
        // A closed opening is offered nobody: the writer would refuse, so the page offers no button that can only fail.
        MayPropose = MatchingAccess.MayPropose(scope) && opening.IsOpenOn(Openings.Today(clock));
        Loaded(scope);
        Ranking = await rankings.CandidatesForAsync(Which, withNames: Named, ct);
        ProposalRows = await db.Set<Proposal>().AsNoTracking().ProposalsFor(Which).OrderByDescending(p => p.ProposedAt)
            .Select(p => new ProposalRow(p.Id, p.CandidateId, p.State, p.ProposedAt)).ToListAsync(ct);
        return null;
    }
}
