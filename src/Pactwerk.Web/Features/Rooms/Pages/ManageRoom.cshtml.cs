using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The owner's page of a room (whoever acts for the owning organisation): the room, its opening hours, closures and rules as a
/// form saved by <see cref="RoomEditor"/>, and the bookings that wait for approval, decided by <see cref="RoomBookings"/> (a series
/// as a whole, a decline with a reason). Everyone else is refused, as by the API.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class ManageRoomModel(PactwerkDb db, AccessScopeProvider scopes, RoomEditor editor, RoomBookings bookings, IStringLocalizer<SharedResource> t) : RoomFormPage(t)
{
    /// <summary>A request of one organisation: one booking, or the pending dates of one series.</summary>
    public sealed record BookingRequest(int BookingId, string Organisation, RoomUserKind Kind, IReadOnlyList<BookingDto> Dates, string? Purpose);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "opgeslagen")] public bool Saved { get; set; }
    [BindProperty(SupportsGet = true, Name = "toegevoegd")] public bool Added { get; set; }
    [BindProperty(SupportsGet = true, Name = "besloten")] public int? Decided { get; set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public int BookingId { get; set; }
    [BindProperty] public bool Approve { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public RoomDto Room { get; private set; } = null!;
    public IReadOnlyList<BookingRequest> Pending { get; private set; } = [];
    /// <summary>The request the decision's message is about.</summary>
    public int? DecisionErrorFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        FillRoom(Room);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        var input = ToInput(null, Version);
        switch (await editor.SaveAsync(Id, input, ct))
        {
            case RoomEditOutcome.Saved:
                return Redirect($"/lokalen/{Id}/beheer?opgeslagen=true");
            case RoomEditOutcome.NotFound:
                return NotFound();
            case RoomEditOutcome.Forbidden:
                return Forbid();
            case RoomEditOutcome.Invalid invalid:
                ShowErrors(invalid);
                break;
            case RoomEditOutcome.Stale:
                Errors[""] = [Localiser["Iemand anders heeft dit lokaal intussen gewijzigd; er is niets opgeslagen."].Value];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        var (outcome, message, changed) = await bookings.DecideAsync(Id, BookingId, Approve, Reason, ct);
        if (outcome == ChangeOutcome.Done)
            return Redirect($"/lokalen/{Id}/beheer?besloten={changed}#aanvragen");
        if (outcome == ChangeOutcome.Forbidden)
            return Forbid();
        FillRoom(Room);
        DecisionErrorFor = BookingId;
        Errors["reason"] = [RoomMessages.Localise(Localiser, message!)];
        Response.StatusCode = outcome.StatusCode();
        return Page();
    }

    /// <summary>Not found, a sign-in, or a refusal for anyone who does not act for the owner; null when the page may be shown.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct);
        if (room is null)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return Challenge();
        if (!RoomAccess.ActsFor(scope, room.OrganisationId, forChange: false))
            return Forbid();
        Room = (await RoomsApi.DescribeAsync(db, db.Rooms.Where(r => r.Id == Id), ct)).Single();
        var ids = await db.RoomBookings.AsNoTracking().Where(b => b.RoomId == Id && b.Status == RoomBookingStatus.Pending).Select(b => b.Id).ToListAsync(ct);
        var pending = await RoomBookingsApi.DescribeAsync(db, ids, ct);
        Pending = pending.GroupBy(b => b.SeriesId?.ToString() ?? "b" + b.Id.ToString(CultureInfo.InvariantCulture))
            .Select(g => new BookingRequest(g.First().Id, g.First().Organisation, g.First().UserKind, g.ToList(), g.First().Purpose))
            .OrderBy(r => r.Dates[0].StartsAt).ToList();
        return null;
    }

    private void FillRoom(RoomDto r)
    {
        Version = r.Version;
        base.Fill(r);
    }
}
