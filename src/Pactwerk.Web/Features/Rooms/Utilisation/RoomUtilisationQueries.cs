using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>Reads what <see cref="RoomUtilisation"/> computes over: the rooms of a region with their hours, and their approved bookings in a period.</summary>
public sealed class RoomUtilisationQueries(PactwerkDb db)
{
    public abstract record Outcome
    {
        public sealed record Computed(RoomUtilisation.Result Result, DateOnly From, DateOnly To, string? RegionSet) : Outcome;
        public sealed record NotFound(string Message) : Outcome;
        public sealed record Invalid(string Message) : Outcome;
    }

    /// <param name="regionSet">The set whose regions the rows are grouped by (default: municipalities).</param>
    /// <param name="region">Only rooms in this region (any set's code).</param>
    public async Task<Outcome> ComputeAsync(string? regionSet, string? region, string? from, string? to, CancellationToken ct)
    {
        if (!RoomTime.TryParseDay(from, out var first) || !RoomTime.TryParseDay(to, out var last) || first > last || last > first.AddYears(2))
            return new Outcome.Invalid(RoomMessages.PeriodInvalid);
        var rooms = db.Rooms.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region))
        {
            var regionId = await db.Regions.Where(r => r.Code == region.Trim()).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
            if (regionId is null)
                return new Outcome.NotFound(RoomMessages.Format(RoomMessages.NoRegion, Cut(region)));
            var municipalities = (await AccessScopeProvider.MunicipalitiesOfAsync(db, [regionId.Value], ct))[regionId.Value].ToList();
            rooms = rooms.Where(r => municipalities.Contains(r.MunicipalityId));
        }
        var setCode = string.IsNullOrWhiteSpace(regionSet) ? ReferenceData.RegionSetCodes.Municipalities : regionSet.Trim();
        var set = await db.RegionSets.AsNoTracking().Where(s => s.Code == setCode).Select(s => new { s.Id, s.Kind }).SingleOrDefaultAsync(ct);
        if (set is null)
            return new Outcome.NotFound(RoomMessages.Format(RoomMessages.NoRegionSet, Cut(setCode)));

        var found = await rooms.Include(r => r.OpeningHours).Include(r => r.Closures)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r, School = o.Name }).ToListAsync(ct);
        var municipalityIds = found.Select(x => x.r.MunicipalityId).Distinct().ToList();
        // The region of the set each room's municipality lies in; a municipality is its own region in the municipalities set.
        var regionOf = set.Kind == Regions.RegionSetKind.Municipalities
            ? await db.Regions.Where(r => municipalityIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct)
            : (await db.RegionMemberships.Where(m => m.ValidTo == null && municipalityIds.Contains(m.MunicipalityId) && m.Region.RegionSetId == set.Id)
                .Select(m => new { m.MunicipalityId, m.Region.Name }).ToListAsync(ct))
                .GroupBy(m => m.MunicipalityId).ToDictionary(g => g.Key, g => g.First().Name);
        var input = found.Select(x => new UtilisationRoom(x.r.Id, x.r.Name, x.School, regionOf.GetValueOrDefault(x.r.MunicipalityId, "–"),
            x.r.OpeningHours.ToDictionary(h => h.Day, h => (h.Closes - h.Opens).TotalHours), x.r.Closures.Select(c => (c.From, c.To)).ToList())).ToList();

        var bookings = await ApprovedAsync(input.Select(r => r.Id).ToList(), first, last, ct);
        return new Outcome.Computed(RoomUtilisation.Compute(input, bookings, first, last), first, last, setCode);
    }

    /// <summary>Every room, grouped by the CBS code of its municipality (the monitor's unit), for a period.</summary>
    public async Task<RoomUtilisation.Result?> ComputeByMunicipalityAsync(DateOnly from, DateOnly to, CancellationToken ct)
    {
        var found = await db.Rooms.AsNoTracking().Include(r => r.OpeningHours).Include(r => r.Closures)
            .Join(db.Regions, r => r.MunicipalityId, m => m.Id, (r, m) => new { r, m.Code }).ToListAsync(ct);
        if (found.Count == 0)
            return null;
        var input = found.Select(x => new UtilisationRoom(x.r.Id, x.r.Name, x.r.OrganisationId.ToString(System.Globalization.CultureInfo.InvariantCulture), x.Code,
            x.r.OpeningHours.ToDictionary(h => h.Day, h => (h.Closes - h.Opens).TotalHours), x.r.Closures.Select(c => (c.From, c.To)).ToList())).ToList();
        return RoomUtilisation.Compute(input, await ApprovedAsync(input.Select(r => r.Id).ToList(), from, to, ct), from, to);
    }

    private async Task<List<UtilisationBooking>> ApprovedAsync(List<int> ids, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var (start, end) = (RoomTime.ToUtc(first, TimeOnly.MinValue), RoomTime.ToUtc(last.AddDays(1), TimeOnly.MinValue));
        return (await db.RoomBookings.AsNoTracking()
                .Where(b => ids.Contains(b.RoomId) && b.Status == RoomBookingStatus.Approved && b.StartsAt >= start && b.StartsAt < end)
                .Select(b => new { b.RoomId, b.StartsAt, b.EndsAt, b.UserKind, b.Use }).ToListAsync(ct))
            .Select(b => new UtilisationBooking(b.RoomId, DateOnly.FromDateTime(RoomTime.ToLocal(b.StartsAt)), (b.EndsAt - b.StartsAt).TotalHours, b.UserKind, b.Use == RoomUse.Used))
            .ToList();
    }

    private static string Cut(string text) => text.Length > 40 ? text[..40] : text;
}
