using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Regions;

/// <summary>
/// The current regions as picker choices (value the code, label the name, hint the code and its set),
/// for the lookup endpoint, for the pickers' no-script fallback and for reading names typed there.
/// </summary>
public static class RegionLookup
{
    public static RouteGroupBuilder MapRegionLookupApi(this RouteGroupBuilder api)
    {
        api.MapGet("/lookup/regions", Find).WithTags("Lookup").AllowAnonymous().WithName("LookupRegions")
            .WithSummary("Regions whose name or code matches q (case and diacritics ignored), best first, at most 20; set limits them to one region set.");
        return api;
    }

    /// <summary>Public reference data: anyone may look regions up.</summary>
    private static async Task<Results<Ok<List<LookupItem>>, ValidationProblem>> Find(string? q, string? set, PactwerkDb db, CancellationToken ct)
    {
        if (Lookup.Refuse(q) is { } refused)
            return refused;
        var setCode = Values.Blank(set)?.ToLowerInvariant();
        if (setCode is not null && !await db.RegionSets.AnyAsync(s => s.Code == setCode, ct))
        {
            var known = await db.RegionSets.OrderBy(s => s.SortOrder).Select(s => s.Code).ToListAsync(ct);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                { ["set"] = [$"Onbekende regio-indeling '{set}'. Kies uit: {string.Join(", ", known)}."] }, title: "Ongeldige zoekvraag");
        }
        return TypedResults.Ok(Lookup.Best(await AllAsync(db, ct, setCode), q));
    }

    /// <summary>
    /// Every current region, the larger sets first (country, landsdelen, provinces, …, municipalities), by name
    /// within a set: a name shared by a province and a municipality offers the province first.
    /// A few hundred short rows: read whole and matched in memory, which also makes the matching
    /// diacritics-insensitive on both databases alike.
    /// </summary>
    public static async Task<List<LookupItem>> AllAsync(PactwerkDb db, CancellationToken ct, string? setCode = null)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var rows = await db.Regions.AsNoTracking().Where(r => r.ValidTo == null && (setCode == null || r.RegionSet.Code == setCode))
            .Select(r => new { r.Code, r.Name, Set = english ? r.RegionSet.NameEn : r.RegionSet.Name, r.RegionSet.SortOrder })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.SortOrder).ThenBy(r => r.Name, Values.Dutch)
            .Select(r => new LookupItem(r.Code, r.Name, $"{r.Code} · {r.Set}")).ToList();
    }
}
