using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

public sealed record ComparisonDto(int PlanId, RevisionSummaryDto From, RevisionSummaryDto To, IReadOnlyList<RevisionChange> Changes);

/// <summary>
/// Plans and their revisions. Plans and adopted or superseded revisions are public; drafts and
/// proposed revisions only show to signed-in users. Revisions are addressed by id in the paths
/// that change them, and by number (1, 2, …, as readers know them) in the comparison.
/// </summary>
public static class PlansApi
{
    public static RouteGroupBuilder MapPlansApi(this RouteGroupBuilder api)
    {
        var pact = api.MapGroup("/pacts/{code}/plans").WithTags("Plans");
        pact.MapGet("/", GetPlans).WithName("GetPlans").WithSummary("Lists the plans of a pact.").AllowAnonymous();
        // Who may create, change, propose and adopt is decided per plan by PlanEditor (resource-based).
        pact.MapPost("/", CreatePlan).WithName("CreatePlan").WithSummary("Creates a regional plan with its first revision.").RequireAuthorization(Policies.SignedIn);

        var plans = api.MapGroup("/plans/{id:int}").WithTags("Plans");
        plans.MapGet("/", GetPlan).WithName("GetPlan").WithSummary("One plan with its adopted revision.").AllowAnonymous();
        plans.MapGet("/revisions", GetRevisions).WithName("GetPlanRevisions").WithSummary("Every revision of a plan.").AllowAnonymous();
        plans.MapGet("/revisions/compare", Compare).WithName("ComparePlanRevisions").WithSummary("What changed between two revisions of a plan.").AllowAnonymous();
        plans.MapGet("/annual-review", GetAnnualReview).WithName("GetPlanAnnualReview").WithSummary("A plan's annual review: its goals against the monitor's figures.").AllowAnonymous();
        plans.MapPost("/revisions", StartNext).WithName("StartPlanRevision").WithSummary("Starts the next revision of a plan as a copy of the adopted one.").RequireAuthorization(Policies.SignedIn);
        plans.MapPut("/revisions/{rid:int}", UpdateRevision).WithName("UpdatePlanRevision").WithSummary("Changes a draft revision of a plan.").RequireAuthorization(Policies.SignedIn);
        plans.MapPost("/revisions/{rid:int}/propose", Propose).WithName("ProposePlanRevision").WithSummary("Proposes a draft revision for adoption.").RequireAuthorization(Policies.SignedIn);
        plans.MapPost("/revisions/{rid:int}/send-back", SendBack).WithName("SendBackPlanRevision").WithSummary("Sends a proposed revision back to its drafters.").RequireAuthorization(Policies.SignedIn);
        plans.MapPost("/revisions/{rid:int}/adopt", Adopt).WithName("AdoptPlanRevision").WithSummary("Adopts a proposed revision (coordinators).").RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static bool SignedIn(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    /// <summary>The pact's national plan and its regional plans, each with its current (adopted) revision.</summary>
    private static async Task<Results<Ok<List<PlanDto>>, ProblemHttpResult>> GetPlans(string code, ClaimsPrincipal user, PactwerkDb db, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, code, ct) is not { } pact)
            return ApiProblems.NotFound($"Er is geen pact met code '{code}'.");
        return TypedResults.Ok(await PlanQueries.PlansAsync(db, p => p.PactId == pact.Id, SignedIn(user), ct));
    }

    private static async Task<Results<Ok<PlanDto>, ProblemHttpResult>> GetPlan(int id, ClaimsPrincipal user, PactwerkDb db, CancellationToken ct) =>
        (await PlanQueries.PlansAsync(db, p => p.Id == id, SignedIn(user), ct)).SingleOrDefault() is { } plan
            ? TypedResults.Ok(plan)
            : UnknownPlan(id);

    /// <summary>Every revision of the plan with its content, oldest first (drafts and proposals for signed-in users only).</summary>
    private static async Task<Results<Ok<List<RevisionDto>>, ProblemHttpResult>> GetRevisions(int id, ClaimsPrincipal user, PactwerkDb db, CancellationToken ct)
    {
        if ((await PlanQueries.PlansAsync(db, p => p.Id == id, SignedIn(user), ct)).Count == 0)
            return UnknownPlan(id);
        var signedIn = SignedIn(user);
        return TypedResults.Ok(await PlanQueries.RevisionsAsync(db, r => r.PlanId == id && (signedIn || r.Status == RevisionStatus.Adopted || r.Status == RevisionStatus.Superseded), ct));
    }

    /// <summary>
    /// What changed from revision number <c>from</c> to revision number <c>to</c> (from before to):
    /// per kind what was added, removed or changed, with the reasons recorded in the revisions after
    /// <c>from</c> up to and including <c>to</c>.
    /// </summary>
    private static async Task<Results<Ok<ComparisonDto>, ProblemHttpResult, ValidationProblem>> Compare(int id, int? from, int? to, ClaimsPrincipal user,
        PactwerkDb db, CancellationToken ct)
    {
        if (from is null || to is null || from >= to)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["from"] = ["Geef twee herzieningsnummers van dit plan, de eerdere als from en de latere als to (from=1&to=2)."],
            });
        var signedIn = SignedIn(user);
        var revisions = await PlanQueries.RevisionsAsync(db, r => r.PlanId == id && (r.Number == from || r.Number == to)
            && (signedIn || r.Status == RevisionStatus.Adopted || r.Status == RevisionStatus.Superseded), ct);
        var (older, newer) = (revisions.SingleOrDefault(r => r.Number == from), revisions.SingleOrDefault(r => r.Number == to));
        if (older is null || newer is null)
            return ApiProblems.NotFound($"Plan {id} heeft geen herziening {(older is null ? from : to)}.");
        return TypedResults.Ok(new ComparisonDto(id, Summary(older), Summary(newer), await PlanQueries.CompareAsync(db, older, newer, ct)));
    }

    /// <summary>
    /// The annual review of the plan's adopted revision for a year (last year when left out): per
    /// objective the indicators against the revision's targets, the summed outputs of its actions,
    /// the actions at continuity risk and those stopped.
    /// </summary>
    private static async Task<Results<Ok<AnnualReviewDto>, ProblemHttpResult, ValidationProblem>> GetAnnualReview(int id, int? year, AnnualReview review,
        TimeProvider clock, CancellationToken ct)
    {
        var reviewed = year ?? clock.GetUtcNow().Year - 1;
        if (reviewed is < 2000 or > 2100)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["Geef een jaar tussen 2000 en 2100."] });
        return await review.BuildAsync(id, reviewed, ct) is { } result ? TypedResults.Ok(result) : UnknownPlan(id);
    }

    private static RevisionSummaryDto Summary(RevisionDto r) => new(r.Id, r.Number, r.Label, r.Status, r.AdoptedBy, r.AdoptedAt);

    /// <summary>A national plan (no regionCode) or a landsdeel's plan, with its first revision as a draft.</summary>
    private static async Task<IResult> CreatePlan(string code, PlanInput input, PlanEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(code, input, ct),
            async p => TypedResults.Created($"/api/v1/plans/{p.Id}", (await PlanQueries.PlansAsync(db, x => x.Id == p.Id, true, ct)).Single()),
            $"Er is geen pact met code '{code}'.", p => Task.FromResult(p.Id), 0);

    /// <summary>Starts the next revision as a copy of the adopted one; refused while a draft or proposal is open.</summary>
    private static async Task<IResult> StartNext(int id, NextRevisionInput? input, PlanEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.StartNextAsync(id, input ?? new NextRevisionInput(), ct),
            async r => TypedResults.Created($"/api/v1/plans/{id}/revisions", await PlanQueries.RevisionAsync(db, r.Id, ct)),
            $"Er is geen plan met nummer {id}.", r => Describe(db, r, ct), 0);

    /// <summary>
    /// Replaces a draft's content (period, priorities, objectives by number, goals, actions by id).
    /// When the draft is a copy of an earlier revision every change needs a reason, keyed as the
    /// comparison keys it: Period/"periode", Priority/its text, Objective/its number,
    /// Goal/"indicator/REGION/Baseline|Target", Action/its id. Send the version you started from.
    /// </summary>
    private static async Task<IResult> UpdateRevision(int id, int rid, RevisionInput input, PlanEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, rid, input, ct),
            async r => TypedResults.Ok(await PlanQueries.RevisionAsync(db, r.Id, ct)),
            NoRevision(id, rid), r => Describe(db, r, ct), input.Version);

    private static async Task<IResult> Propose(int id, int rid, WorkflowInput input, PlanEditor editor, PactwerkDb db, CancellationToken ct) =>
        await Workflow(await editor.ProposeAsync(id, rid, input, ct), id, rid, input, db, ct);

    private static async Task<IResult> SendBack(int id, int rid, WorkflowInput input, PlanEditor editor, PactwerkDb db, CancellationToken ct) =>
        await Workflow(await editor.SendBackAsync(id, rid, input, ct), id, rid, input, db, ct);

    /// <summary>Adopts a proposed revision; the plan's previously adopted revision becomes superseded at the same moment.</summary>
    private static async Task<IResult> Adopt(int id, int rid, WorkflowInput input, PlanEditor editor, PactwerkDb db, CancellationToken ct) =>
        await Workflow(await editor.AdoptAsync(id, rid, input, ct), id, rid, input, db, ct);

    private static async Task<IResult> Workflow(EditOutcome<PlanRevision> outcome, int id, int rid, WorkflowInput input, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(outcome, async r => TypedResults.Ok(await PlanQueries.RevisionAsync(db, r.Id, ct)),
            NoRevision(id, rid), r => Describe(db, r, ct), input.Version);

    private static async Task<RevisionDto> Describe(PactwerkDb db, PlanRevision r, CancellationToken ct) => (await PlanQueries.RevisionAsync(db, r.Id, ct))!;

    private static string NoRevision(int id, int rid) => $"Plan {id} heeft geen herziening met id {rid}.";

    private static ProblemHttpResult UnknownPlan(int id) => ApiProblems.NotFound($"Er is geen plan met nummer {id}.");
}
