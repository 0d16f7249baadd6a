using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Regions;

public static class RegionsApi
{
    public static RouteGroupBuilder MapRegionsApi(this RouteGroupBuilder api)
    {
        var regions = api.MapGroup("").WithTags("Regions").AllowAnonymous();
        regions.MapGet("/region-sets", GetRegionSets).WithName("GetRegionSets").WithSummary("The region sets (provinces, COROP, landsdelen, …).");
        regions.MapGet("/region-sets/{code}/regions", GetRegionsOfSet).WithName("GetRegionsOfSet").WithSummary("The current regions of a set.");
        regions.MapGet("/regions/{code}", GetRegion).WithName("GetRegion").WithSummary("One region with the sets it belongs to.");
        return api;
    }

    public sealed record RegionSetDto(string Code, string Name, string NameEn, string Kind, string? Pact, int RegionCount);
    public sealed record RegionDto(string Code, string Name, int MunicipalityCount);
    public sealed record OverlapDto(string Code, string Name, string Set, int SharedMunicipalities);
    public sealed record RegionDetailDto(string Code, string Name, string Set, DateOnly ValidFrom, DateOnly? ValidTo,
        int MunicipalityCount, IReadOnlyList<MunicipalityRef> Municipalities, IReadOnlyList<OverlapDto> Overlaps);

    /// <summary>All region sets, from the municipalities (base units) to a pact's own groupings.</summary>
    private static async Task<Ok<List<RegionSetDto>>> GetRegionSets(PactwerkDb db, CancellationToken ct) =>
        TypedResults.Ok((await RegionQueries.SetsAsync(db, ct))
            .Select(s => new RegionSetDto(s.Code, s.Name, s.NameEn, s.Kind.ToString(), s.PactCode, s.RegionCount)).ToList());

    /// <summary>The current regions of one set, each with the number of municipalities it holds.</summary>
    private static async Task<Results<Ok<List<RegionDto>>, ProblemHttpResult>> GetRegionsOfSet(string code, PactwerkDb db, CancellationToken ct)
    {
        if (await RegionQueries.SetAsync(db, code, ct) is null)
            return ApiProblems.NotFound($"Er is geen regio-indeling met code '{code}'.");
        var regions = await RegionQueries.RegionsOfSetAsync(db, code, ct);
        return TypedResults.Ok(regions.Select(r => new RegionDto(r.Code, r.Name, r.MunicipalityCount)).ToList());
    }

    /// <summary>One region with its municipalities and the regions of other sets it overlaps.</summary>
    private static async Task<Results<Ok<RegionDetailDto>, ProblemHttpResult>> GetRegion(string code, PactwerkDb db, CancellationToken ct)
    {
        var region = await RegionQueries.RegionAsync(db, code, ct);
        if (region is null)
            return ApiProblems.NotFound($"Er is geen regio met code '{code}'.");
        return TypedResults.Ok(new RegionDetailDto(region.Code, region.Name, region.Set.Code, region.ValidFrom, region.ValidTo,
            region.Municipalities.Count, region.Municipalities,
            region.Overlaps.Select(o => new OverlapDto(o.Code, o.Name, o.Set.Code, o.SharedMunicipalities)).ToList()));
    }
}
