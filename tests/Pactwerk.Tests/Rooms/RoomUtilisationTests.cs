using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// Utilisation against figures worked out by hand: two rooms of Landstede over two ISO weeks of March 2031,
/// with a closure, approved bookings (used and no-show), and pending, declined and later bookings that do not count.
/// </summary>
public abstract class RoomUtilisationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Hours_open_booked_and_used_per_room_week_school_and_kind_match_the_figures_worked_out_by_hand()
    {
        var (a, b) = await RoomSeason.SeasonAsync(factory);
        var u = (await Anonymous(factory).GetFromJsonAsync<UtilisationDto>("/api/v1/rooms/utilisation?region=TP-OOST&from=2031-03-03&to=2031-03-16"))!;

        var weeksOfA = u.Weeks.Where(w => w.RoomId == a).ToList();
        Assert.Equal(["2031-W10", "2031-W11"], weeksOfA.Select(w => w.Week));
        // W10: 5 days × 15 h = 75 open; 2.5 + 3 booked; 2.5 used. W11: 4 days × 15 h = 60 open (Wednesday closed); 2 booked, 2 used.
        Assert.Equal((75.0, 5.5, 2.5), (weeksOfA[0].Figures.Open, weeksOfA[0].Figures.Booked, weeksOfA[0].Figures.Used));
        Assert.Equal((60.0, 2.0, 2.0), (weeksOfA[1].Figures.Open, weeksOfA[1].Figures.Booked, weeksOfA[1].Figures.Used));
        Assert.Equal(Math.Round(5.5 / 75, 4), weeksOfA[0].Figures.BookedShare);
        Assert.Equal(2.5, weeksOfA[0].Figures.BookedByKind[RoomUserKind.Company]);
        Assert.Equal(3.0, weeksOfA[0].Figures.BookedByKind[RoomUserKind.OtherSchool]);
        Assert.Equal(0.0, weeksOfA[0].Figures.UsedByKind[RoomUserKind.OtherSchool]);
        Assert.Equal(0.0, weeksOfA[0].Figures.BookedByKind[RoomUserKind.OwnSchool]);
        Assert.Equal(2.0, weeksOfA[1].Figures.UsedByKind[RoomUserKind.AdultEducation]);

        // Room B: one Tuesday evening of 4 h each week, nothing booked.
        Assert.All(u.Weeks.Where(w => w.RoomId == b), w => Assert.Equal((4.0, 0.0, (double?)0.0), (w.Figures.Open, w.Figures.Booked, w.Figures.BookedShare)));

        // Landstede as a school: 75 + 60 + 4 + 4 = 143 open, 7.5 booked, 4.5 used.
        var school = u.Schools.Single(s => s.Key == "Landstede Groep").Figures;
        Assert.Equal((143.0, 7.5, 4.5), (school.Open, school.Booked, school.Used));
        Assert.Equal(Math.Round(7.5 / 143, 4), school.BookedShare);
        Assert.Equal((79.0, 5.5), (u.WeekTotals.Single(w => w.Key == "2031-W10").Figures.Open, u.WeekTotals.Single(w => w.Key == "2031-W10").Figures.Booked));
        Assert.Equal("Zwolle", Assert.Single(u.Regions).Key);

        // Grouped by landsdeel, the one region is Oost; in Noord there are no rooms.
        var landsdelen = (await Anonymous(factory).GetFromJsonAsync<UtilisationDto>("/api/v1/rooms/utilisation?regionSet=techniekpact-landsdelen&from=2031-03-03&to=2031-03-16"))!;
        var oost = await factory.InDbAsync(db => db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Name).SingleAsync());
        Assert.Equal(143.0, landsdelen.Regions.Single(r => r.Key == oost).Figures.Open);
        Assert.Empty((await Anonymous(factory).GetFromJsonAsync<UtilisationDto>("/api/v1/rooms/utilisation?region=TP-NOORD&from=2031-03-03&to=2031-03-16"))!.Weeks);

        // The CSV has the same rows, hours with a decimal comma, and the room named like a formula defused.
        var csv = await Anonymous(factory).GetAsync("/api/v1/rooms/utilisation?region=GM0193&from=2031-03-03&to=2031-03-16&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("week;school;lokaal;regio;uren open;uren geboekt;uren gebruikt", lines[0]);
        Assert.Contains("2031-W10;Landstede Groep;Lokaal A;Zwolle;75,00;5,50;2,50;7,3;3,3;0,00;3,00;2,50;0,00;0,00;0,00;2,50;0,00", lines);
        Assert.Contains(lines, l => l.StartsWith("2031-W10;Landstede Groep;'=Lokaal B;Zwolle;4,00;0,00;0,00;0,0;0,0", StringComparison.Ordinal));
        Assert.Equal(1 + u.Weeks.Count, lines.Length);
    }

    [Fact]
    public async Task A_wrong_period_or_region_is_refused_with_a_clear_message()
    {
        var anonymous = Anonymous(factory);
        var reversed = await anonymous.GetAsync("/api/v1/rooms/utilisation?from=2031-03-16&to=2031-03-03");
        Assert.Equal(HttpStatusCode.BadRequest, reversed.StatusCode);
        Assert.Contains(RoomMessages.PeriodInvalid, await reversed.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/rooms/utilisation?from=03-03-2031&to=2031-03-16")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await anonymous.GetAsync("/api/v1/rooms/utilisation?from=2031-01-01&to=2034-01-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/rooms/utilisation?region=XX&from=2031-03-03&to=2031-03-16")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/v1/rooms/utilisation?regionSet=xx&from=2031-03-03&to=2031-03-16")).StatusCode);
    }
}

public sealed class RoomUtilisationSqlite(SqliteFactory factory) : RoomUtilisationTests<SqliteFactory>(factory);
public sealed class RoomUtilisationPostgres(PostgresFactory factory) : RoomUtilisationTests<PostgresFactory>(factory);
