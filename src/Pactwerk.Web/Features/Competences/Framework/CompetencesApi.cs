using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Competences;

/// <summary>The pacts' competence frameworks, for everyone: what a competence is called is no secret, and matching elsewhere refers to them.</summary>
public static class CompetencesApi
{
    public static RouteGroupBuilder MapCompetencesApi(this RouteGroupBuilder api)
    {
        var competences = api.MapGroup("/competences").WithTags("Competences");
        competences.MapGet("", SearchCompetences).WithName("SearchCompetences").AllowAnonymous()
            .WithSummary("Competences whose Dutch or English name or alternative label contains every word of `q` (any case), ordered by Dutch name, " +
                "`page` by `pageSize` (at most 100); in the framework of one `pact` (code) or of all pacts.");
        competences.MapGet("/{code}", GetCompetence).WithName("GetCompetence").AllowAnonymous()
            .WithSummary("One competence by its code with its Dutch and English labels, its ESCO URI and the occupations that ask it (essential or optional). " +
                "Give `pact` when more than one pact's framework holds the code.");
        return api;
    }

    private static async Task<Results<Ok<CompetencePage>, ProblemHttpResult>> SearchCompetences(string? q, string? pact, CompetenceQueries queries, PactwerkDb db,
        CancellationToken ct, int page = 1, int pageSize = 50)
    {
        int? pactId = null;
        if (!string.IsNullOrWhiteSpace(pact))
        {
            if (await PactLookup.FindAsync(db, pact, ct) is not { } found)
                return ApiProblems.NotFound(CompetenceMessages.Format(CompetenceMessages.NoPact, Short(pact)));
            pactId = found.Id;
        }
        return TypedResults.Ok(await queries.SearchAsync(pactId, q, page, pageSize, ct));
    }

    private static async Task<Results<Ok<CompetenceDetail>, ProblemHttpResult>> GetCompetence(string code, string? pact, CompetenceQueries queries, PactwerkDb db, CancellationToken ct)
    {
        int pactId;
        if (!string.IsNullOrWhiteSpace(pact))
        {
            if (await PactLookup.FindAsync(db, pact, ct) is not { } found)
                return ApiProblems.NotFound(CompetenceMessages.Format(CompetenceMessages.NoPact, Short(pact)));
            pactId = found.Id;
        }
        else
        {
            var holders = await queries.PactsWithAsync(code, ct);
            if (holders.Count > 1)
                return TypedResults.Problem(CompetenceMessages.Format(CompetenceMessages.PactAmbiguous, Short(code)), statusCode: StatusCodes.Status400BadRequest, title: "Kies een pact");
            if (holders.Count == 0)
                return ApiProblems.NotFound(CompetenceMessages.Format(CompetenceMessages.NoCompetence, Short(code)));
            pactId = holders[0];
        }
        return await queries.CompetenceAsync(pactId, code, ct) is { } detail
            ? TypedResults.Ok(detail)
            : ApiProblems.NotFound(CompetenceMessages.Format(CompetenceMessages.NoCompetence, Short(code)));
    }

    private static string Short(string value) => value.Length > 100 ? value[..100] : value;
}
