using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The rooms' utilisation for everyone, as the API gives it (<see cref="RoomUtilisationQueries"/>): per room and week a heat map
/// whose cells carry the figures as text (the colour only repeats them), and tables per school, region and week by kind of user,
/// with the API's CSV download of the same period.
/// </summary>
[AllowAnonymous]
public sealed class UtilisationModel(RoomUtilisationQueries queries, PactwerkDb db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Choice(string Code, string Name);

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "van")] public string? From { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "tot")] public string? To { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "indeling")] public string? RegionSet { get; set; }
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }

    public RoomUtilisation.Result? Result { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<Choice> RegionSets { get; private set; } = [];
    public IReadOnlyList<Choice> Regions { get; private set; } = [];
    public IReadOnlyList<string> Weeks { get; private set; } = [];

    /// <summary>The CSV of this period and filter, from the API.</summary>
    public string CsvUrl => QueryHelpers.AddQueryString("/api/v1/rooms/utilisation",
        new Dictionary<string, string?> { ["from"] = From, ["to"] = To, ["regionSet"] = RegionSet, ["region"] = Region, ["format"] = "csv" }
            .Where(p => !string.IsNullOrWhiteSpace(p.Value)));

    public async Task OnGetAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(RoomTime.ToLocal(clock.GetUtcNow().UtcDateTime));
        // Without a period: the eight weeks up to this one and the four after it, whole ISO weeks.
        From = string.IsNullOrWhiteSpace(From) ? RoomPageText.Iso(RoomPageText.Monday(today).AddDays(-49)) : From.Trim();
        To = string.IsNullOrWhiteSpace(To) ? RoomPageText.Iso(RoomPageText.Monday(today).AddDays(34)) : To.Trim();
        RegionSet = string.IsNullOrWhiteSpace(RegionSet) ? ReferenceData.RegionSetCodes.Municipalities : RegionSet.Trim();
        RegionSets = await db.RegionSets.AsNoTracking().Where(s => s.Code == ReferenceData.RegionSetCodes.Municipalities || s.Code == ReferenceData.RegionSetCodes.TechniekpactLandsdelen
                || s.Code == ReferenceData.RegionSetCodes.Provinces || s.Code == ReferenceData.RegionSetCodes.LabourMarketRegions)
            .OrderBy(s => s.Name).Select(s => new Choice(s.Code, s.Name)).ToListAsync(ct);
        Regions = await db.Regions.AsNoTracking().Where(r => r.RegionSet.Code == ReferenceData.RegionSetCodes.TechniekpactLandsdelen)
            .OrderBy(r => r.Name).Select(r => new Choice(r.Code, r.Name)).ToListAsync(ct);
        switch (await queries.ComputeAsync(RegionSet, Region, From, To, ct))
        {
            case RoomUtilisationQueries.Outcome.Computed c:
                Result = c.Result;
                Weeks = c.Result.WeekTotals.Select(w => w.Key).ToList();
                break;
            case RoomUtilisationQueries.Outcome.NotFound n:
                Error = RoomMessages.Localise(t, n.Message);
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case RoomUtilisationQueries.Outcome.Invalid i:
                Error = RoomMessages.Localise(t, i.Message);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
    }

    private static readonly string[] Bands = ["heat-0", "heat-1", "heat-2", "heat-3", "heat-4"];

    /// <summary>The heat band of a share booked (fifths: below 20% to 80% and more; heat-none when the room was not open), for the cell's colour.</summary>
    public static string Band(double? share) => share is { } s ? Bands[Math.Clamp((int)Math.Floor(s * 5), 0, 4)] : "heat-none";
}
