using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>How a step of matching ended: a proposal's, or what a place asks.</summary>
public abstract record MatchingOutcome
{
    public sealed record Done(Proposal Proposal) : MatchingOutcome;
    public sealed record Saved : MatchingOutcome;
    public sealed record NotFound(string Message) : MatchingOutcome;
    public sealed record Forbidden(string Message) : MatchingOutcome;
    public sealed record Refused(string Message) : MatchingOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : MatchingOutcome;
}

/// <summary>
/// People decide: a coordinator proposes, the place's organisation accepts or declines with a reason, and the candidate
/// agrees or refuses. Each step is allowed once, by its own party, and written with a business event in the audit trail;
/// a refused step writes nothing.
/// </summary>
public sealed class Proposals(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public async Task<MatchingOutcome> ProposeAsync(int candidateId, int placeId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.MayPropose(scope))
            return new MatchingOutcome.Forbidden(MatchingMessages.NotCoordinator);
        if (!await db.Set<Candidate>().AnyAsync(c => c.Id == candidateId, ct))
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoCandidate, candidateId));
        if (!await db.Set<LearningPlaces.LearningPlace>().AnyAsync(p => p.Id == placeId, ct))
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoPlace, placeId));
        // Consent is read from the record itself, not the index, so a withdrawal a moment ago counts.
        var candidate = await db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == candidateId, ct);
        if (!candidate.Consents)
            return new MatchingOutcome.Refused(MatchingMessages.Format(MatchingMessages.NoConsent, candidateId));
        if (await db.Set<Proposal>().AnyAsync(p => p.CandidateId == candidateId && p.LearningPlaceId == placeId
                && (p.State == ProposalState.Proposed || p.State == ProposalState.Accepted || p.State == ProposalState.Agreed), ct))
            return new MatchingOutcome.Refused(MatchingMessages.AlreadyProposed);
        var now = clock.GetUtcNow().UtcDateTime;
        var proposal = new Proposal { CandidateId = candidateId, LearningPlaceId = placeId, State = ProposalState.Proposed, ProposedBy = scope.UserId!, ProposedAt = now };
        db.Add(proposal);
        await db.SaveChangesAsync(ct);
        await RecordAsync(now, MatchingAuditActions.Proposed, proposal, ct);
        return new MatchingOutcome.Done(proposal);
    }

    /// <summary>The organisation shortlists (accept) or declines with a reason.</summary>
    public async Task<MatchingOutcome> DecideAsync(int id, bool accept, string? reason, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await db.Set<Proposal>().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } proposal)
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoProposal, id));
        var organisation = await db.Set<LearningPlaces.LearningPlace>().Where(p => p.Id == proposal.LearningPlaceId).Select(p => p.OrganisationId).SingleAsync(ct);
        if (!MatchingAccess.DecidesFor(scope, organisation))
            return new MatchingOutcome.Forbidden(MatchingMessages.OtherOrganisation);
        if (proposal.State != ProposalState.Proposed)
            return new MatchingOutcome.Refused(MatchingMessages.AlreadyDecided);
        if (!accept && (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > 1000))
            return new MatchingOutcome.Invalid(new() { ["reason"] = [MatchingMessages.ReasonMissing] });
        var now = clock.GetUtcNow().UtcDateTime;
        proposal.State = accept ? ProposalState.Accepted : ProposalState.Declined;
        proposal.DeclineReason = accept ? null : reason!.Trim();
        proposal.DecidedBy = scope.UserId;
        proposal.DecidedAt = now;
        if (!await SavedAsync(ct))
            return new MatchingOutcome.Refused(MatchingMessages.AlreadyDecided);
        await RecordAsync(now, accept ? MatchingAuditActions.Accepted : MatchingAuditActions.Declined, proposal, ct);
        return new MatchingOutcome.Done(proposal);
    }

    /// <summary>The candidate agrees to or refuses a proposal the organisation accepted.</summary>
    public async Task<MatchingOutcome> AnswerAsync(int id, bool agree, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (await db.Set<Proposal>().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } proposal)
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoProposal, id));
        var candidate = await db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == proposal.CandidateId, ct);
        var user = scope.UserId is { } uid ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (scope.ReadOnly || !MatchingAccess.Is(user, candidate))
            return new MatchingOutcome.Forbidden(MatchingMessages.NotYourProposal);
        if (proposal.State is ProposalState.Agreed or ProposalState.Refused)
            return new MatchingOutcome.Refused(MatchingMessages.AlreadyAnswered);
        if (proposal.State != ProposalState.Accepted)
            return new MatchingOutcome.Refused(MatchingMessages.NotAccepted);
        var now = clock.GetUtcNow().UtcDateTime;
        proposal.State = agree ? ProposalState.Agreed : ProposalState.Refused;
        proposal.AnsweredAt = now;
        if (!await SavedAsync(ct))
            return new MatchingOutcome.Refused(MatchingMessages.AlreadyAnswered);
        await RecordAsync(now, agree ? MatchingAuditActions.Agreed : MatchingAuditActions.Refused, proposal, ct);
        return new MatchingOutcome.Done(proposal);
    }

    /// <summary>False when another decision on the same proposal was saved first (the version moved): one decision only.</summary>
    private async Task<bool> SavedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task RecordAsync(DateTime now, string action, Proposal proposal, CancellationToken ct)
    {
        db.RecordEvent(now, action, nameof(Proposal), proposal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { proposal.CandidateId, proposal.LearningPlaceId, state = proposal.State.ToString(), reason = proposal.DeclineReason });
        await db.SaveChangesAsync(ct);
    }
}
