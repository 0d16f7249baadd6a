using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The bookings of the organisations the account acts for, from a month ago on, and after a booking has begun the record of
/// whether it was used or a no-show (<see cref="RoomBookings.RecordUseAsync"/>, the API's rule).
/// </summary>
[Authorize]
public sealed class MyBookingsModel(PactwerkDb db, AccessScopeProvider scopes, RoomBookings bookings, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(BookingDto Booking, string Room);

    [BindProperty(SupportsGet = true, Name = "vastgelegd")] public bool Recorded { get; set; }
    [BindProperty] public int RoomId { get; set; }
    [BindProperty] public int BookingId { get; set; }
    [BindProperty] public bool Used { get; set; }

    public IReadOnlyList<Row> Bookings { get; private set; } = [];
    public bool ActsForOrganisation { get; private set; }
    public DateTime Now { get; private set; }
    public string? Error { get; private set; }
    public int? ErrorFor { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostUseAsync(CancellationToken ct)
    {
        var (outcome, message) = await bookings.RecordUseAsync(RoomId, BookingId, Used, ct);
        if (outcome == ChangeOutcome.Done)
            return Redirect($"/lokalen/mijn-boekingen?vastgelegd=true#boeking-{BookingId}");
        Error = RoomMessages.Localise(t, message!);
        ErrorFor = BookingId;
        Response.StatusCode = outcome.StatusCode();
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var mine = RoomAccess.OrganisationsOf(scope);
        ActsForOrganisation = mine.Count > 0;
        Now = clock.GetUtcNow().UtcDateTime;
        var since = Now.AddDays(-35);
        var ids = await db.RoomBookings.AsNoTracking().Where(b => mine.Contains(b.OrganisationId) && b.EndsAt >= since)
            .OrderBy(b => b.StartsAt).Select(b => b.Id).Take(500).ToListAsync(ct);
        var rooms = await db.Rooms.AsNoTracking().ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        Bookings = (await RoomBookingsApi.DescribeAsync(db, ids, ct)).Select(b => new Row(b, rooms[b.RoomId])).ToList();
    }
}
