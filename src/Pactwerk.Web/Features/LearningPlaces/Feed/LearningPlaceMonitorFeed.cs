using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// Filled learning places in the monitor, as a confidential source of their own through the <see cref="MonitorFeeds"/>
/// façade, so a pact can measure the Zorgpact's "places that are filled in the holidays too" by them. Per municipality of
/// the place, its sector and year, counted in the ISO weeks of the year view and the placement rule (<see cref="SupervisionWeeks"/>):
/// <list type="bullet">
/// <item>weeks offered: for each place, the weeks a period of it touches;</item>
/// <item>weeks filled: of those, the weeks a learner is on the place (with or without a supervisor that week: the learner is
/// there; the year view tells the unsupervised ones apart);</item>
/// <item>places filled: places with a learner in at least one week of the year;</item>
/// <item>and the indicator "bezetting leerplekken" = 100 × weeks filled / weeks offered.</item>
/// </list>
/// A week belongs to the ISO year of its Monday, as in the year view. Confidential because the weeks filled are weeks of
/// learners, who are people: small cells are hidden by the monitor's one rule, not here.
/// </summary>
public sealed class LearningPlaceMonitorFeed(PactwerkDb db, MonitorFeeds feeds)
{
    public const string SourceCode = "leerplekken";
    public const string OfferedElement = "leerplekken-weken-aangeboden";
    public const string FilledWeeksElement = "leerplekken-weken-gevuld";
    public const string FilledPlacesElement = "leerplekken-gevuld";
    public const string OccupancyIndicator = "leerplekken-bezetting";

    /// <summary>The cells, worked out per place from its periods and placements.</summary>
    public async Task<IReadOnlyList<FeedCell>> CellsAsync(CancellationToken ct)
    {
        var places = await db.Set<LearningPlace>().AsNoTracking()
            .Join(db.Regions, p => p.MunicipalityId, r => r.Id, (p, r) => new { p.Id, p.Sector, Municipality = r.Code })
            .ToListAsync(ct);
        var periods = (await db.Set<LearningPlacePeriod>().AsNoTracking().Select(p => new { p.LearningPlaceId, p.From, p.To }).ToListAsync(ct))
            .ToLookup(p => p.LearningPlaceId);
        var placements = (await db.Set<Placement>().AsNoTracking().Select(p => new { p.LearningPlaceId, p.From, p.To }).ToListAsync(ct))
            .ToLookup(p => p.LearningPlaceId);

        var counts = new Dictionary<(string Municipality, string Sector, int Year), (int Offered, int Filled, int Places)>();
        foreach (var place in places)
        {
            var offered = periods[place.Id].SelectMany(p => SupervisionWeeks.Weeks(p.From, p.To)).ToHashSet();
            var filled = placements[place.Id].SelectMany(p => SupervisionWeeks.Weeks(p.From, p.To)).ToHashSet();
            foreach (var year in offered.Concat(filled).Select(YearOf).Distinct())
            {
                var key = (place.Municipality, place.Sector, year);
                var (o, f, n) = counts.GetValueOrDefault(key);
                var filledThisYear = filled.Count(w => YearOf(w) == year);
                counts[key] = (o + offered.Count(w => YearOf(w) == year), f + filledThisYear, n + (filledThisYear > 0 ? 1 : 0));
            }
        }
        return counts.SelectMany(c => new[]
        {
            new FeedCell(OfferedElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Offered),
            new FeedCell(FilledWeeksElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Filled),
            new FeedCell(FilledPlacesElement, c.Key.Municipality, c.Key.Year, c.Key.Sector, c.Value.Places),
        }).ToList();
    }

    /// <summary>Replaces the learning places' figures in the monitor with those of now; unchanged figures write nothing.</summary>
    public async Task<FeedOutcome> RefreshAsync(CancellationToken ct)
    {
        FeedElement[] elements =
        [
            new(OfferedElement, "Leerplekken: weken aangeboden", "Learning places: weeks offered", "weken",
                "Aantal weken (ISO-weken) dat leerplekken worden aangeboden, opgeteld over de leerplekken, per gemeente van de leerplek, sector en jaar.",
                "Number of weeks (ISO weeks) learning places are offered, summed over the places, per municipality of the place, sector and year."),
            new(FilledWeeksElement, "Leerplekken: weken gevuld", "Learning places: weeks filled", "weken",
                "Aantal van die weken waarin een leerling op de leerplek is, opgeteld over de leerplekken, per gemeente van de leerplek, sector en jaar.",
                "Number of those weeks in which a learner is on the place, summed over the places, per municipality of the place, sector and year."),
            new(FilledPlacesElement, "Leerplekken: gevuld", "Learning places: filled", "leerplekken",
                "Aantal leerplekken met in minstens één week van het jaar een leerling, per gemeente van de leerplek, sector en jaar.",
                "Number of learning places with a learner in at least one week of the year, per municipality of the place, sector and year."),
        ];
        FeedRatio[] ratios =
        [
            new(OccupancyIndicator, "Bezetting leerplekken", "Occupancy of learning places", "%", FilledWeeksElement, OfferedElement, 100,
                "Weken met een leerling als percentage van de weken dat de leerplekken worden aangeboden, ook in de vakanties.",
                "Weeks with a learner as a percentage of the weeks the learning places are offered, holidays included."),
        ];
        return await feeds.ReplaceAsync(new FeedSource(SourceCode, "Leerplekken", SourceCode), elements, await CellsAsync(ct), ct, ratios);
    }

    private static int YearOf(DateOnly monday) => ISOWeek.GetYear(monday.ToDateTime(TimeOnly.MinValue));
}

public sealed class LearningPlaceMonitorFeedOptions
{
    /// <summary>Minutes between refreshes of the learning places' figures in the monitor; 0 switches the timer off.</summary>
    public int IntervalMinutes { get; set; } = 60;
}

/// <summary>
/// Refreshes the learning places' figures in the monitor on a timer, once across instances, as the rooms' feed does; the
/// first tick one interval after start (the demo feeds its places while it seeds). Yearly counts that may be an hour behind.
/// </summary>
public sealed class LearningPlaceMonitorFeedWorker(IServiceScopeFactory scopes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<LearningPlaceMonitorFeedOptions> options, ILogger<LearningPlaceMonitorFeedWorker> log)
    : Pactwerk.Web.Shared.ClusterJob(scopes, clock, log)
{
    public override string Name => "learning-place-monitor-feed";
    protected override bool Enabled => options.Value.IntervalMinutes > 0;
    protected override TimeSpan Period => TimeSpan.FromMinutes(options.Value.IntervalMinutes);
    protected override TimeSpan FirstRunAfter => Period;

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
    {
        await services.GetRequiredService<LearningPlaceMonitorFeed>().RefreshAsync(ct);
        return null;
    }
}
