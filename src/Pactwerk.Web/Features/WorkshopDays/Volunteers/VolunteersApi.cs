using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Volunteers of workshop days: the shifts with places left, signing up without an account, and the coordinator's roster.</summary>
public static class VolunteersApi
{
    public static RouteGroupBuilder MapVolunteersApi(this RouteGroupBuilder api)
    {
        var days = api.MapGroup("/workshop-days").WithTags("Workshop days");
        days.MapGet("/{id:int}/shifts", GetShifts).WithName("GetWorkshopDaysShifts").WithSummary("The event's volunteer shifts per day: the task, the time, how many volunteers are needed and how many places are left; never who signed up.").AllowAnonymous();
        days.MapPost("/{id:int}/shifts/{shiftId:int}/volunteers", SignUp).WithName("SignUpForWorkshopDaysShift").WithSummary("A person signs up for a shift without an account (name, e-mail, optionally phone), up to the number needed; the mail holds the link to confirm the address and the link to see one's shifts and withdraw.").AllowAnonymous();
        days.MapGet("/{id:int}/roster", GetRoster).WithName("GetWorkshopDaysRoster").WithSummary("The coordinator's roster of volunteers: per shift the number needed and filled, and each volunteer's name, e-mail, phone and whether the address is confirmed.").RequireAuthorization(Policies.SignedIn);
        days.MapGet("/{id:int}/roster.csv", GetRosterCsv).WithName("GetWorkshopDaysRosterCsv").WithSummary("The coordinator's roster of volunteers as CSV, one row per volunteer (a shift without volunteers as one row without a name).").RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Ok<List<ShiftPlaces>>, NotFound>> GetShifts(int id, VolunteerSignUps signUps, CancellationToken ct) =>
        await signUps.PlacesAsync(id, ct) is { } places ? TypedResults.Ok(places) : TypedResults.NotFound();

    private static async Task<Results<Created<VolunteerAnswer>, NotFound, ProblemHttpResult>> SignUp(int id, int shiftId, VolunteerInput input, VolunteerSignUps signUps,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal) = await signUps.SignUpAsync(id, shiftId, input, ct);
        if (refusal is not null)
            return TypedResults.Problem(detail: refusal.In(t), statusCode: StatusOf(refusal));
        return answer is null ? TypedResults.NotFound() : TypedResults.Created($"/api/v1/workshop-days/{id}/shifts", answer);
    }

    /// <summary>A shift that is not the event's is not found; a full shift, the same shift twice or an overlap conflict with what is there; the rest is invalid input.</summary>
    internal static int StatusOf(Refusal refusal) =>
        refusal.Message == WorkshopDayMessages.ShiftUnknown || refusal.Message == WorkshopDayMessages.SignUpUnknown ? StatusCodes.Status404NotFound
        : refusal.Message == WorkshopDayMessages.ShiftFull || refusal.Message == WorkshopDayMessages.ShiftTwice || refusal.Message == WorkshopDayMessages.ShiftOverlaps
          || refusal.Message == WorkshopDayMessages.ShiftPast || refusal.Message == WorkshopDayMessages.AlreadyWithdrawn || refusal.Message == WorkshopDayMessages.VolunteerAlreadyOff ? StatusCodes.Status409Conflict
        : StatusCodes.Status400BadRequest;

    private static async Task<Results<Ok<List<RosterShift>>, ForbidHttpResult>> GetRoster(int id, VolunteerRoster roster, CancellationToken ct) =>
        await roster.ForCoordinatorAsync(id, ct) is ({ } shifts, false) ? TypedResults.Ok(shifts) : TypedResults.Forbid();

    private static async Task<Results<FileContentHttpResult, ForbidHttpResult>> GetRosterCsv(int id, VolunteerRoster roster, CancellationToken ct) =>
        await roster.ForCoordinatorAsync(id, ct) is ({ } shifts, false)
            ? TypedResults.File(VolunteerRoster.Csv(shifts), "text/csv; charset=utf-8", $"vrijwilligers-workshopdagen-{id}.csv")
            : TypedResults.Forbid();
}
