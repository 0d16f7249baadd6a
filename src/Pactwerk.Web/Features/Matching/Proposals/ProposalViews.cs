using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// A proposal as its reader may see it, decided in one place for the API and the pages: the opening's organisation sees competences
/// and evidence only until it accepts; coordinators and the candidate see the name. Null when the reader may not see it.
/// </summary>
public static class ProposalViews
{
    public static async Task<CandidateProposalDto?> DescribeAsync(PactwerkDb db, AccessScope scope, CandidateProfiles profiles, Proposal proposal, CancellationToken ct)
    {
        var opening = (await Scoring.Openings.FindAsync(db, proposal.Opening, ct))!;
        var candidate = await db.Set<Candidate>().AsNoTracking().Include(c => c.CandidateCompetences).SingleAsync(c => c.Id == proposal.CandidateId, ct);
        var user = scope.UserId is { } uid ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        var isCandidate = MatchingAccess.Is(user, candidate);
        var named = MatchingAccess.IsCoordinator(scope) || isCandidate;
        if (!named && !MatchingAccess.SeesCandidatesFor(scope, opening.OrganisationId))
            return null;
        var described = await profiles.DescribeAsync(candidate, ct);
        var showName = named || proposal.Unblinded;
        return new CandidateProposalDto(proposal.Id, proposal.Version, proposal.CandidateId, proposal.LearningPlaceId, proposal.VacancyId,
            opening.OrganisationId, opening.Title, proposal.State,
            showName ? described.Name : null, proposal.DeclineReason, proposal.ProposedAt, proposal.DecidedAt, proposal.AnsweredAt, described.Competences);
    }
}
