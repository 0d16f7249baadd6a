using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningPlaces;

public sealed record SupervisorDto(int Id, int OrganisationId, string Name, int Capacity, IReadOnlyList<PeriodDto> Absences, IReadOnlyList<int> Places);
public sealed record PlacementDto(long Id, int LearningPlaceId, int SupervisorId, string Learner, DateOnly From, DateOnly To, bool Invented);

/// <summary>
/// Supervision: an organisation's supervisors (praktijkopleiders) with their capacity and absences, and the placements of
/// learners on its places. Not public: supervisors and learners are people.
/// </summary>
public static class SupervisionApi
{
    public static RouteGroupBuilder MapSupervisionApi(this RouteGroupBuilder api)
    {
        var supervisors = api.MapGroup("/learning-place-supervisors").WithTags("Learning places").AddEndpointFilter(LearningPlaceProblemLanguage.Filter)
            .RequireAuthorization(Policies.SignedIn);
        supervisors.MapGet("", GetSupervisors).WithName("GetLearningPlaceSupervisors")
            .WithSummary("An organisation's supervisors (`organisation=` its id; without it, that of the caller's only organisation), with capacity, absences and the places they are linked to. For the organisation's staff.");
        supervisors.MapPost("", CreateSupervisor).WithName("CreateLearningPlaceSupervisor")
            .WithSummary("The organisation registers a supervisor: name, how many learners at once (capacity) and absence periods.");
        supervisors.MapPut("/{id:int}", UpdateSupervisor).WithName("UpdateLearningPlaceSupervisor")
            .WithSummary("The organisation changes a supervisor's name, capacity or absences (replaced by what is sent); it applies to placements still to come.");

        var placements = api.MapGroup("/learning-places/{id:int}/placements").WithTags("Learning places").AddEndpointFilter(LearningPlaceProblemLanguage.Filter)
            .RequireAuthorization(Policies.SignedIn);
        placements.MapGet("", GetPlacements).WithName("GetLearningPlacements").WithSummary("The placements on a place, for its organisation's staff and the pacts' coordinators.");
        placements.MapPost("", Place).WithName("CreateLearningPlacement")
            .WithSummary("A coordinator or the organisation places a learner (a reference or pseudonym, no more) for a period. Refused with 409 when in any week the place's seats or its supervisors' capacity would be exceeded.");
        return api;
    }

    private static async Task<Results<Ok<List<SupervisorDto>>, ProblemHttpResult, ValidationProblem>> GetSupervisors(int? organisation, PactwerkDb db, AccessScopeProvider scopes,
        CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var mine = LearningPlaceAccess.OrganisationsOf(scope);
        var organisationId = organisation ?? (mine.Count == 1 ? mine[0] : null);
        if (organisationId is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["organisation"] = [LearningPlaceMessages.OrganisationMissing] }, title: "De invoer is niet in orde");
        if (!LearningPlaceAccess.ActsFor(scope, organisationId.Value, forChange: false))
            return ApiProblems.Forbidden(LearningPlaceMessages.NotStaff);
        return TypedResults.Ok(await DescribeAsync(db, db.Set<Supervisor>().Where(s => s.OrganisationId == organisationId), ct));
    }

    private static async Task<IResult> CreateSupervisor(SupervisorInput input, SupervisorEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(null, input, ct), db, created: true, ct);

    private static async Task<IResult> UpdateSupervisor(int id, SupervisorInput input, SupervisorEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(id, input, ct), db, created: false, ct);

    private static async Task<IResult> ToResultAsync(SupervisorEditOutcome outcome, PactwerkDb db, bool created, CancellationToken ct) => outcome switch
    {
        SupervisorEditOutcome.Saved saved when created => TypedResults.Created($"/api/v1/learning-place-supervisors?organisation={saved.Supervisor.OrganisationId}",
            (await DescribeAsync(db, db.Set<Supervisor>().Where(s => s.Id == saved.Supervisor.Id), ct)).Single()),
        SupervisorEditOutcome.Saved saved => TypedResults.Ok((await DescribeAsync(db, db.Set<Supervisor>().Where(s => s.Id == saved.Supervisor.Id), ct)).Single()),
        SupervisorEditOutcome.NotFound => ApiProblems.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoSupervisor, "?")),
        SupervisorEditOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
        SupervisorEditOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };

    private static async Task<List<SupervisorDto>> DescribeAsync(PactwerkDb db, IQueryable<Supervisor> supervisors, CancellationToken ct)
    {
        var rows = await supervisors.AsNoTracking().Include(s => s.Absences).OrderBy(s => s.Name).ThenBy(s => s.Id).ToListAsync(ct);
        var ids = rows.Select(s => s.Id).ToList();
        var links = await db.Set<LearningPlaceSupervisor>().Where(l => ids.Contains(l.SupervisorId)).Select(l => new { l.SupervisorId, l.LearningPlaceId }).ToListAsync(ct);
        return rows.Select(s => new SupervisorDto(s.Id, s.OrganisationId, s.Name, s.Capacity,
            s.Absences.OrderBy(a => a.From).Select(a => new PeriodDto(a.From, a.To)).ToList(),
            links.Where(l => l.SupervisorId == s.Id).Select(l => l.LearningPlaceId).Order().ToList())).ToList();
    }

    private static async Task<Results<Ok<List<PlacementDto>>, ProblemHttpResult>> GetPlacements(int id, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var organisationId = await db.Set<LearningPlace>().Where(p => p.Id == id).Select(p => (int?)p.OrganisationId).SingleOrDefaultAsync(ct);
        if (organisationId is null)
            return ApiProblems.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoPlace, id));
        var scope = await scopes.GetAsync(ct);
        if (!LearningPlaceAccess.ActsFor(scope, organisationId.Value, forChange: false) && !scope.Coordinates())
            return ApiProblems.Forbidden(LearningPlaceMessages.NotPlacer);
        return TypedResults.Ok(await db.Set<Placement>().AsNoTracking().Where(p => p.LearningPlaceId == id).OrderBy(p => p.From).ThenBy(p => p.Id)
            .Select(p => new PlacementDto(p.Id, p.LearningPlaceId, p.SupervisorId, p.Learner, p.From, p.To, p.Invented)).ToListAsync(ct));
    }

    private static async Task<IResult> Place(int id, PlacementInput input, Placements placements, CancellationToken ct) =>
        await placements.PlaceAsync(id, input, invented: false, ct) switch
        {
            PlacementOutcome.Placed placed => TypedResults.Created($"/api/v1/learning-places/{id}/placements", new PlacementDto(placed.Placement.Id, id,
                placed.Placement.SupervisorId, placed.Placement.Learner, placed.Placement.From, placed.Placement.To, placed.Placement.Invented)),
            PlacementOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            PlacementOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            PlacementOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            PlacementOutcome.Full full => TypedResults.Problem(full.Message, statusCode: StatusCodes.Status409Conflict, title: "Vol"),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
}
