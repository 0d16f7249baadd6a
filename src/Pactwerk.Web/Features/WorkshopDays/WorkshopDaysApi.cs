using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed record RegistrationChange(string? Key, string? School, string? Municipality, string? Teacher, string? Email, List<ClassInput>? Classes);
public sealed record SchoolCancellation(string? Key, int? ClassId);
public sealed record MoveInput(int? ClassId, int? FromWorkshopId, int? ToWorkshopId, int? ToSlotId);

/// <summary>Workshop days: the programme and fill, registration without an account, the allocation and the schedules.</summary>
public static class WorkshopDaysApi
{
    public static RouteGroupBuilder MapWorkshopDaysApi(this RouteGroupBuilder api)
    {
        var days = api.MapGroup("/workshop-days").WithTags("Workshop days");
        days.MapGet("/{id:int}", GetEvent).WithName("GetWorkshopDays").WithSummary("An event's days, time slots, workshops with the fill of every session, volunteer shifts and allocation figures.").AllowAnonymous();
        days.MapPost("/{id:int}/registrations", Register).WithName("RegisterForWorkshopDays").WithSummary("A school registers classes with up to five ranked workshops each, without an account; the answer holds the secret link to change it, and the teacher confirms the address through the mailed link.").AllowAnonymous();
        days.MapPost("/{id:int}/allocation", Allocate).WithName("AllocateWorkshopDays").WithSummary("The coordinator runs the allocation (CP-SAT): returns the assignment, the objective (rank points), the solver's bound and the time taken. Pinned classes are kept.").RequireAuthorization(Policies.SignedIn);
        days.MapPost("/{id:int}/allocation/moves", Move).WithName("MoveWorkshopDaysClass").WithSummary("The coordinator moves one workshop of a class to another session; the class is pinned for later runs.").RequireAuthorization(Policies.SignedIn);
        days.MapPost("/{id:int}/publication", Publish).WithName("PublishWorkshopDays").WithSummary("The coordinator publishes the allocation: schools see their schedules from then on, and each school gets its schedule by mail once, with the link to its printable page and calendar.").RequireAuthorization(Policies.SignedIn);
        days.MapGet("/{id:int}/schedule", GetSchedule).WithName("GetWorkshopDaysSchedule").WithSummary("The published schedule, of every class or of one school (?school=); the coordinator sees it before publication too.").AllowAnonymous();
        days.MapPost("/{id:int}/classes/{classId:int}/cancellation", CancelClass).WithName("CancelWorkshopDaysClass").WithSummary("The coordinator cancels a class, until its day; its places go to the first waiting classes that fit (the answer names them), and after publication they get their schedule by mail.").RequireAuthorization(Policies.SignedIn);
        days.MapGet("/{id:int}/waiting-list", GetWaitingList).WithName("GetWorkshopDaysWaitingList").WithSummary("The coordinator's waiting list: classes registered when their day was full, or without a place after the allocation, in order of registration.").RequireAuthorization(Policies.SignedIn);
        api.MapPost("/workshop-day-registrations/cancellation", CancelBySchool).WithTags("Workshop days").WithName("CancelWorkshopDaysClassBySchool").WithSummary("A school cancels one of its classes with the key from its link, until the class's day; its places go to the first waiting classes that fit.").AllowAnonymous();
        api.MapPut("/workshop-day-registrations", ChangeRegistration).WithTags("Workshop days").WithName("ChangeWorkshopDaysRegistration").WithSummary("A school changes its registration with the key from its link, until registration closes; a registration whose address was not confirmed in time has lapsed (410).").AllowAnonymous();
        return api;
    }

    private static async Task<Results<Ok<WorkshopDayView>, NotFound>> GetEvent(int id, WorkshopDayQueries queries, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } view ? TypedResults.Ok(view) : TypedResults.NotFound();

    private static async Task<Results<Created<RegistrationAnswer>, NotFound, ProblemHttpResult>> Register(int id, RegistrationInput input, SchoolRegistrations registrations,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal) = await registrations.RegisterAsync(id, input, ct);
        return refusal is not null ? Refused(refusal, t) : answer is null ? TypedResults.NotFound() : TypedResults.Created(answer.ChangeUrl, answer);
    }

    private static async Task<Results<Ok<RegistrationAnswer>, NotFound, ProblemHttpResult>> ChangeRegistration(RegistrationChange input, SchoolRegistrations registrations,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal) = await registrations.ChangeAsync(input.Key, new RegistrationInput(input.School, input.Municipality, input.Teacher, input.Email, input.Classes), ct);
        return refusal is not null ? Refused(refusal, t, refusal.Message == WorkshopDayMessages.RegistrationLapsed ? StatusCodes.Status410Gone : StatusCodes.Status400BadRequest)
            : answer is null ? TypedResults.NotFound() : TypedResults.Ok(answer);
    }

    private static async Task<Results<Ok<AllocationAnswer>, ForbidHttpResult, ProblemHttpResult>> Allocate(int id, WorkshopAllocations allocations,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal, forbidden) = await allocations.RunAsync(id, ct);
        return forbidden ? TypedResults.Forbid() : refusal is not null ? Refused(refusal, t, StatusCodes.Status409Conflict) : TypedResults.Ok(answer!);
    }

    private static async Task<Results<NoContent, ForbidHttpResult, ProblemHttpResult>> Move(int id, MoveInput input, WorkshopAllocations allocations,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (refusal, forbidden) = await allocations.MoveAsync(id, input.ClassId ?? 0, input.FromWorkshopId ?? 0, input.ToWorkshopId ?? 0, input.ToSlotId ?? 0, ct);
        return forbidden ? TypedResults.Forbid() : refusal is not null ? Refused(refusal, t, StatusCodes.Status409Conflict) : TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ForbidHttpResult, ProblemHttpResult>> Publish(int id, SchoolSchedules schedules,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (refusal, forbidden) = await schedules.PublishAsync(id, ct);
        return forbidden ? TypedResults.Forbid() : refusal is not null ? Refused(refusal, t, StatusCodes.Status409Conflict) : TypedResults.NoContent();
    }

    private static async Task<Results<Ok<List<ScheduleRow>>, NotFound>> GetSchedule(int id, string? school, PactwerkDb db, AccessScopeProvider scopes,
        WorkshopAllocations allocations, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.PactId, x.PublishedAt }).SingleOrDefaultAsync(ct);
        // Before publication the schedule is the coordinator's draft: to anyone else it does not exist yet.
        if (e is null || (e.PublishedAt is null && !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId)))
            return TypedResults.NotFound();
        return TypedResults.Ok(await allocations.ScheduleAsync(id, school, ct));
    }

    private static async Task<Results<Ok<CancellationAnswer>, ProblemHttpResult>> CancelBySchool(SchoolCancellation input, WaitingList waitingList,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal) = await waitingList.CancelBySchoolAsync(input.Key, input.ClassId ?? 0, ct);
        return refusal is not null ? Refused(refusal, t, CancelStatus(refusal)) : TypedResults.Ok(answer!);
    }

    private static async Task<Results<Ok<CancellationAnswer>, ForbidHttpResult, ProblemHttpResult>> CancelClass(int id, int classId, WaitingList waitingList,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal, forbidden) = await waitingList.CancelByCoordinatorAsync(id, classId, ct);
        return forbidden ? TypedResults.Forbid() : refusal is not null ? Refused(refusal, t, CancelStatus(refusal)) : TypedResults.Ok(answer!);
    }

    private static int CancelStatus(Refusal refusal) =>
        refusal.Message == WorkshopDayMessages.CancelUnknown ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;

    private static async Task<Results<Ok<List<WaitingEntry>>, ForbidHttpResult>> GetWaitingList(int id, PactwerkDb db, AccessScopeProvider scopes, WaitingList waitingList,
        CancellationToken ct)
    {
        var pact = await db.WorkshopDayEvents.AsNoTracking().Where(x => x.Id == id).Select(x => (int?)x.PactId).SingleOrDefaultAsync(ct);
        if (pact is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), pact.Value))
            return TypedResults.Forbid();
        return TypedResults.Ok(await waitingList.EntriesAsync(id, ct));
    }

    private static ProblemHttpResult Refused(Refusal refusal, IStringLocalizer t, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(detail: refusal.In(t), statusCode: status);
}
