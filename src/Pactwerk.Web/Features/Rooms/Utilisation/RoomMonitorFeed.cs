using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The rooms' utilisation in the monitor, through the <see cref="MonitorFeeds"/> façade: minutes open,
/// booked and used per municipality of the room and calendar year, booked and used broken down by kind
/// of user, and the indicator "bezettingsgraad technieklokalen" = 100 × booked / open, on which a region
/// sets its target like on any indicator. Minutes, so that a half hour counts exactly in whole numbers.
/// <para>
/// Confidential or not: rooms and their hours are not about people, and the API shows the same figures
/// openly (<see cref="RoomUtilisationApi"/>). The façade writes confidential sources only, because it was
/// made for records about people, and is kept that way rather than given a switch that another feed could
/// flip by mistake. The small-cell rule then applies to these counts; they are minutes (thousands per room
/// a year), so it only hides a municipality's figure when its rooms were hardly open or booked at all.
/// </para>
/// </summary>
public sealed class RoomMonitorFeed(PactwerkDb db, MonitorFeeds feeds, RoomUtilisationQueries queries, TimeProvider clock)
{
    public const string SourceCode = "technieklokalen";
    public const string OpenElement = "technieklokalen-minuten-open";
    public const string BookedElement = "technieklokalen-minuten-geboekt";
    public const string UsedElement = "technieklokalen-minuten-gebruikt";
    public const string UtilisationIndicator = "technieklokalen-bezettingsgraad";
    /// <summary>The breakdown of the open minutes, which belong to no kind of user.</summary>
    public const string AllUsers = "alle";

    /// <summary>The cells: every year from the first approved booking (or this year) to the last (or this year).</summary>
    public async Task<IReadOnlyList<FeedCell>> CellsAsync(CancellationToken ct)
    {
        var thisYear = clock.GetUtcNow().Year;
        var starts = await db.RoomBookings.Where(b => b.Status == RoomBookingStatus.Approved).Select(b => b.StartsAt).ToListAsync(ct);
        var (first, last) = starts.Count == 0 ? (thisYear, thisYear) : (Math.Min(thisYear, starts.Min().Year), Math.Max(thisYear, starts.Max().Year));
        var cells = new List<FeedCell>();
        for (var year = first; year <= last; year++)
        {
            if (await queries.ComputeByMunicipalityAsync(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), ct) is not { } result)
                continue;
            foreach (var (municipality, f) in result.Regions)
            {
                cells.Add(new FeedCell(OpenElement, municipality, year, AllUsers, Minutes(f.Open)));
                foreach (var kind in Enum.GetValues<RoomUserKind>())
                {
                    cells.Add(new FeedCell(BookedElement, municipality, year, kind.ToString(), Minutes(f.BookedByKind[kind])));
                    cells.Add(new FeedCell(UsedElement, municipality, year, kind.ToString(), Minutes(f.UsedByKind[kind])));
                }
            }
        }
        return cells;
    }

    public async Task<FeedOutcome> RefreshAsync(CancellationToken ct)
    {
        FeedElement Element(string code, string what, string whatEn, string rule, string ruleEn) => new(code, $"Technieklokalen: minuten {what}", $"Technology rooms: minutes {whatEn}",
            "minuten", $"Minuten dat de gedeelde technieklokalen {rule}, per gemeente van het lokaal en kalenderjaar.",
            $"Minutes the shared technology rooms {ruleEn}, per municipality of the room and calendar year.");
        FeedElement[] elements =
        [
            Element(OpenElement, "open", "open", "open waren (openingstijden min sluitingsdagen)", "were open (opening hours less closed days)"),
            Element(BookedElement, "geboekt", "booked", "geboekt waren (goedgekeurde boekingen), per soort gebruiker", "were booked (approved bookings), per kind of user"),
            Element(UsedElement, "gebruikt", "used", "volgens de boeker gebruikt zijn, per soort gebruiker", "were used according to the booker, per kind of user"),
        ];
        FeedRatio[] ratios =
        [
            new(UtilisationIndicator, "Bezettingsgraad technieklokalen", "Utilisation of technology rooms", "%", BookedElement, OpenElement, 100,
                "Geboekte uren als percentage van de uren dat de gedeelde technieklokalen open waren.",
                "Booked hours as a percentage of the hours the shared technology rooms were open."),
        ];
        return await feeds.ReplaceAsync(new FeedSource(SourceCode, "Gedeelde technieklokalen", SourceCode), elements, await CellsAsync(ct), ct, ratios);
    }

    private static int Minutes(double hours) => (int)Math.Round(hours * 60);
}

public sealed class RoomMonitorFeedOptions
{
    /// <summary>Minutes between refreshes of the rooms' figures in the monitor; 0 switches the timer off (a coordinator's refresh still works).</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>Refreshes the rooms' figures in the monitor on a timer, once across instances; the first tick one interval after start.</summary>
public sealed class RoomMonitorFeedWorker(IServiceScopeFactory scopes, TimeProvider clock, Microsoft.Extensions.Options.IOptions<RoomMonitorFeedOptions> options,
    ILogger<RoomMonitorFeedWorker> log) : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "room-monitor-feed";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);
    protected override TimeSpan FirstRunAfter => Period;

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await services.GetRequiredService<RoomMonitorFeed>().RefreshAsync(ct);
        return null;
    }
}
