using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>The rooms' utilisation in the monitor: minutes per municipality and year, and the indicator "bezettingsgraad technieklokalen".</summary>
public abstract class RoomMonitorFeedTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<double?> ValueAsync(HttpClient client, string indicator, string region, int year)
    {
        var response = await client.GetAsync($"/api/v1/monitor/values?indicator={indicator}&region={region}&period={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await response.ReadAsync<JsonElement>()).EnumerateArray().Single();
        return row.GetProperty("value").ValueKind == JsonValueKind.Null ? null : row.GetProperty("value").GetDouble();
    }

    [Fact]
    public async Task A_coordinators_refresh_puts_the_minutes_and_the_utilisation_rate_in_the_monitor_as_worked_out_by_hand()
    {
        await RoomSeason.SeasonAsync(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsync("/api/v1/rooms/monitor-feed", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, RoomsTestData.Owner)).PostAsync("/api/v1/rooms/monitor-feed", null)).StatusCode);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var refreshed = await coordinator.PostAsync("/api/v1/rooms/monitor-feed", null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True((await refreshed.ReadAsync<JsonElement>()).GetProperty("changed").GetBoolean());

        // Open in 2031, counted day by day here: room A 15 h on every weekday but Wed 12 March, room B 4 h on every Tuesday.
        var open = 0;
        for (var day = new DateOnly(2031, 1, 1); day.Year == 2031; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && day != new DateOnly(2031, 3, 12))
                open += 15 * 60;
            if (day.DayOfWeek == DayOfWeek.Tuesday)
                open += 4 * 60;
        }
        // Approved in 2031: 2.5 h + 3 h + 2 h + 2.5 h = 10 h booked; used 2.5 h + 2 h + 2.5 h = 7 h.
        Assert.Equal(open, await ValueAsync(coordinator, RoomMonitorFeed.OpenElement, "GM0193", 2031));
        Assert.Equal(600, await ValueAsync(coordinator, RoomMonitorFeed.BookedElement, "GM0193", 2031));
        Assert.Equal(420, await ValueAsync(coordinator, RoomMonitorFeed.UsedElement, "GM0193", 2031));
        var rate = await ValueAsync(coordinator, RoomMonitorFeed.UtilisationIndicator, "TP-OOST", 2031);
        Assert.NotNull(rate);
        // The monitor gives values to four decimals.
        Assert.Equal(Math.Round(100.0 * 600 / open, 4), rate!.Value, 6);

        // An indicator like any other, so a plan can set a target on it; the source is confidential (see RoomMonitorFeed).
        var indicators = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/indicators");
        Assert.Contains(indicators.EnumerateArray(), i => i.GetProperty("code").GetString() == RoomMonitorFeed.UtilisationIndicator
            && i.GetProperty("name").GetString() == "Bezettingsgraad technieklokalen");
        var source = await factory.InDbAsync(db => db.DataSources.AsNoTracking().SingleAsync(s => s.Code == RoomMonitorFeed.SourceCode));
        Assert.Equal(Pactwerk.Web.Features.Monitor.Disclosure.Confidential, source.Disclosure);

        // Unchanged bookings: a second refresh writes nothing.
        Assert.False((await (await coordinator.PostAsync("/api/v1/rooms/monitor-feed", null)).ReadAsync<JsonElement>()).GetProperty("changed").GetBoolean());
    }
}

public sealed class RoomMonitorFeedSqlite(SqliteFactory factory) : RoomMonitorFeedTests<SqliteFactory>(factory);
public sealed class RoomMonitorFeedPostgres(PostgresFactory factory) : RoomMonitorFeedTests<PostgresFactory>(factory);
