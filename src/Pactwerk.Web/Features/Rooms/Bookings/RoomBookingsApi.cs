using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Rooms;

public sealed record BookingDto(int Id, int RoomId, int OrganisationId, string Organisation, RoomUserKind UserKind, DateTime StartsAt, DateTime EndsAt,
    RoomBookingStatus Status, Guid? SeriesId, string? Purpose, RoomUse? Use);
public sealed record BookedDto(IReadOnlyList<BookingDto> Bookings, IReadOnlyList<ClashDto> Skipped);
public sealed record ClashDto(DateOnly Date, int BookingId, string Organisation, DateTime StartsAt, DateTime EndsAt, RoomBookingStatus Status, string Description);
public sealed record ClashProblemDto(string Title, string Detail, int Status, IReadOnlyList<ClashDto> Clashes);
public sealed record DecisionInput(bool Approve, string? Reason);
public sealed record UseInput(bool Used);

/// <summary>Booking a room, the owner's decision, and the booker's record of use.</summary>
public static class RoomBookingsApi
{
    public static RouteGroupBuilder MapRoomBookingsApi(this RouteGroupBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Rooms").RequireAuthorization(Policies.SignedIn).AddEndpointFilter(RoomProblemLanguage.Filter);
        rooms.MapPost("/{id:int}/bookings", Book).WithName("BookRoom")
            .WithSummary("Books a room for the organisation the account acts for: one slot (`date`, `from`, `to` in Dutch local time) or a weekly series up to `weeklyUntil`. A clash answers 409 with the bookings in the way (which, who, when) and books nothing; with `skipClashing` a series books its free dates and lists the others.");
        rooms.MapGet("/{id:int}/bookings", GetBookings).WithName("GetRoomBookings")
            .WithSummary("The room's bookings from `from` to `to` (yyyy-MM-dd, Dutch days): the owner sees all, a booker those of its own organisation and the other holding slots.");
        rooms.MapPost("/{id:int}/bookings/{bookingId:int}/decision", Decide).WithName("DecideRoomBooking")
            .WithSummary("The owner approves or declines (with a reason) a pending booking; for a series every pending date of it.");
        rooms.MapPost("/{id:int}/bookings/{bookingId:int}/use", RecordUse).WithName("RecordRoomUse")
            .WithSummary("The booker records that an approved booking that has begun was used (`used: true`) or was a no-show.");
        return api;
    }

    /// <remarks>The messages in the reader's language (<c>?culture=en</c>), Dutch by default, as the pages show them.</remarks>
    private static async Task<IResult> Book(int id, BookingInput input, RoomBookings bookings, PactwerkDb db, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        await bookings.BookAsync(id, input, ct) switch
        {
            BookingOutcome.Booked booked => TypedResults.Created($"/api/v1/rooms/{id}/bookings",
                new BookedDto(await DescribeAsync(db, booked.Bookings.Select(b => b.Id).ToList(), ct), booked.Skipped.Select(c => ToDto(c, t)).ToList())),
            BookingOutcome.Clashed clashed => TypedResults.Json(new ClashProblemDto(t["Al bezet"].Value, RoomMessages.Localise(t, clashed.Message), 409, clashed.Clashes.Select(c => ToDto(c, t)).ToList()),
                statusCode: StatusCodes.Status409Conflict, contentType: "application/problem+json"),
            BookingOutcome.Invalid invalid => TypedResults.ValidationProblem(Localise(t, invalid.Errors), title: t["De boeking is niet in orde; er is niets geboekt"].Value),
            BookingOutcome.Forbidden forbidden => ApiProblems.Forbidden(RoomMessages.Localise(t, forbidden.Message)),
            BookingOutcome.NotFound notFound => ApiProblems.NotFound(RoomMessages.Localise(t, notFound.Message)),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    private static async Task<Results<Ok<List<BookingDto>>, ProblemHttpResult, ValidationProblem>> GetBookings(int id, string? from, string? to, PactwerkDb db,
        AccessScopeProvider scopes, CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct);
        if (room is null)
            return ApiProblems.NotFound(RoomMessages.Format(RoomMessages.NoRoom, id));
        if (!RoomTime.TryParseDay(from, out var first) || !RoomTime.TryParseDay(to, out var last) || first > last || last > first.AddYears(2))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["from"] = [RoomMessages.PeriodInvalid] });
        return TypedResults.Ok(await VisibleAsync(db, await scopes.GetAsync(ct), room, first, last, ct));
    }

    /// <summary>
    /// The bookings of a room from <paramref name="first"/> to <paramref name="last"/> (Dutch days) that the account may see:
    /// the owner all of them, others those of their own organisations and the slots others hold (who, when), not the
    /// declined bookings of others. The API and the room's page both ask here.
    /// </summary>
    public static async Task<List<BookingDto>> VisibleAsync(PactwerkDb db, AccessScope scope, Room room, DateOnly first, DateOnly last, CancellationToken ct)
    {
        var (start, end) = (RoomTime.ToUtc(first, TimeOnly.MinValue), RoomTime.ToUtc(last.AddDays(1), TimeOnly.MinValue));
        var owner = RoomAccess.ActsFor(scope, room.OrganisationId, forChange: false);
        var mine = RoomAccess.OrganisationsOf(scope);
        var id = room.Id;
        var ids = await db.RoomBookings.AsNoTracking()
            .Where(b => b.RoomId == id && b.StartsAt < end && start < b.EndsAt)
            .Where(b => owner || mine.Contains(b.OrganisationId) || b.Status == RoomBookingStatus.Pending || b.Status == RoomBookingStatus.Approved)
            .Select(b => b.Id).ToListAsync(ct);
        return await DescribeAsync(db, ids, ct);
    }

    private static async Task<Results<Ok<DecidedDto>, ValidationProblem, ProblemHttpResult>> Decide(int id, int bookingId, DecisionInput input, RoomBookings bookings,
        CancellationToken ct)
    {
        var (outcome, message, changed) = await bookings.DecideAsync(id, bookingId, input.Approve, input.Reason, ct);
        return outcome switch
        {
            ChangeOutcome.Done => TypedResults.Ok(new DecidedDto(changed, input.Approve ? RoomBookingStatus.Approved : RoomBookingStatus.Declined)),
            ChangeOutcome.Invalid => TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [message!] }),
            _ => Problem(outcome, message!),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RecordUse(int id, int bookingId, UseInput input, RoomBookings bookings, CancellationToken ct)
    {
        var (outcome, message) = await bookings.RecordUseAsync(id, bookingId, input.Used, ct);
        return outcome == ChangeOutcome.Done ? TypedResults.NoContent() : Problem(outcome, message!);
    }

    public sealed record DecidedDto(int Bookings, RoomBookingStatus Status);

    private static ProblemHttpResult Problem(ChangeOutcome outcome, string message) => outcome switch
    {
        ChangeOutcome.NotFound => ApiProblems.NotFound(message),
        ChangeOutcome.Forbidden => ApiProblems.Forbidden(message),
        _ => TypedResults.Problem(message, statusCode: StatusCodes.Status409Conflict, title: "Niet mogelijk"),
    };

    private static ClashDto ToDto(BookingClash c, IStringLocalizer t) => new(c.Date, c.BookingId, c.Organisation, c.StartsAt, c.EndsAt, c.Status, RoomMessages.Localise(t, c.Describe(t)));

    private static Dictionary<string, string[]> Localise(IStringLocalizer t, Dictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => RoomMessages.Localise(t, m)).ToArray());

    public static async Task<List<BookingDto>> DescribeAsync(PactwerkDb db, List<int> ids, CancellationToken ct) =>
        (await db.RoomBookings.AsNoTracking().Where(b => ids.Contains(b.Id))
            .Join(db.Organisations, b => b.OrganisationId, o => o.Id, (b, o) => new { b, o.Name })
            .ToListAsync(ct))
        .OrderBy(x => x.b.StartsAt).Select(x => new BookingDto(x.b.Id, x.b.RoomId, x.b.OrganisationId, x.Name, x.b.UserKind, x.b.StartsAt, x.b.EndsAt, x.b.Status,
            x.b.SeriesId, x.b.Purpose, x.b.Use)).ToList();
}
