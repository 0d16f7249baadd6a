using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>The year view as data: the week states of an organisation's places, or of the places in a region.</summary>
public static class LearningPlaceYearApi
{
    public static RouteGroupBuilder MapLearningPlaceYearApi(this RouteGroupBuilder api)
    {
        api.MapGet("/learning-places/year", GetYear).WithName("GetLearningPlaceYear").WithTags("Learning places").AllowAnonymous()
            .AddEndpointFilter(LearningPlaceProblemLanguage.Filter)
            .WithSummary("For each place of an organisation (`organisation=` its id) or in a region (`region=` any region set's code), and each ISO week of `year`, whether it is Filled, Empty (offered, no learner), Unsupervised (learners but a supervisor away or over capacity) or NotOffered. States only, no counts of learners.");
        return api;
    }

    private static async Task<Results<Ok<List<PlaceYearDto>>, ProblemHttpResult, ValidationProblem>> GetYear(int? organisation, string? region, int? year, PactwerkDb db,
        TimeProvider clock, CancellationToken ct)
    {
        var shown = year ?? clock.GetUtcNow().Year;
        if (shown is < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = [LearningPlaceMessages.YearInvalid] }, title: "De invoer is niet in orde");
        if (organisation is null == string.IsNullOrWhiteSpace(region))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisation"] = [LearningPlaceMessages.YearScopeMissing] }, title: "De invoer is niet in orde");
        var places = db.Set<LearningPlace>().AsQueryable();
        if (organisation is { } id)
        {
            if (!await db.Organisations.AnyAsync(o => o.Id == id, ct))
                return ApiProblems.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoOrganisation, id));
            places = places.Where(p => p.OrganisationId == id);
        }
        else
        {
            var regionId = await db.Regions.Where(r => r.Code == region!.Trim()).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            if (regionId is null)
                return ApiProblems.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoRegion, region!.Trim()));
            var municipalities = (await AccessScopeProvider.MunicipalitiesOfAsync(db, [regionId.Value], ct))[regionId.Value].ToList();
            places = places.Where(p => municipalities.Contains(p.MunicipalityId));
        }
        return TypedResults.Ok(await LearningPlaceYear.ForAsync(db, places, shown, ct));
    }
}
