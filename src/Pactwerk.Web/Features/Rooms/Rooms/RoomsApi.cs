using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Rooms;

public sealed record OpeningHoursDto(string Day, string Opens, string Closes);
public sealed record ClosureDto(DateOnly From, DateOnly To, string Reason);
/// <summary>A room as read; <c>municipality</c> is the CBS code a PUT takes back, its name only for reading.</summary>
public sealed record RoomDto(int Id, int Version, string Name, string Address, int OrganisationId, string Organisation, string Municipality, string MunicipalityName,
    IReadOnlyList<string> Equipment, int Capacity, bool WheelchairAccessible, string? AccessibilityNote, IReadOnlyList<OpeningHoursDto> OpeningHours,
    IReadOnlyList<ClosureDto> Closures, IReadOnlyList<string> AllowedUsers, int LeadTimeHours, bool ApprovalRequired);

/// <summary>The rooms themselves: the public list with its filters, and the owner's additions and changes.</summary>
public static class RoomsApi
{
    public static RouteGroupBuilder MapRoomsApi(this RouteGroupBuilder api)
    {
        var rooms = api.MapGroup("/rooms").WithTags("Rooms").AddEndpointFilter(RoomProblemLanguage.Filter);
        rooms.MapGet("", GetRooms).WithName("GetRooms").AllowAnonymous()
            .WithSummary("The shared technology rooms, optionally those in a region (`region=TP-OOST`, any region code of any set, or a municipality `GM0200`) and with all the given equipment (`equipment=cnc,3d-printer`).");
        rooms.MapGet("/{id:int}", GetRoom).WithName("GetRoom").AllowAnonymous().WithSummary("One room with its opening hours, closures and the owner's rules.");
        rooms.MapPost("", CreateRoom).WithName("CreateRoom").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Someone acting for an organisation adds one of its rooms: address, equipment, capacity, accessibility, opening hours per weekday, closures and the rules (who may book, lead time, approval).");
        rooms.MapPut("/{id:int}", UpdateRoom).WithName("UpdateRoom").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The owner changes a room; with `version` a stale change is refused. Opening hours and closures are replaced by what is sent.");
        return api;
    }

    private static async Task<Results<Ok<List<RoomDto>>, ProblemHttpResult>> GetRooms(string? region, string? equipment, PactwerkDb db, CancellationToken ct) =>
        await FindAsync(db, region, equipment, ct) is { Rooms: { } rooms } ? TypedResults.Ok(rooms)
            : ApiProblems.NotFound(RoomMessages.Format(RoomMessages.NoRegion, region!.Length > 40 ? region[..40] : region));

    /// <summary>
    /// The rooms in a region (any set's code) with all the given equipment (comma-separated), for everyone: a room,
    /// its hours and its rules are public. Null rooms when the region does not exist. The API and the rooms page both ask here.
    /// </summary>
    public static async Task<(List<RoomDto>? Rooms, bool RegionFound)> FindAsync(PactwerkDb db, string? region, string? equipment, CancellationToken ct)
    {
        var query = db.Rooms.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(region))
        {
            var regionId = await db.Regions.Where(r => r.Code == region.Trim()).Select(r => (int?)r.Id).SingleOrDefaultAsync(ct);
            if (regionId is null)
                return (null, false);
            var municipalities = (await AccessScopeProvider.MunicipalitiesOfAsync(db, [regionId.Value], ct))[regionId.Value].ToList();
            query = query.Where(r => municipalities.Contains(r.MunicipalityId));
        }
        var rooms = await DescribeAsync(db, query, ct);
        var wanted = (equipment ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(e => e.ToLowerInvariant()).ToList();
        return (rooms.Where(r => wanted.All(r.Equipment.Contains)).ToList(), true);
    }

    private static async Task<Results<Ok<RoomDto>, ProblemHttpResult>> GetRoom(int id, PactwerkDb db, CancellationToken ct) =>
        (await DescribeAsync(db, db.Rooms.Where(r => r.Id == id), ct)).SingleOrDefault() is { } room
            ? TypedResults.Ok(room)
            : ApiProblems.NotFound(RoomMessages.Format(RoomMessages.NoRoom, id));

    private static async Task<IResult> CreateRoom(RoomInput input, RoomEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(null, input, ct), db, created: true, ct);

    private static async Task<IResult> UpdateRoom(int id, RoomInput input, RoomEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(id, input, ct), db, created: false, ct);

    private static async Task<IResult> ToResultAsync(RoomEditOutcome outcome, PactwerkDb db, bool created, CancellationToken ct) => outcome switch
    {
        RoomEditOutcome.Saved saved when created => TypedResults.Created($"/api/v1/rooms/{saved.Room.Id}", (await DescribeAsync(db, db.Rooms.Where(r => r.Id == saved.Room.Id), ct)).Single()),
        RoomEditOutcome.Saved saved => TypedResults.Ok((await DescribeAsync(db, db.Rooms.Where(r => r.Id == saved.Room.Id), ct)).Single()),
        RoomEditOutcome.NotFound => ApiProblems.NotFound(RoomMessages.Format(RoomMessages.NoRoom, "?")),
        RoomEditOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
        RoomEditOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        RoomEditOutcome.Stale => ApiProblems.Conflict(RoomMessages.Stale),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };

    public static async Task<List<RoomDto>> DescribeAsync(PactwerkDb db, IQueryable<Room> rooms, CancellationToken ct)
    {
        var rows = await rooms.AsNoTracking().Include(r => r.OpeningHours).Include(r => r.Closures)
            .Join(db.Organisations, r => r.OrganisationId, o => o.Id, (r, o) => new { r, Owner = o.Name })
            .Join(db.Regions, x => x.r.MunicipalityId, m => m.Id, (x, m) => new { x.r, x.Owner, m.Code, m.Name })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.r.Name, StringComparer.Ordinal).Select(x => new RoomDto(x.r.Id, x.r.Version, x.r.Name,
            x.r.Address, x.r.OrganisationId, x.Owner, x.Code, x.Name, x.r.Equipment, x.r.Capacity, x.r.WheelchairAccessible, x.r.AccessibilityNote,
            x.r.OpeningHours.OrderBy(h => h.Day == DayOfWeek.Sunday ? 7 : (int)h.Day).Select(h => new OpeningHoursDto(h.Day.ToString(), h.Opens.ToString("HH:mm"), h.Closes.ToString("HH:mm"))).ToList(),
            x.r.Closures.OrderBy(c => c.From).Select(c => new ClosureDto(c.From, c.To, c.Reason)).ToList(),
            x.r.AllowedUsers, x.r.LeadTimeHours, x.r.ApprovalRequired)).ToList();
    }
}
