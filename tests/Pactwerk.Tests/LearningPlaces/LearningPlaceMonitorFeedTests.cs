using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningPlaces;
using Pactwerk.Web.Features.Monitor;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// Filled learning places in the monitor (<see cref="LearningPlaceMonitorFeed"/>): weeks offered, weeks filled and places
/// filled per municipality, sector and year, each checked against weeks worked out here day by day, one place at a time;
/// the occupancy against those counts; a confidential source whose small cells the public does not see. The timer is off
/// (interval 0): the test refreshes itself.
/// </summary>
public abstract class LearningPlaceMonitorFeedTests<TFactory> : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly TFactory factory;

    protected LearningPlaceMonitorFeedTests(TFactory factory)
    {
        this.factory = factory;
        factory.With("LearningPlaces:MonitorFeed:IntervalMinutes", "0");
    }

    private sealed record Fact(string Title, string Municipality, string Sector, (string From, string To)[] Periods, (string From, string To)[] Placements);

    // In 2031 and 2032, years the demo (this year) does not touch. The December place crosses into 2032: Monday 29 December
    // 2031 begins ISO week 1 of 2032, so that week is 2032's.
    private static readonly Fact[] Facts =
    [
        new("Feed zomer", "GM0193", "care", [("2031-06-30", "2031-08-29")], [("2031-07-07", "2031-07-25"), ("2031-07-21", "2031-08-08")]),
        new("Feed kerst", "GM0193", "care", [("2031-12-22", "2032-01-09")], [("2031-12-22", "2031-12-31")]),
        new("Feed maart", "GM0193", "technology", [("2031-03-03", "2031-03-28")], []),
        new("Feed jaar", "GM0202", "care", [("2031-01-06", "2031-12-19")], [("2031-09-01", "2031-09-03")]),
    ];

    private static IEnumerable<DateOnly> Days(string from, string to)
    {
        var (first, last) = (DateOnly.Parse(from, CultureInfo.InvariantCulture), DateOnly.Parse(to, CultureInfo.InvariantCulture));
        return Enumerable.Range(0, last.DayNumber - first.DayNumber + 1).Select(first.AddDays);
    }

    private static (int Year, int Week) WeekOf(DateOnly d) => (ISOWeek.GetYear(d.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(d.ToDateTime(TimeOnly.MinValue)));

    /// <summary>The figure, counted here: the distinct ISO weeks of each place in the year, added up over the places.</summary>
    private static int Expected(string element, string municipality, int year, string? sector = null)
    {
        var total = 0;
        foreach (var f in Facts.Where(f => f.Municipality == municipality && (sector is null || f.Sector == sector)))
        {
            var offered = f.Periods.SelectMany(p => Days(p.From, p.To)).Select(WeekOf).Where(w => w.Year == year).Distinct().Count();
            var filled = f.Placements.SelectMany(p => Days(p.From, p.To)).Select(WeekOf).Where(w => w.Year == year).Distinct().Count();
            total += element switch
            {
                LearningPlaceMonitorFeed.OfferedElement => offered,
                LearningPlaceMonitorFeed.FilledWeeksElement => filled,
                _ => filled > 0 ? 1 : 0,
            };
        }
        return total;
    }

    private static async Task<JsonElement[]> ValuesAsync(HttpClient client, string indicator, string region, int year, string? breakdown = null)
    {
        var response = await client.GetAsync($"/api/v1/monitor/values?indicator={indicator}&region={region}&period={year}" + (breakdown is null ? "" : $"&breakdown={breakdown}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<JsonElement>()).EnumerateArray().ToArray();
    }

    private static double? Value(JsonElement row) => row.GetProperty("value").ValueKind == JsonValueKind.Null ? null : row.GetProperty("value").GetDouble();

    private Task<FeedOutcome> RefreshAsync() => InScope(sp => sp.GetRequiredService<LearningPlaceMonitorFeed>().RefreshAsync(default));

    private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    [Fact]
    public async Task Weeks_offered_weeks_filled_and_places_filled_per_municipality_sector_and_year_match_the_weeks_counted_day_by_day()
    {
        var vogellanden = await StaffAsync(factory, Vogellanden);
        var siza = await StaffAsync(factory, Siza);
        var supervisors = new Dictionary<HttpClient, int> { [vogellanden] = await SupervisorAsync(vogellanden, "Feed V", 3), [siza] = await SupervisorAsync(siza, "Feed S", 3) };
        foreach (var f in Facts)
        {
            var staff = f.Municipality == "GM0193" ? vogellanden : siza;
            var place = await PlaceAsync(staff, f.Title, 2, [supervisors[staff]], f.Periods, f.Municipality, f.Sector);
            foreach (var (from, to) in f.Placements)
            {
                var placed = await staff.PostAsJsonAsync($"/api/v1/learning-places/{place}/placements", new { learner = "F-" + from, from, to });
                Assert.True(placed.StatusCode == HttpStatusCode.Created, await placed.Content.ReadAsStringAsync());
            }
        }
        Assert.True((await RefreshAsync()).Changed);

        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        string[] elements = [LearningPlaceMonitorFeed.OfferedElement, LearningPlaceMonitorFeed.FilledWeeksElement, LearningPlaceMonitorFeed.FilledPlacesElement];
        foreach (var element in elements)
            foreach (var year in new[] { 2031, 2032 })
                foreach (var municipality in new[] { "GM0193", "GM0202" })
                {
                    var total = (await ValuesAsync(coordinator, element, municipality, year)).Single();
                    Assert.Equal((element, municipality, year, (double?)Expected(element, municipality, year)), (element, municipality, year, Value(total) ?? 0));
                    foreach (var row in await ValuesAsync(coordinator, element, municipality, year, MonitorFeeds.Dimension))
                    {
                        var sector = row.GetProperty("breakdown").GetString()!;
                        Assert.Equal((element, municipality, year, sector, (double?)Expected(element, municipality, year, sector)),
                            (element, municipality, year, sector, Value(row) ?? 0));
                    }
                }
        // The occupancy of landsdeel Oost (both municipalities): Σ weeks filled / Σ weeks offered, never an average of shares.
        string[] oost = ["GM0193", "GM0202"];
        var occupancy = Value((await ValuesAsync(coordinator, LearningPlaceMonitorFeed.OccupancyIndicator, "TP-OOST", 2031)).Single());
        Assert.Equal(Math.Round(100.0 * oost.Sum(m => Expected(LearningPlaceMonitorFeed.FilledWeeksElement, m, 2031)) / oost.Sum(m => Expected(LearningPlaceMonitorFeed.OfferedElement, m, 2031)), 4),
            occupancy!.Value, 6);

        // The fixture has the cases it claims: overlapping learners count a week once (five summer weeks, not eight), and
        // the December placement gives one week to 2031 and one to 2032.
        Assert.Equal(5 + 1, Expected(LearningPlaceMonitorFeed.FilledWeeksElement, "GM0193", 2031, "care"));
        Assert.Equal(1, Expected(LearningPlaceMonitorFeed.FilledWeeksElement, "GM0193", 2032));
        Assert.Equal(2, Expected(LearningPlaceMonitorFeed.FilledPlacesElement, "GM0193", 2031));

        // Confidential: Arnhem's one filled place is a small cell, hidden from the public and shown to the coordinator.
        var source = await factory.InDbAsync(db => db.DataSources.AsNoTracking().SingleAsync(s => s.Code == LearningPlaceMonitorFeed.SourceCode));
        Assert.Equal((Disclosure.Confidential, (string?)null), (source.Disclosure, source.License));
        Assert.Null(Value((await ValuesAsync(Anonymous(factory), LearningPlaceMonitorFeed.FilledPlacesElement, "GM0202", 2031)).Single()));
        Assert.Equal(1, Value((await ValuesAsync(coordinator, LearningPlaceMonitorFeed.FilledPlacesElement, "GM0202", 2031)).Single()));

        // Nothing changed: a second refresh writes nothing. A new learner does, and the count follows.
        Assert.False((await RefreshAsync()).Changed);
        var march = await factory.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Title == "Feed maart").Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await vogellanden.PostAsJsonAsync($"/api/v1/learning-places/{march}/placements",
            new { learner = "F-maart", from = "2031-03-10", to = "2031-03-20" })).StatusCode);
        Assert.True((await RefreshAsync()).Changed);
        // 10–16 and 17–20 March: two weeks.
        Assert.Equal(Expected(LearningPlaceMonitorFeed.FilledWeeksElement, "GM0193", 2031) + 2,
            Value((await ValuesAsync(coordinator, LearningPlaceMonitorFeed.FilledWeeksElement, "GM0193", 2031)).Single()));
    }
}

public sealed class LearningPlaceMonitorFeedSqlite(SqliteFactory factory) : LearningPlaceMonitorFeedTests<SqliteFactory>(factory);
public sealed class LearningPlaceMonitorFeedPostgres(PostgresFactory factory) : LearningPlaceMonitorFeedTests<PostgresFactory>(factory);
