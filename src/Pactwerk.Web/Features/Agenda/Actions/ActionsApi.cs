using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

public static class ActionsApi
{
    public static RouteGroupBuilder MapActionsApi(this RouteGroupBuilder api)
    {
        var actions = api.MapGroup("/actions").WithTags("Actions");
        actions.MapGet("/", GetActions).WithName("GetActions").AllowAnonymous()
            .WithSummary("Actions, filtered: pact (code), objective (the objective's number within the pact; needs pact), region (code of any set; " +
                "an action matches when one of its regions lies wholly inside it), organisation (id; owner or partner), kind, status, " +
                "atRisk (continuity risk), year (the action's period overlaps that calendar year).");
        actions.MapGet("/{id:int}", GetAction).WithName("GetAction").AllowAnonymous()
            .WithSummary("An action with its partners, objectives, regions, funding, outputs and continuity risk; overdue report years only for its editors.");
        // Who may change which action is decided per action by PactActionEditor (resource-based).
        actions.MapPost("/", CreateAction).WithName("CreateAction").WithSummary("Creates an action.").RequireAuthorization(Accounts.Policies.SignedIn);
        actions.MapPut("/{id:int}", UpdateAction).WithName("UpdateAction").WithSummary("Changes an action; send the version you started from.").RequireAuthorization(Accounts.Policies.SignedIn);
        actions.MapPost("/{id:int}/funding", AddFunding).WithName("AddFunding").WithSummary("Adds a funding source to an action.").RequireAuthorization(Accounts.Policies.SignedIn);
        actions.MapPut("/{id:int}/funding/{fundingId:int}", UpdateFunding).WithName("UpdateFunding").RequireAuthorization(Accounts.Policies.SignedIn)
            .WithSummary("Changes a funding source. Send the version you started from; a stale version gets 409 with what changed since.");
        actions.MapDelete("/{id:int}/funding/{fundingId:int}", RemoveFunding).WithName("RemoveFunding").RequireAuthorization(Accounts.Policies.SignedIn)
            .WithSummary("Removes a funding source: ?version= the version you saw; a stale version gets 409 with what changed since.");
        actions.MapPost("/{id:int}/outputs", ReportOutput).WithName("ReportOutput").RequireAuthorization(Accounts.Policies.SignedIn)
            .WithSummary("Reports an output: 201 for a new year and unit, 200 when it corrects the figure already reported for them (corrected, previousQuantity).");
        actions.MapDelete("/{id:int}/outputs/{outputId:int}", RemoveOutput).WithName("RemoveOutput").WithSummary("Removes a reported output of an action.").RequireAuthorization(Accounts.Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Ok<List<ActionSummary>>, ValidationProblem>> GetActions([AsParameters] ActionQuery query, ActionSearch search, CancellationToken ct)
    {
        var (filter, errors) = await search.ParseAsync(query, ct);
        return filter is null
            ? TypedResults.ValidationProblem(errors, title: "Ongeldig filter")
            : TypedResults.Ok(await search.ListAsync(filter, ct));
    }

    private static async Task<Results<Ok<ActionDetail>, ProblemHttpResult>> GetAction(int id, ActionDetails details, CancellationToken ct) =>
        await details.FindAsync(id, ct) is { } action ? TypedResults.Ok(action) : ApiProblems.NotFound(NotFound(id));

    /// <summary>Creates an action in the pact named by its code. Editors may create actions only within their scope.</summary>
    private static async Task<IResult> CreateAction(NewActionInput input, PactActionEditor editor, ActionDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input.Pact, input, ct),
            async a => TypedResults.Created($"/api/v1/actions/{a.Id}", await details.FindAsync(a.Id, ct)),
            "", a => details.FindAsync(a.Id, ct), input.Version);

    /// <summary>Changes an action. Send the version you started from; a stale version gets 409 with what changed since.</summary>
    private static async Task<IResult> UpdateAction(int id, PactActionInput input, PactActionEditor editor, ActionDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, input, ct),
            async a => TypedResults.Ok(await details.FindAsync(a.Id, ct)),
            NotFound(id), a => details.FindAsync(a.Id, ct), input.Version);

    private static async Task<IResult> AddFunding(int id, FundingInput input, ActionRecordsEditor editor, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.AddFundingAsync(id, input, ct),
            f => Task.FromResult<IResult>(TypedResults.Created($"/api/v1/actions/{id}/funding/{f.Id}", ActionDetails.Funding(f))),
            NotFound(id), f => Task.FromResult(ActionDetails.Funding(f)), 0);

    private static async Task<IResult> UpdateFunding(int id, int fundingId, FundingInput input, ActionRecordsEditor editor, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateFundingAsync(id, fundingId, input, ct),
            f => Task.FromResult<IResult>(TypedResults.Ok(ActionDetails.Funding(f))),
            FundingNotFound(id, fundingId), f => Task.FromResult(ActionDetails.Funding(f)), input.Version ?? 0);

    private static async Task<IResult> RemoveFunding(int id, int fundingId, int? version, ActionRecordsEditor editor, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.RemoveFundingAsync(id, fundingId, version, ct),
            _ => Task.FromResult<IResult>(TypedResults.NoContent()),
            FundingNotFound(id, fundingId), f => Task.FromResult(ActionDetails.Funding(f)), version ?? 0);

    /// <summary>Reports an output for a year within the action's period; reported by the signed-in user, now. A second report for the same year and unit corrects the first.</summary>
    private static async Task<IResult> ReportOutput(int id, OutputInput input, ActionRecordsEditor editor, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.ReportOutputAsync(id, input, ct),
            r => Task.FromResult<IResult>(r.Corrected
                ? TypedResults.Ok(Report(r))
                : TypedResults.Created($"/api/v1/actions/{id}/outputs/{r.Output.Id}", Report(r))),
            NotFound(id), r => Task.FromResult(Report(r)), 0);

    private static async Task<IResult> RemoveOutput(int id, int outputId, ActionRecordsEditor editor, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.RemoveOutputAsync(id, outputId, ct),
            _ => Task.FromResult<IResult>(TypedResults.NoContent()),
            $"Initiatief {id} heeft geen resultaat met nummer {outputId}.", o => Task.FromResult(o.Id), 0);

    private static OutputReportDto Report(OutputReport r) =>
        new(r.Output.Id, r.Output.Year, r.Output.Unit, r.Output.Quantity, r.Output.Note, r.Output.ReportedBy, r.Output.ReportedAt, r.Corrected, r.PreviousQuantity);
    private static string NotFound(int id) => $"Er is geen initiatief met nummer {id}.";
    private static string FundingNotFound(int id, int fundingId) => $"Initiatief {id} heeft geen financieringsbron met nummer {fundingId}.";
}
