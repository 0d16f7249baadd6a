using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Network;

public sealed record HelixCounts(int Government, int Education, int Business, int CivilSociety)
{
    public int Total => Government + Education + Business + CivilSociety;

    public int this[Helix helix] => helix switch
    {
        Helix.Government => Government,
        Helix.Education => Education,
        Helix.Business => Business,
        _ => CivilSociety,
    };

    /// <summary>The helices with no partner at all: what a coordinator looks for.</summary>
    public IReadOnlyList<Helix> Missing => Enum.GetValues<Helix>().Where(h => this[h] == 0).ToList();

    public static HelixCounts Of(IEnumerable<Helix> helices)
    {
        var list = helices.ToList();
        return new(list.Count(h => h == Helix.Government), list.Count(h => h == Helix.Education),
            list.Count(h => h == Helix.Business), list.Count(h => h == Helix.CivilSociety));
    }
}

public sealed record HelixBalanceRow(string Code, string Name, HelixCounts Counts);

/// <summary>
/// Partners of a pact per region of one set, per helix. <c>Unplaced</c> holds partners without a
/// location or located outside every region of the set, so that the rows add up to the pact's
/// partners when the set covers the country once; <c>Partners</c> is that number.
/// </summary>
public sealed record HelixBalanceResult(string Pact, string RegionSet, string RegionSetName, IReadOnlyList<HelixBalanceRow> Regions,
    HelixCounts Unplaced, int Partners);

public static class HelixBalance
{
    /// <summary>The sets a pact's balance can be shown in: the national ones and the pact's own, not another pact's.</summary>
    public static IQueryable<RegionSet> SetsFor(PactwerkDb db, int pactId) =>
        db.RegionSets.Where(s => s.PactId == null || s.PactId == pactId).OrderBy(s => s.SortOrder);

    /// <summary>Null when the pact or the set does not exist.</summary>
    public static async Task<HelixBalanceResult?> ComputeAsync(PactwerkDb db, int pactId, string pactCode, string setCode, DateOnly today, CancellationToken ct)
    {
        var set = await SetsFor(db, pactId).Where(s => s.Code == setCode).Select(s => new { s.Id, s.Code, s.Name, s.Kind }).SingleOrDefaultAsync(ct);
        if (set is null)
            return null;

        // An organisation that signed twice (withdrew, signed again) counts once.
        var partners = await db.PactSignatories.Where(PactSignatory.ActiveOn(today)).Where(s => s.PactId == pactId)
            .Select(s => new { s.OrganisationId, s.Organisation.Helix, s.Organisation.MunicipalityId })
            .Distinct().ToListAsync(ct);

        var regions = await db.Regions.Where(r => r.RegionSetId == set.Id && r.ValidTo == null)
            .Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        // Which regions of the set each municipality lies in; a municipality is its own region in the base set.
        var regionsOf = set.Kind == RegionSetKind.Municipalities
            ? regions.ToLookup(r => r.Id, r => r.Id)
            // Only memberships of regions that still exist, or a partner would be placed in no row.
            : (await db.RegionMemberships.Where(m => m.Region.RegionSetId == set.Id && m.ValidTo == null && m.Region.ValidTo == null)
                .Select(m => new { m.MunicipalityId, m.RegionId }).ToListAsync(ct)).ToLookup(m => m.MunicipalityId, m => m.RegionId);

        var placed = partners.SelectMany(p => p.MunicipalityId is { } m ? regionsOf[m].Select(r => (Region: r, p.Helix)) : []).ToList();
        var unplaced = partners.Where(p => p.MunicipalityId is not { } m || !regionsOf[m].Any()).Select(p => p.Helix);

        var rows = regions.Select(r => new HelixBalanceRow(r.Code, r.Name, HelixCounts.Of(placed.Where(p => p.Region == r.Id).Select(p => p.Helix))))
            .OrderBy(r => r.Name, Web.Shared.Values.Dutch).ToList();
        return new HelixBalanceResult(pactCode, set.Code, set.Name, rows, HelixCounts.Of(unplaced), partners.Count);
    }
}
