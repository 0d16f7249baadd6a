using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

public static class PracticesApi
{
    public static RouteGroupBuilder MapPracticesApi(this RouteGroupBuilder api)
    {
        var practices = api.MapGroup("/practices").WithTags("Practices");
        practices.MapGet("/", SearchPractices).WithName("SearchPractices").AllowAnonymous()
            .WithSummary("Published practices: q (words, Dutch word forms find each other; at most 500 characters), region (code of any set; " +
                "includes every region inside it), sector, pact (code), objective (number within the pact; needs pact), page. " +
                "With rank, a highlighted snippet (HTML with <mark>) and facets (landsdeel, sector, pact, objective) over the result set.");
        practices.MapGet("/{id:int}", GetPractice).WithName("GetPractice").AllowAnonymous()
            .WithSummary("A practice with its sections as Markdown and as sanitised HTML, and the most related practices from other landsdelen. " +
                "Drafts only for their editors and the pact's coordinators.");
        // Who may change which practice is decided per practice by PracticeEditor (resource-based).
        practices.MapPost("/", CreatePractice).WithName("CreatePractice").WithSummary("Creates a practice as a draft.").RequireAuthorization(Accounts.Policies.SignedIn);
        practices.MapPut("/{id:int}", UpdatePractice).WithName("UpdatePractice").WithSummary("Changes a practice; send the version you started from. Takes back what its GET returned (sections, organisation, regions, objectives, organisations, contacts and actions as objects); derived fields are ignored.").RequireAuthorization(Accounts.Policies.SignedIn);
        practices.MapPost("/{id:int}/submit", SubmitPractice).WithName("SubmitPractice").WithSummary("Submits a draft practice for review.").RequireAuthorization(Accounts.Policies.SignedIn);
        practices.MapPost("/{id:int}/publish", PublishPractice).WithName("PublishPractice").WithSummary("Publishes a submitted practice (reviewers).").RequireAuthorization(Accounts.Policies.SignedIn);
        practices.MapPost("/{id:int}/send-back", SendBackPractice).WithName("SendBackPractice").WithSummary("Sends a submitted practice back to its authors with a remark.").RequireAuthorization(Accounts.Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Ok<PracticeResults>, ValidationProblem>> SearchPractices([AsParameters] PracticeQuery query, PracticeSearch search, CancellationToken ct)
    {
        var (results, errors) = await search.SearchAsync(query, ct);
        return results is null ? TypedResults.ValidationProblem(errors, title: "Ongeldige zoekvraag") : TypedResults.Ok(results);
    }

    private static async Task<Results<Ok<PracticeDetail>, ProblemHttpResult>> GetPractice(int id, PracticeDetails details, CancellationToken ct) =>
        await details.FindAsync(id, ct) is { } practice ? TypedResults.Ok(practice) : ApiProblems.NotFound(NotFound(id));

    /// <summary>Creates a draft practice in the pact named by its code, within the editor's scope.</summary>
    private static async Task<IResult> CreatePractice(NewPracticeInput input, PracticeEditor editor, PracticeDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input.Pact, input, ct),
            async p => TypedResults.Created($"/api/v1/practices/{p.Id}", await details.FindAsync(p.Id, ct)),
            "", p => details.FindAsync(p.Id, ct), input.Version);

    /// <summary>Changes a practice. Send the version you started from; a stale version gets 409 with what changed since.</summary>
    private static async Task<IResult> UpdatePractice(int id, PracticeInput input, PracticeEditor editor, PracticeDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, input, ct),
            async p => TypedResults.Ok(await details.FindAsync(p.Id, ct)), NotFound(id), p => details.FindAsync(p.Id, ct), input.Version);

    /// <summary>Offers a draft for review by a coordinator of the pact.</summary>
    private static async Task<IResult> SubmitPractice(int id, PracticeReviewInput input, PracticeEditor editor, PracticeDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.SubmitAsync(id, input, ct),
            async p => TypedResults.Ok(await details.FindAsync(p.Id, ct)), NotFound(id), p => details.FindAsync(p.Id, ct), input.Version);

    /// <summary>Publishes a practice; for coordinators of its pact.</summary>
    private static async Task<IResult> PublishPractice(int id, PracticeReviewInput input, PracticeEditor editor, PracticeDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.PublishAsync(id, input, ct),
            async p => TypedResults.Ok(await details.FindAsync(p.Id, ct)), NotFound(id), p => details.FindAsync(p.Id, ct), input.Version);

    /// <summary>Sends a practice in review back to its editors with a note; for coordinators of its pact.</summary>
    private static async Task<IResult> SendBackPractice(int id, PracticeReviewInput input, PracticeEditor editor, PracticeDetails details, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.SendBackAsync(id, input, ct),
            async p => TypedResults.Ok(await details.FindAsync(p.Id, ct)), NotFound(id), p => details.FindAsync(p.Id, ct), input.Version);

    private static string NotFound(int id) => KnowledgeMessages.Format(KnowledgeMessages.NoPractice, id);
}
