using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

public static class ActionsApi
{
    public static RouteGroupBuilder MapActionsApi(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/actions").WithTags("Actions");
        actions.MapGet("/", GetActions).WithName("GetActions").AllowAnonymous();
        actions.MapGet("/{id:int}", GetAction).WithName("GetAction").AllowAnonymous();
        // Who may change which action is decided per action by PactActionEditor (resource-based).
        actions.MapPut("/{id:int}", UpdateAction).WithName("UpdateAction").RequireAuthorization(Accounts.Policies.SignedIn);
        return api;
    }

    public sealed record RegionDto(string Code, string Name);
    public sealed record ActionDto(int Id, string Pact, string Slug, string Title, string Summary, string Kind, string Status, string? StopReason,
        IReadOnlyList<RegionDto> Regions, int? LeadOrganisationId, string? LeadOrganisation, DateOnly? StartsOn, DateOnly? EndsOn, decimal? Budget, int Version);
    public sealed record ChangeDto(string Actor, DateTime At, IReadOnlyDictionary<string, System.Text.Json.JsonElement> Before, IReadOnlyDictionary<string, System.Text.Json.JsonElement> After);
    public sealed record ConflictDto(string Title, string Detail, ActionDto Current, IReadOnlyList<ChangeDto> Changes);

    /// <summary>The actions of every pact, optionally of one pact (code).</summary>
    private static async Task<Ok<List<ActionDto>>> GetActions(PactwerkDb db, string? pact, CancellationToken ct) =>
        TypedResults.Ok((await Query(db, a => pact == null || db.Pacts.Any(p => p.Id == a.PactId && p.Code == pact)).ToListAsync(ct))
            .OrderBy(a => a.Pact).ThenBy(a => a.Title).ToList());

    private static async Task<Results<Ok<ActionDto>, ProblemHttpResult>> GetAction(int id, PactwerkDb db, CancellationToken ct) =>
        await Query(db, a => a.Id == id).SingleOrDefaultAsync(ct) is { } action
            ? TypedResults.Ok(action)
            : ApiProblems.NotFound($"Er is geen initiatief met nummer {id}.");

    /// <summary>Changes an action. Send the version you started from; a stale version gets 409 with what changed since.</summary>
    private static async Task<Results<Ok<ActionDto>, ProblemHttpResult, ValidationProblem, Conflict<ConflictDto>>> UpdateAction(
        int id, PactActionInput input, PactActionEditor editor, PactwerkDb db, CancellationToken ct)
    {
        switch (await editor.UpdateAsync(id, input, ct))
        {
            case EditOutcome<PactAction>.Saved saved:
                return TypedResults.Ok(await Query(db, a => a.Id == saved.Entity.Id).SingleAsync(ct));
            case EditOutcome<PactAction>.NotFound:
                return ApiProblems.NotFound($"Er is geen initiatief met nummer {id}.");
            case EditOutcome<PactAction>.Forbidden forbidden:
                return ApiProblems.Forbidden(forbidden.Reason);
            case EditOutcome<PactAction>.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "De invoer is niet in orde");
            case EditOutcome<PactAction>.Stale stale:
                var current = await Query(db, a => a.Id == id).SingleAsync(ct);
                return TypedResults.Conflict(new ConflictDto("Intussen gewijzigd",
                    $"Iemand anders heeft dit initiatief gewijzigd na versie {input.Version}; er is niets opgeslagen. Neem de wijzigingen over en probeer het opnieuw met versie {current.Version}.",
                    current, stale.Changes.Select(c => new ChangeDto(c.Actor, c.At, c.Before, c.After)).ToList()));
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>Actions as the API shows them; filter on the entity, before the projection.</summary>
    private static IQueryable<ActionDto> Query(PactwerkDb db, System.Linq.Expressions.Expression<Func<PactAction, bool>> filter) =>
        db.PactActions.Where(filter).Select(a => new ActionDto(a.Id, db.Pacts.Where(p => p.Id == a.PactId).Select(p => p.Code).First(), a.Slug, a.Title, a.Summary,
            a.Kind.ToString(), a.Status.ToString(), a.StopReason, a.Regions.OrderBy(r => r.Region.Code).Select(r => new RegionDto(r.Region.Code, r.Region.Name)).ToList(),
            a.LeadOrganisationId, a.LeadOrganisation == null ? null : a.LeadOrganisation.Name, a.StartsOn, a.EndsOn, a.Budget, a.Version));
}
