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
        var ids = input.Select(r => r.CompetenceId).Distinct().ToList();
        var known = (await db.Competences.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var errors = new List<string>();
        var seen = new HashSet<int>();
        foreach (var r in input)
        {
            if (!known.Contains(r.CompetenceId))
                errors.Add(MatchingMessages.Format(MatchingMessages.CompetenceUnknown, r.CompetenceId));
            else if (!seen.Add(r.CompetenceId))
                errors.Add(MatchingMessages.Format(MatchingMessages.CompetenceTwice, r.CompetenceId));
            if (r.Weight is < 1 or > 5)
                errors.Add(MatchingMessages.Format(MatchingMessages.WeightInvalid, r.CompetenceId));
            if (r.MinimumLevel is < CompetenceLevels.Min or > CompetenceLevels.Max)
                errors.Add(MatchingMessages.Format(MatchingMessages.LevelInvalid, r.CompetenceId));
        }
        if (errors.Count > 0)
            return new MatchingOutcome.Invalid(new() { ["requirements"] = [.. errors] });
        var current = await db.Set<PlaceRequirement>().Where(r => r.LearningPlaceId == placeId).ToListAsync(ct);
        var wanted = input.ToDictionary(r => r.CompetenceId);
        foreach (var held in current)
        {
            if (!wanted.Remove(held.CompetenceId, out var change))
            {
                db.Remove(held);
                continue;
            }
            (held.Required, held.Weight, held.MinimumLevel) = (change.Required, change.Weight, change.MinimumLevel);
        }
        foreach (var added in wanted.Values)
            db.Add(new PlaceRequirement { LearningPlaceId = placeId, CompetenceId = added.CompetenceId, Required = added.Required, Weight = added.Weight, MinimumLevel = added.MinimumLevel });
        await db.SaveChangesAsync(ct);
        await index.RefreshPlaceAsync(db, placeId, ct);
        return new MatchingOutcome.Saved();
    }

    public static async Task<List<RequirementDto>> DescribeAsync(PactwerkDb db, int placeId, CancellationToken ct) =>
        (await db.Set<PlaceRequirement>().AsNoTracking().Where(r => r.LearningPlaceId == placeId)
            .Join(db.Competences, r => r.CompetenceId, c => c.Id, (r, c) => new RequirementDto(r.CompetenceId, c.Code, c.NameNl, r.Required, r.Weight, r.MinimumLevel))
            .ToListAsync(ct)).OrderByDescending(r => r.Required).ThenBy(r => r.Code, StringComparer.Ordinal).ToList();
}
