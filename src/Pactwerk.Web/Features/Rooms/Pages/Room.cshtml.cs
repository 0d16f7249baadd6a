using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// One room: its details, opening hours and rules for everyone; for a signed-in person a week of its bookings (as the API shows
/// them: the owner all, others their own and who holds the other slots) and the booking form, answered by <see cref="RoomBookings"/>
/// like the API: a clash books nothing and names what is in the way, a series may book its free dates only when asked to.
/// </summary>
[AllowAnonymous]
public sealed class RoomModel(PactwerkDb db, AccessScopeProvider scopes, RoomBookings bookings, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record OrganisationChoice(int Id, string Name);

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    /// <summary>The week shown: any day of it, yyyy-MM-dd.</summary>
    [BindProperty(SupportsGet = true, Name = "week")] public string? Week { get; set; }
    [BindProperty(SupportsGet = true, Name = "geboekt")] public int? BookedCount { get; set; }
    [BindProperty(SupportsGet = true, Name = "overgeslagen")] public int? SkippedCount { get; set; }

    [BindProperty] public int? OrganisationId { get; set; }
    [BindProperty] public string? Date { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? WeeklyUntil { get; set; }
    [BindProperty] public string? UserKind { get; set; }
    [BindProperty] public string? Purpose { get; set; }
    [BindProperty] public bool SkipClashing { get; set; }

    public RoomDto Room { get; private set; } = null!;
    public DateOnly Monday { get; private set; }
    public IReadOnlyList<BookingDto> WeekBookings { get; private set; } = [];
    public IReadOnlyList<OrganisationChoice> Organisations { get; private set; } = [];
    public bool SignedIn { get; private set; }
    public bool IsOwner { get; private set; }
    /// <summary>The messages per field of the booking form ("" for the form as a whole), in the reader's language.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];
    public IReadOnlyList<BookingClash> Clashes { get; private set; } = [];
    public IReadOnlyList<BookingClash> Skipped { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        if (!SignedIn)
            return Challenge();
        var outcome = await bookings.BookAsync(Id, new BookingInput(OrganisationId, Date, From, To, WeeklyUntil, string.IsNullOrWhiteSpace(UserKind) ? null : UserKind,
            Purpose, SkipClashing), ct);
        switch (outcome)
        {
            case BookingOutcome.Booked booked:
                var week = RoomPageText.Iso(DateOnly.FromDateTime(RoomTime.ToLocal(booked.Bookings[0].StartsAt)));
                return Redirect($"/lokalen/{Id}?week={week}&geboekt={booked.Bookings.Count}&overgeslagen={booked.Skipped.Select(c => c.Date).Distinct().Count()}#boeken");
            case BookingOutcome.Clashed clashed:
                Errors[""] = [RoomMessages.Localise(t, clashed.Message)];
                Clashes = clashed.Clashes;
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case BookingOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[field] = messages.Select(m => RoomMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case BookingOutcome.Forbidden forbidden:
                Errors["organisationId"] = [RoomMessages.Localise(t, forbidden.Message)];
                Response.StatusCode = StatusCodes.Status403Forbidden;
                break;
            case BookingOutcome.NotFound:
                return NotFound();
        }
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var room = await db.Rooms.AsNoTracking().SingleOrDefaultAsync(r => r.Id == Id, ct);
        if (room is null)
            return false;
        Room = (await RoomsApi.DescribeAsync(db, db.Rooms.Where(r => r.Id == Id), ct)).Single();
        var scope = await scopes.GetAsync(ct);
        SignedIn = scope.IsSignedIn;
        IsOwner = RoomAccess.ActsFor(scope, room.OrganisationId, forChange: false);
        var today = DateOnly.FromDateTime(RoomTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        Monday = RoomPageText.Monday(RoomTime.TryParseDay(Week, out var day) ? day : today);
        if (SignedIn)
            WeekBookings = await RoomBookingsApi.VisibleAsync(db, scope, room, Monday, Monday.AddDays(6), ct);
        var mine = RoomAccess.OrganisationsOf(scope);
        // An administrator who acts for no organisation names one, as through the API.
        Organisations = await db.Organisations.AsNoTracking().Where(o => mine.Contains(o.Id) || (scope.IsAdministrator && mine.Count == 0))
            .OrderBy(o => o.Name).Select(o => new OrganisationChoice(o.Id, o.Name)).ToListAsync(ct);
        return true;
    }

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
