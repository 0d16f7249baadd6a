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
/// People decide: a coordinator proposes a candidate for a place or a vacancy, the opening's organisation accepts or declines with a reason, and the candidate
/// agrees or refuses. Each step is allowed once, by its own party, and written with a business event in the audit trail;
/// a refused step writes nothing.
/// </summary>
public sealed class Proposals(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    /// <summary>The API's proposal: it names exactly one opening, a learning place or a vacancy.</summary>
    public Task<MatchingOutcome> ProposeAsync(CandidateProposalInput input, CancellationToken ct) =>
        (input.LearningPlaceId, input.VacancyId) switch
        {
            ({ } place, null) => ProposeAsync(input.CandidateId, Opening.Place(place), ct),
            (null, { } vacancy) => ProposeAsync(input.CandidateId, Opening.Vacancy(vacancy), ct),
            _ => Task.FromResult<MatchingOutcome>(new MatchingOutcome.Invalid(new() { ["learningPlaceId"] = [MatchingMessages.ProposalOpeningMissing] })),
        };

    public async Task<MatchingOutcome> ProposeAsync(int candidateId, Opening opening, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.MayPropose(scope))
            return new MatchingOutcome.Forbidden(MatchingMessages.NotCoordinator);
        if (!await db.Set<Candidate>().AnyAsync(c => c.Id == candidateId, ct))
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoCandidate, candidateId));
        if (await Openings.FindAsync(db, opening, ct) is not { } summary)
            return new MatchingOutcome.NotFound(Openings.NotFound(opening));
        var now = clock.GetUtcNow().UtcDateTime;
        if (!summary.IsOpenOn(Openings.Today(clock)))
            return new MatchingOutcome.Refused(Openings.Closed(opening));
        // Consent is read from the record itself, not the index, so a withdrawal a moment ago counts.
        var candidate = await db.Set<Candidate>().AsNoTracking().SingleAsync(c => c.Id == candidateId, ct);
        if (!candidate.Consents)
            return new MatchingOutcome.Refused(MatchingMessages.Format(MatchingMessages.NoConsent, candidateId));
        var (placeId, vacancyId) = opening.Kind == OpeningKind.LearningPlace ? ((int?)opening.Id, (int?)null) : (null, opening.Id);
        if (await db.Set<Proposal>().AnyAsync(p => p.CandidateId == candidateId && p.LearningPlaceId == placeId && p.VacancyId == vacancyId
                && (p.State == ProposalState.Proposed || p.State == ProposalState.Accepted || p.State == ProposalState.Agreed), ct))
            return new MatchingOutcome.Refused(Openings.AlreadyProposed(opening));
        var proposal = new Proposal
        {
            CandidateId = candidateId, LearningPlaceId = placeId, VacancyId = vacancyId, State = ProposalState.Proposed, ProposedBy = scope.UserId!, ProposedAt = now,
        };
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
        var opening = (await Openings.FindAsync(db, proposal.Opening, ct))!;
        if (!MatchingAccess.DecidesFor(scope, opening.OrganisationId))
            return new MatchingOutcome.Forbidden(Openings.OtherOrganisation(proposal.Opening));
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
            new { proposal.CandidateId, proposal.LearningPlaceId, proposal.VacancyId, state = proposal.State.ToString(), reason = proposal.DeclineReason });
        await db.SaveChangesAsync(ct);
    }
}
