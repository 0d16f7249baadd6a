using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

public static class EditionsApi
{
    public static RouteGroupBuilder MapEditionsApi(this RouteGroupBuilder api)
    {
        var editions = api.MapGroup("/pacts/{code}/editions").WithTags("Monitor");
        editions.MapGet("", List).WithName("GetEditions").WithSummary("The published editions of a pact's monitor.").AllowAnonymous();
        editions.MapGet("/{year:int}", Get).WithName("GetEdition").WithSummary("An edition as published, for the country and every region of a set, with the figures later data revised.").AllowAnonymous();
        editions.MapPost("", Publish).WithName("PublishEdition").WithSummary("Publishes the monitor of a year (coordinators of the pact): every figure of its indicators is frozen as published.").RequireAuthorization(Policies.Coordinator);
        return api;
    }

    private static async Task<Results<Ok<List<EditionSummary>>, ProblemHttpResult>> List(string code, EditionService editions, CancellationToken ct) =>
        await editions.ListAsync(code, ct) is { } list ? TypedResults.Ok(list) : ApiProblems.NotFound($"Er is geen pact met code '{code}'.");

    /// <summary>An edition as published, for the country and every region of a set (regionSet, default provincies), with the figures later data revised.</summary>
    private static async Task<Results<Ok<EditionDto>, ProblemHttpResult>> Get(string code, int year, string? regionSet, EditionService editions, CancellationToken ct) =>
        await editions.GetAsync(code, year, regionSet, ct) is { } edition ? TypedResults.Ok(edition)
            : ApiProblems.NotFound($"Er is geen editie {year} van de monitor van pact '{code}'.");

    /// <summary>Publishes the monitor of a year (coordinators of the pact): every figure of its indicators is frozen as published.</summary>
    private static async Task<IResult> Publish(string code, PublishInput input, EditionService editions, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editions.PublishAsync(code, input, ct),
            async e => TypedResults.Created($"/api/v1/pacts/{code}/editions/{e.Year}", await editions.GetAsync(code, e.Year, null, ct)),
            $"Er is geen pact met code '{code}'.", e => Task.FromResult(e.Year), 0);
}
