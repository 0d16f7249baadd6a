using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Regions;

public sealed record RegionSetSummary(string Code, string Name, string NameEn, RegionSetKind Kind, string? PactCode, int RegionCount);
public sealed record RegionSummary(string Code, string Name, int MunicipalityCount);
public sealed record MunicipalityRef(string Code, string Name);
public sealed record RegionSetRef(string Code, string Name, string NameEn, int SortOrder);
/// <summary>A region of another set that shares municipalities with the one shown.</summary>
public sealed record RegionOverlap(string Code, string Name, RegionSetRef Set, int SharedMunicipalities, int MunicipalityCount)
{
    public bool ContainsWhole(int ownCount) => SharedMunicipalities == ownCount;
    public bool IsWhollyInside => SharedMunicipalities == MunicipalityCount;
}
public sealed record RegionDetail(string Code, string Name, RegionSetRef Set, DateOnly ValidFrom, DateOnly? ValidTo,
    IReadOnlyList<MunicipalityRef> Municipalities, IReadOnlyList<RegionOverlap> Overlaps);

/// <summary>
/// Reads of the regional structure, shared by the pages and the API. "Current" means the
/// memberships that are open (not closed by a later merger).
/// </summary>
public static class RegionQueries
{
    public static Task<List<RegionSetSummary>> SetsAsync(PactwerkDb db, CancellationToken ct) =>
        db.RegionSets.OrderBy(s => s.SortOrder).ThenBy(s => s.Code)
            .Select(s => new RegionSetSummary(s.Code, s.Name, s.NameEn, s.Kind,
                db.Pacts.Where(p => p.Id == s.PactId).Select(p => p.Code).FirstOrDefault(),
                s.Regions.Count(r => r.ValidTo == null)))
            .ToListAsync(ct);

    public static Task<RegionSetSummary?> SetAsync(PactwerkDb db, string code, CancellationToken ct) =>
        db.RegionSets.Where(s => s.Code == code.ToLowerInvariant())
            .Select(s => new RegionSetSummary(s.Code, s.Name, s.NameEn, s.Kind,
                db.Pacts.Where(p => p.Id == s.PactId).Select(p => p.Code).FirstOrDefault(),
                s.Regions.Count(r => r.ValidTo == null)))
            .FirstOrDefaultAsync(ct);

    public static Task<List<RegionSummary>> RegionsOfSetAsync(PactwerkDb db, string setCode, CancellationToken ct) =>
        db.Regions.Where(r => r.RegionSet.Code == setCode.ToLowerInvariant() && r.ValidTo == null)
            .OrderBy(r => r.Name)
            .Select(r => new RegionSummary(r.Code, r.Name,
                r.RegionSet.Kind == RegionSetKind.Municipalities ? 1 : r.Memberships.Count(m => m.ValidTo == null)))
            .ToListAsync(ct);

    public static async Task<RegionDetail?> RegionAsync(PactwerkDb db, string code, CancellationToken ct)
    {
        var region = await db.Regions.Where(r => r.Code == code.ToUpperInvariant())
            .Select(r => new { r.Id, r.Code, r.Name, r.ValidFrom, r.ValidTo, r.RegionSet.Kind, Set = new RegionSetRef(r.RegionSet.Code, r.RegionSet.Name, r.RegionSet.NameEn, r.RegionSet.SortOrder) })
            .FirstOrDefaultAsync(ct);
        if (region is null)
            return null;

        var isMunicipality = region.Kind == RegionSetKind.Municipalities;
        var municipalityIds = isMunicipality
            ? db.Regions.Where(r => r.Id == region.Id).Select(r => r.Id)
            : db.RegionMemberships.Where(m => m.RegionId == region.Id && m.ValidTo == null).Select(m => m.MunicipalityId);

        var municipalities = isMunicipality
            ? []
            : await db.Regions.Where(r => municipalityIds.Contains(r.Id)).OrderBy(r => r.Name)
                .Select(r => new MunicipalityRef(r.Code, r.Name)).ToListAsync(ct);

        var overlaps = await db.RegionMemberships
            .Where(m => m.ValidTo == null && m.RegionId != region.Id && municipalityIds.Contains(m.MunicipalityId))
            .GroupBy(m => m.RegionId)
            .Select(g => new { RegionId = g.Key, Shared = g.Count() })
            .Join(db.Regions, g => g.RegionId, r => r.Id, (g, r) => new RegionOverlap(r.Code, r.Name,
                new RegionSetRef(r.RegionSet.Code, r.RegionSet.Name, r.RegionSet.NameEn, r.RegionSet.SortOrder), g.Shared,
                r.Memberships.Count(m => m.ValidTo == null)))
            .ToListAsync(ct);

        return new RegionDetail(region.Code, region.Name, region.Set, region.ValidFrom, region.ValidTo, municipalities,
            overlaps.OrderBy(o => o.Set.SortOrder).ThenByDescending(o => o.SharedMunicipalities).ThenBy(o => o.Name).ToList());
    }
}
