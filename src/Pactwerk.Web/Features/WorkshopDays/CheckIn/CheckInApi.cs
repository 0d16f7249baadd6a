using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <param name="Present">A whole number; left out or null means the class's size.</param>
public sealed record CheckInInput(int? Event, string? Code, JsonElement? Present);

/// <summary>The door's check-in and the live attendance, for the event's coordinators.</summary>
public static class CheckInApi
{
    /// <summary>What an empty string, true or an object is read as: not a number, so refused rather than taken as the whole class.</summary>
    private const string NotAWholeNumber = "?";

    public static RouteGroupBuilder MapCheckInApi(this RouteGroupBuilder api)
    {
        api.MapPost("/check-ins", CheckIn).WithTags("Workshop days").WithName("CheckInWorkshopDaysClass")
            .WithSummary("The door team checks a class in with its code and the number of pupils present (default: the class's size); refused with a message for an unknown code, a code of another event, a code used before, or a number that is not a whole number from 1 to the class's size.")
            .RequireAuthorization(Policies.SignedIn);
        api.MapGet("/workshop-days/{id:int}/attendance", GetAttendance).WithTags("Workshop days").WithName("GetWorkshopDaysAttendance")
            .WithSummary("Live attendance: per day and per workshop session the classes and pupils of the published schedule and those checked in; in total the pupils present and the workshops held (with at least one checked-in class).")
            .RequireAuthorization(Policies.SignedIn);
        api.MapPost("/workshop-days/{id:int}/results", RefreshResults).WithTags("Workshop days").WithName("RefreshWorkshopDaysResults")
            .WithSummary("The coordinator brings the event's counts into the monitor at once (a confidential source: pupils placed, pupils and classes present, per municipality of the school and year) and into its action's outputs (pupils reached, workshops held); a timer does the same every few minutes.")
            .RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static async Task<Results<Ok<WorkshopDayResultsAnswer>, ForbidHttpResult, ProblemHttpResult>> RefreshResults(int id, WorkshopDayResults results,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var (answer, refusal, forbidden) = await results.RefreshAsync(id, ct);
        return forbidden ? TypedResults.Forbid() : refusal is not null ? TypedResults.Problem(detail: refusal.In(t), statusCode: StatusCodes.Status409Conflict) : TypedResults.Ok(answer!);
    }

    private static async Task<Results<Created<CheckInAnswer>, ForbidHttpResult, ProblemHttpResult>> CheckIn(CheckInInput input, ClassCheckIns checkIns,
        IStringLocalizer<SharedResource> t, CancellationToken ct)
    {
        var present = input.Present switch
        {
            null or { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => null,
            { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
            { ValueKind: JsonValueKind.String } s => s.GetString() is { Length: > 0 } text ? text : NotAWholeNumber,
            _ => NotAWholeNumber,
        };
        var (answer, refusal, forbidden) = await checkIns.CheckInAsync(input.Event ?? 0, input.Code, present, ct);
        if (forbidden)
            return TypedResults.Forbid();
        if (refusal is not null)
            return TypedResults.Problem(detail: refusal.In(t), statusCode: refusal.Message == WorkshopDayMessages.CheckInTwice ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest);
        return TypedResults.Created($"/api/v1/workshop-days/{answer!.EventId}/attendance", answer);
    }

    private static async Task<Results<Ok<AttendanceView>, ForbidHttpResult>> GetAttendance(int id, AttendanceQueries queries, AccessScopeProvider scopes, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } view && WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), view.PactId)
            ? TypedResults.Ok(view) : TypedResults.Forbid();
}
