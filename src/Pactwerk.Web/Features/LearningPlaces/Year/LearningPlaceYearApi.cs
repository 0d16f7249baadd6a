using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Data;
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
        switch (await LearningPlaceYear.ScopeAsync(db, organisation, region, shown, ct))
        {
            case LearningPlaceYear.Scope.Invalid(var field, var message):
                return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "De invoer is niet in orde");
            case LearningPlaceYear.Scope.NotFound(var message):
                return ApiProblems.NotFound(message);
            case LearningPlaceYear.Scope.Places(var places):
                return TypedResults.Ok(await LearningPlaceYear.ForAsync(db, places, shown, ct));
            default:
                throw new InvalidOperationException();
        }
    }
}
