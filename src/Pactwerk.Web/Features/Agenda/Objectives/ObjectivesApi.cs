using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

public static class ObjectivesApi
{
    public static RouteGroupBuilder MapObjectivesApi(this RouteGroupBuilder api)
    {
        var objectives = api.MapGroup("").WithTags("Agenda");
        objectives.MapGet("/pacts/{code}/objectives", GetObjectives).WithName("GetObjectives").WithSummary("The objectives of a pact with their indicators and targets.").AllowAnonymous();
        objectives.MapGet("/objectives/{id:int}", GetObjective).WithName("GetObjective").WithSummary("One objective with its indicators and targets.").AllowAnonymous();
        objectives.MapGet("/objectives/{id:int}/effect", GetEffect).WithName("GetObjectiveEffect").WithSummary("An objective's indicator before and after its actions started, in the regions that act and the ones that do not.").AllowAnonymous();
        // Only the pact's coordinators set its objectives; ObjectiveEditor decides per pact.
        objectives.MapPost("/pacts/{code}/objectives", CreateObjective).WithName("CreateObjective").WithSummary("Creates an objective of a pact (coordinators).").RequireAuthorization(Accounts.Policies.SignedIn);
        objectives.MapPut("/objectives/{id:int}", UpdateObjective).WithName("UpdateObjective").WithSummary("Changes an objective; send the version you started from.").RequireAuthorization(Accounts.Policies.SignedIn);
        return api;
    }

    public sealed record IndicatorRef(string Code, string Name, string Unit);
    public sealed record ObjectiveDto(int Id, string Pact, int Number, string Title, string Description, bool IsDemoContent,
        IReadOnlyList<IndicatorRef> Indicators, int Actions, int Version);

    /// <summary>The objectives of a pact in their order, with the indicators that measure them and how many actions work on them.</summary>
    private static async Task<Results<Ok<List<ObjectiveDto>>, ProblemHttpResult>> GetObjectives(string code, PactwerkDb db, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        if (pact is null)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        return TypedResults.Ok(await Query(db, o => o.PactId == pact.Id).ToListAsync(ct));
    }

    private static async Task<Results<Ok<ObjectiveDto>, ProblemHttpResult>> GetObjective(int id, PactwerkDb db, CancellationToken ct) =>
        await Query(db, o => o.Id == id).SingleOrDefaultAsync(ct) is { } objective
            ? TypedResults.Ok(objective)
            : ApiProblems.NotFound($"Er is geen doel met nummer {id}.");

    /// <summary>A new objective of the pact (its coordinators), with the codes of the indicators that measure it.</summary>
    private static async Task<IResult> CreateObjective(string code, ObjectiveInput input, ObjectiveEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(code, input, ct),
            async o => TypedResults.Created($"/api/v1/objectives/{o.Id}", await Query(db, x => x.Id == o.Id).SingleAsync(ct)),
            $"Er is geen pact met code '{code}'.", o => Query(db, x => x.Id == o.Id).SingleAsync(ct), input.Version);

    /// <summary>Changes an objective. Send the version you read; a stale one gets 409 with what changed. Indicators left out stay.</summary>
    private static async Task<IResult> UpdateObjective(int id, ObjectiveInput input, ObjectiveEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, input, ct),
            async o => TypedResults.Ok(await Query(db, x => x.Id == o.Id).SingleAsync(ct)),
            $"Er is geen doel met nummer {id}.", o => Query(db, x => x.Id == o.Id).SingleAsync(ct), input.Version);

    /// <summary>
    /// The effect view: the objective's actions that run inside the region (default the country),
    /// their outputs summed per year and unit, and its indicators in that region per period beside
    /// the straight line from baseline to target of the plan that holds there.
    /// </summary>
    private static async Task<Results<Ok<EffectView>, ProblemHttpResult, ValidationProblem>> GetEffect(int id, string? region, ObjectiveEffect effect, CancellationToken ct) =>
        await effect.ComputeAsync(id, region, ct) switch
        {
            QueryOutcome<EffectView>.Found found => TypedResults.Ok(found.Value),
            QueryOutcome<EffectView>.Invalid { Parameter: "id" } missing => ApiProblems.NotFound(missing.Message),
            QueryOutcome<EffectView>.Invalid invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { [invalid.Parameter] = [invalid.Message] }),
            _ => throw new InvalidOperationException(),
        };

    /// <summary>Objectives as the API shows them; filter on the entity, before the projection.</summary>
    private static IQueryable<ObjectiveDto> Query(PactwerkDb db, System.Linq.Expressions.Expression<Func<Objective, bool>> filter) =>
        db.Objectives.Where(filter).OrderBy(o => o.Number).Select(o => new ObjectiveDto(o.Id, db.Pacts.Where(p => p.Id == o.PactId).Select(p => p.Code).First(), o.Number, o.Title, o.Description, o.IsDemoContent,
            o.Indicators.OrderBy(i => i.Indicator.Code).Select(i => new IndicatorRef(i.Indicator.Code, i.Indicator.Name, i.Indicator.Unit)).ToList(),
            db.ActionObjectives.Count(a => a.ObjectiveId == o.Id), o.Version));
}
