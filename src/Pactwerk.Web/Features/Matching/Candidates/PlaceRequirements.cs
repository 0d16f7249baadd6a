using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>What a place asks, replaced as a whole by its organisation or a coordinator; the index follows at once.</summary>
public sealed class PlaceRequirements(PactwerkDb db, AccessScopeProvider scopes, CandidateIndex index)
{
    public async Task<MatchingOutcome> ReplaceAsync(int placeId, IReadOnlyList<RequirementInput> input, CancellationToken ct)
    {
        if (await db.Set<LearningPlaces.LearningPlace>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == placeId, ct) is not { } place)
            return new MatchingOutcome.NotFound(MatchingMessages.Format(MatchingMessages.NoPlace, placeId));
        var scope = await scopes.GetAsync(ct);
        if (scope.ReadOnly || !MatchingAccess.EditsRequirementsFor(scope, place.OrganisationId))
            return new MatchingOutcome.Forbidden(MatchingMessages.NotPlaceStaff);
        var errors = await RequirementSet.CheckAsync(db, input, ct);
        if (errors.Count > 0)
            return new MatchingOutcome.Invalid(new() { ["requirements"] = [.. errors] });
        var current = await db.Set<PlaceRequirement>().Where(r => r.LearningPlaceId == placeId).ToListAsync(ct);
        RequirementSet.Apply(db, current, input, () => new PlaceRequirement { LearningPlaceId = placeId });
        await db.SaveChangesAsync(ct);
        await index.RefreshPlaceAsync(db, placeId, ct);
        return new MatchingOutcome.Saved();
    }

    public static async Task<List<RequirementDto>> DescribeAsync(PactwerkDb db, int placeId, CancellationToken ct) =>
        (await db.Set<PlaceRequirement>().AsNoTracking().Where(r => r.LearningPlaceId == placeId)
            .Join(db.Competences, r => r.CompetenceId, c => c.Id, (r, c) => new RequirementDto(r.CompetenceId, c.Code, c.NameNl, r.Required, r.Weight, r.MinimumLevel))
            .ToListAsync(ct)).OrderByDescending(r => r.Required).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
}
