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
public sealed class ManageRoomModel(PactwerkDb db, AccessScopeProvider scopes, RoomEditor editor, RoomBookings bookings, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Monday first, as a Dutch week is read.</summary>
    public static readonly DayOfWeek[] Days = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];
    /// <summary>Empty closure rows the form offers beside the existing ones.</summary>
    public const int SpareClosures = 2;

    /// <summary>A request of one organisation: one booking, or the pending dates of one series.</summary>
    public sealed record BookingRequest(int BookingId, string Organisation, RoomUserKind Kind, IReadOnlyList<BookingDto> Dates, string? Purpose);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "opgeslagen")] public bool Saved { get; set; }
    [BindProperty(SupportsGet = true, Name = "besloten")] public int? Decided { get; set; }

    [BindProperty] public int Version { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? Municipality { get; set; }
    [BindProperty] public string? Equipment { get; set; }
    [BindProperty] public string? Capacity { get; set; }
    [BindProperty] public bool WheelchairAccessible { get; set; }
    [BindProperty] public string? AccessibilityNote { get; set; }
    [BindProperty] public List<string?> Opens { get; set; } = [];
    [BindProperty] public List<string?> Closes { get; set; } = [];
    [BindProperty] public List<string?> ClosureFrom { get; set; } = [];
    [BindProperty] public List<string?> ClosureTo { get; set; } = [];
    [BindProperty] public List<string?> ClosureReason { get; set; } = [];
    [BindProperty] public List<string> AllowedUsers { get; set; } = [];
    [BindProperty] public string? LeadTimeHours { get; set; }
    [BindProperty] public bool ApprovalRequired { get; set; }

    [BindProperty] public int BookingId { get; set; }
    [BindProperty] public bool Approve { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public RoomDto Room { get; private set; } = null!;
    public IReadOnlyList<BookingRequest> Pending { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    /// <summary>The request the decision's message is about.</summary>
    public int? DecisionErrorFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        Fill(Room);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        var hours = Days.Select((d, i) => (Day: d, Opens: Opens.ElementAtOrDefault(i), Closes: Closes.ElementAtOrDefault(i)))
            .Where(h => !string.IsNullOrWhiteSpace(h.Opens) || !string.IsNullOrWhiteSpace(h.Closes))
            .Select(h => new OpeningHoursInput(h.Day.ToString(), h.Opens, h.Closes)).ToList();
        var closures = ClosureFrom.Select((f, i) => new ClosureInput(f, ClosureTo.ElementAtOrDefault(i), ClosureReason.ElementAtOrDefault(i)))
            .Where(c => !string.IsNullOrWhiteSpace(c.From) || !string.IsNullOrWhiteSpace(c.To) || !string.IsNullOrWhiteSpace(c.Reason)).ToList();
        // A number that is not one goes to the editor as one out of range, so its own message names the field.
        int? Number(string? text, int unreadable) => string.IsNullOrWhiteSpace(text) ? null
            : int.TryParse(text.Trim(), NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.CurrentCulture, out var n) ? n : unreadable;
        var input = new RoomInput(null, Name, Address, Municipality, (Equipment ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList(),
            Number(Capacity, 0), WheelchairAccessible, AccessibilityNote, hours, closures, AllowedUsers, Number(LeadTimeHours, -1), ApprovalRequired, Version);
        switch (await editor.SaveAsync(Id, input, ct))
        {
            case RoomEditOutcome.Saved:
                return Redirect($"/lokalen/{Id}/beheer?opgeslagen=true");
            case RoomEditOutcome.NotFound:
                return NotFound();
            case RoomEditOutcome.Forbidden:
                return Forbid();
            case RoomEditOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[field] = messages.Select(m => RoomMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case RoomEditOutcome.Stale:
                Errors[""] = [t["Iemand anders heeft dit lokaal intussen gewijzigd; er is niets opgeslagen."].Value];
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
        Fill(Room);
        DecisionErrorFor = BookingId;
        Errors["reason"] = [RoomMessages.Localise(t, message!)];
        Response.StatusCode = outcome switch
        {
            ChangeOutcome.NotFound => StatusCodes.Status404NotFound,
            ChangeOutcome.Invalid => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status409Conflict,
        };
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

    private void Fill(RoomDto r)
    {
        (Version, Name, Address, Municipality, Equipment, Capacity) = (r.Version, r.Name, r.Address, r.Municipality, string.Join(", ", r.Equipment), r.Capacity.ToString(CultureInfo.CurrentCulture));
        (WheelchairAccessible, AccessibilityNote, AllowedUsers, LeadTimeHours, ApprovalRequired) =
            (r.WheelchairAccessible, r.AccessibilityNote, r.AllowedUsers.ToList(), r.LeadTimeHours.ToString(CultureInfo.CurrentCulture), r.ApprovalRequired);
        Opens = Days.Select(d => r.OpeningHours.FirstOrDefault(h => h.Day == d.ToString())?.Opens).ToList();
        Closes = Days.Select(d => r.OpeningHours.FirstOrDefault(h => h.Day == d.ToString())?.Closes).ToList();
        ClosureFrom = r.Closures.Select(c => (string?)RoomPageText.Iso(c.From)).ToList();
        ClosureTo = r.Closures.Select(c => (string?)RoomPageText.Iso(c.To)).ToList();
        ClosureReason = r.Closures.Select(c => (string?)c.Reason).ToList();
    }

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
