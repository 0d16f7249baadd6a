using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The shared technology rooms, for everyone (as the API's list): a room, its hours and its rules are public,
/// its bookings are not. Filtered by a region of any set and by equipment, through the API's own query.
/// </summary>
[AllowAnonymous]
public sealed class RoomsModel(PactwerkDb db, Accounts.AccessScopeProvider scopes) : PageModel
{
    public sealed record Choice(string Code, string Name);

    [BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "uitrusting")] public string? Equipment { get; set; }

    public IReadOnlyList<RoomDto> Rooms { get; private set; } = [];
    public IReadOnlyList<Choice> Regions { get; private set; } = [];
    public IReadOnlyList<string> EquipmentChoices { get; private set; } = [];
    public bool RegionUnknown { get; private set; }
    public bool SignedIn { get; private set; }
    /// <summary>Whether the reader may add a room (<see cref="RoomAccess.MayAddRooms"/>): only then the link.</summary>
    public bool MayAdd { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        (SignedIn, MayAdd) = (scope.IsSignedIn, RoomAccess.MayAddRooms(scope));
        var all = await RoomsApi.FindAsync(db, null, null, ct);
        EquipmentChoices = all.Rooms!.SelectMany(r => r.Equipment).Distinct().Order(StringComparer.Ordinal).ToList();
        // The landsdelen and the municipalities that have a room: the regions a filter can find something in.
        var municipalities = all.Rooms!.Select(r => r.Municipality).Distinct().ToList();
        Regions = await db.Regions.AsNoTracking()
            .Where(r => r.RegionSet.Code == ReferenceData.RegionSetCodes.TechniekpactLandsdelen || municipalities.Contains(r.Code))
            .OrderBy(r => r.RegionSet.Code == ReferenceData.RegionSetCodes.Municipalities).ThenBy(r => r.Name)
            .Select(r => new Choice(r.Code, r.Name)).ToListAsync(ct);
        var found = await RoomsApi.FindAsync(db, Region, Equipment, ct);
        RegionUnknown = !found.RegionFound;
        if (RegionUnknown)
            Response.StatusCode = StatusCodes.Status404NotFound;
        Rooms = found.Rooms ?? [];
    }
}
