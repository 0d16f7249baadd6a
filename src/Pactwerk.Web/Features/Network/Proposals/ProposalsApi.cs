using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>Proposed changes to shared records (organisations, people) and the owner's decision on them.</summary>
public static class ProposalsApi
{
    public static RouteGroupBuilder MapProposalsApi(this RouteGroupBuilder api)
    {
        // Who may propose and who may decide is decided per record by SharedRecords (resource-based).
        api.MapPost("/organisations/{id:int}/proposals", ProposeOrganisation).WithName("ProposeOrganisationChange").WithTags("Network")
            .WithSummary("Proposes a change to an organisation shared with the caller's pact; its owner accepts or rejects it.")
            .RequireAuthorization(Policies.SignedIn);
        api.MapPost("/people/{id:int}/proposals", ProposePerson).WithName("ProposePersonChange").WithTags("People")
            .WithSummary("Proposes a change to a person shared with the caller's pact; the owner accepts or rejects it.")
            .RequireAuthorization(Policies.SignedIn);
        var proposals = api.MapGroup("/proposals").WithTags("Network").RequireAuthorization(Policies.SignedIn);
        proposals.MapGet("/", GetProposals).WithName("GetProposals")
            .WithSummary("Open proposals the caller may decide, and every proposal the caller made (status=open: open ones only).");
        proposals.MapGet("/{id:int}", GetProposal).WithName("GetProposal").WithSummary("One proposal, with the current and the proposed values.");
        proposals.MapPost("/{id:int}/accept", Accept).WithName("AcceptProposal").WithSummary("Accepts a proposal and applies it as the owner's edit, if the record has not changed since.");
        proposals.MapPost("/{id:int}/reject", Reject).WithName("RejectProposal").WithSummary("Rejects a proposal, with a note.");
        return api;
    }

    private static async Task<IResult> ProposeOrganisation(int id, ProposalInput<OrganisationInput> input, ProposalDesk desk, CancellationToken ct) =>
        await ToResultAsync(await desk.ProposeOrganisationAsync(id, input, ct), desk, $"Er is geen organisatie met nummer {id}.", created: true, ct);

    private static async Task<IResult> ProposePerson(int id, ProposalInput<PersonInput> input, ProposalDesk desk, CancellationToken ct) =>
        await ToResultAsync(await desk.ProposePersonAsync(id, input, ct), desk, $"Er is geen persoon met nummer {id}.", created: true, ct);

    private static async Task<Ok<IReadOnlyList<ProposalDto>>> GetProposals(string? status, ProposalDesk desk, CancellationToken ct) =>
        TypedResults.Ok(await desk.ListAsync(string.Equals(status, "open", StringComparison.OrdinalIgnoreCase), ct));

    private static async Task<Results<Ok<ProposalDto>, ProblemHttpResult>> GetProposal(int id, ProposalDesk desk, CancellationToken ct) =>
        await desk.FindAsync(id, ct) is { } proposal ? TypedResults.Ok(proposal) : ApiProblems.NotFound($"Er is geen voorstel met nummer {id} dat je mag zien.");

    private static async Task<IResult> Accept(int id, ProposalDecision decision, ProposalDesk desk, CancellationToken ct) =>
        await ToResultAsync(await desk.AcceptAsync(id, decision, ct), desk, $"Er is geen voorstel met nummer {id}.", created: false, ct);

    private static async Task<IResult> Reject(int id, ProposalDecision decision, ProposalDesk desk, CancellationToken ct) =>
        await ToResultAsync(await desk.RejectAsync(id, decision, ct), desk, $"Er is geen voorstel met nummer {id}.", created: false, ct);

    private static Task<IResult> ToResultAsync(EditOutcome<ChangeProposal> outcome, ProposalDesk desk, string notFound, bool created, CancellationToken ct) =>
        EditResults.ToResultAsync(outcome,
            async p => created
                ? TypedResults.Created($"/api/v1/proposals/{p.Id}", await desk.FindAsync(p.Id, ct))
                : (IResult)TypedResults.Ok(await desk.FindAsync(p.Id, ct)),
            notFound, p => desk.FindAsync(p.Id, ct), 0);
}
