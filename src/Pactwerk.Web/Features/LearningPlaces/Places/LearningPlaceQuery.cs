using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// The filters of the public list of places, in one place for the API and the list page, so both show the same places for
/// the same choice: a region of any region set (or a municipality), a sector, and a period the place is offered in part of.
/// </summary>
public static class LearningPlaceQuery
{
    public abstract record Outcome
    {
        public sealed record Places(IQueryable<LearningPlace> Query) : Outcome;
        /// <summary>The region asked for does not exist.</summary>
        public sealed record NoRegion(string Message) : Outcome;
        /// <summary>A choice that cannot be read; <see cref="Field"/> is the API's parameter it belongs to.</summary>
        public sealed record Invalid(string Field, string Message) : Outcome;
    }

    public static async Task<Outcome> FilterAsync(PactwerkDb db, string? region, string? sector, string? from, string? to, CancellationToken ct)
    {
        var query = db.Set<LearningPlace>().AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region))
        {
            var regionId = await db.Regions.Where(r => r.Code == region.Trim()).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (regionId is null)
                return new Outcome.NoRegion(LearningPlaceMessages.Format(LearningPlaceMessages.NoRegion, region.Trim()));
            var municipalities = (await AccessScopeProvider.MunicipalitiesOfAsync(db, [regionId.Value], ct))[regionId.Value].ToList();
            query = query.Where(p => municipalities.Contains(p.MunicipalityId));
        }
        if (!string.IsNullOrWhiteSpace(sector))
        {
            var code = sector.Trim().ToLowerInvariant();
            if (!Network.Sectors.All.Contains(code))
                return new Outcome.Invalid("sector", LearningPlaceMessages.Format(LearningPlaceMessages.SectorFilterUnknown, sector.Trim()));
            query = query.Where(p => p.Sector == code);
        }
        if (!string.IsNullOrWhiteSpace(from) || !string.IsNullOrWhiteSpace(to))
        {
            var first = DateOnly.MinValue;
            var last = DateOnly.MaxValue;
            if ((!string.IsNullOrWhiteSpace(from) && !LearningPlaceEditor.TryParseDay(from, out first))
                || (!string.IsNullOrWhiteSpace(to) && !LearningPlaceEditor.TryParseDay(to, out last)) || last < first)
                return new Outcome.Invalid("from", LearningPlaceMessages.FilterPeriodInvalid);
            query = query.Where(p => p.Periods.Any(x => x.From <= last && x.To >= first));
        }
        return new Outcome.Places(query);
    }
}
