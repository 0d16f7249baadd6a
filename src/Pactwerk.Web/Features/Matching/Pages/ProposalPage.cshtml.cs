using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// One proposal as its reader may see it (<see cref="ProposalViews"/>, as the API): blind for the opening's organisation (of the place or the vacancy) until
/// it accepts, with accept and decline-with-reason for it, and agree or refuse for the candidate once accepted; every step
/// decided by <see cref="Proposals"/>.
/// </summary>
[Authorize]
public sealed class ProposalPageModel(PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, Proposals proposals, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public CandidateProposalDto View { get; private set; } = null!;
    /// <summary>The place or vacancy proposed for, as the one resolver reads it.</summary>
    public Scoring.OpeningSummary Opening { get; private set; } = null!;
    public bool MayDecide { get; private set; }
    public bool MayAnswer { get; private set; }
    public Dictionary<string, string[]> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public Task<IActionResult> OnPostAcceptAsync(CancellationToken ct) => StepAsync(() => proposals.DecideAsync(Id, accept: true, null, ct), "stand", ct);
    public Task<IActionResult> OnPostDeclineAsync(CancellationToken ct) => StepAsync(() => proposals.DecideAsync(Id, accept: false, Reason, ct), "reason", ct);
    public Task<IActionResult> OnPostAgreeAsync(CancellationToken ct) => StepAsync(() => proposals.AnswerAsync(Id, agree: true, ct), "stand", ct);
    public Task<IActionResult> OnPostRefuseAsync(CancellationToken ct) => StepAsync(() => proposals.AnswerAsync(Id, agree: false, ct), "stand", ct);

    private async Task<IActionResult> StepAsync(Func<Task<MatchingOutcome>> step, string field, CancellationToken ct)
    {
        switch (await step())
        {
            case MatchingOutcome.Done:
                return Redirect($"/voorstellen/{Id}");
            case MatchingOutcome.NotFound:
                return NotFound();
            case MatchingOutcome.Forbidden:
                return Forbid();
            case MatchingOutcome.Invalid invalid:
                MatchingPageText.AddErrors(Errors, invalid.Errors, t);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case MatchingOutcome.Refused r:
                Errors[field] = [MatchingMessages.Localise(t, r.Message)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        return await LoadAsync(ct) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await db.Set<Proposal>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, ct) is not { } proposal)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (await ProposalViews.DescribeAsync(db, scope, profiles, proposal, ct) is not { } view)
            return Forbid();
        View = view;
        Opening = (await Scoring.Openings.FindAsync(db, proposal.Opening, ct))!;
        MayDecide = proposal.State == ProposalState.Proposed && MatchingAccess.DecidesFor(scope, Opening.OrganisationId);
        var candidate = await db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == proposal.CandidateId, ct);
        var user = scope.UserId is { } uid ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        MayAnswer = proposal.State == ProposalState.Accepted && !scope.ReadOnly && MatchingAccess.Is(user, candidate);
        return null;
    }
}
