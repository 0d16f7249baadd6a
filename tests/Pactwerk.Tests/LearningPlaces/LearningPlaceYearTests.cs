using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// The year view's week states, checked against weeks worked out here day by day: a week is offered when a day of it lies
/// in a period, has a learner when a day of it lies in a placement, and is unsupervised when a learner's supervisor is away
/// on one of its working days.
/// </summary>
public abstract class LearningPlaceYearTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to) => Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);

    private static (int Year, int Week) WeekOf(DateOnly day) => (ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue)), ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)));

    [Fact]
    public async Task Each_week_of_the_year_is_filled_empty_unsupervised_or_not_offered_as_worked_out_day_by_day()
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var a = await SupervisorAsync(staff, "Jaar A", 1, ("2027-08-09", "2027-08-13"));
        var b = await SupervisorAsync(staff, "Jaar B", 2);
        var place = await LearningPlacesTestData.PlaceAsync(staff, "Jaarplek", 3, [a, b], [("2027-07-01", "2027-08-31"), ("2027-12-20", "2028-01-07")]);
        async Task<int> Place(string from, string to)
        {
            var response = await staff.PostAsJsonAsync($"/api/v1/learning-places/{place}/placements", new { learner = "J-" + from, from, to });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("supervisorId").GetInt32();
        }
        Assert.Equal(a, await Place("2027-07-05", "2027-07-16"));
        // A is away in its second week, so B takes it.
        Assert.Equal(b, await Place("2027-08-02", "2027-08-20"));
        Assert.Equal(a, await Place("2027-12-27", "2027-12-31"));
        // After the placements, B registers a day of leave in the last week of theirs: that week is now short.
        var update = await staff.PutAsJsonAsync($"/api/v1/learning-place-supervisors/{b}", new { name = "Jaar B", capacity = 2, absences = new[] { new { from = "2027-08-18", to = "2027-08-18" } } });
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);

        // Worked out here from the same facts, day by day; each placement with the absences of its supervisor (A, B, A).
        var periods = new[] { (new DateOnly(2027, 7, 1), new DateOnly(2027, 8, 31)), (new DateOnly(2027, 12, 20), new DateOnly(2028, 1, 7)) };
        var placements = new[]
        {
            (From: new DateOnly(2027, 7, 5), To: new DateOnly(2027, 7, 16), Away: Days(new DateOnly(2027, 8, 9), new DateOnly(2027, 8, 13)).ToArray()),
            (From: new DateOnly(2027, 8, 2), To: new DateOnly(2027, 8, 20), Away: new[] { new DateOnly(2027, 8, 18) }),
            (From: new DateOnly(2027, 12, 27), To: new DateOnly(2027, 12, 31), Away: Days(new DateOnly(2027, 8, 9), new DateOnly(2027, 8, 13)).ToArray()),
        };
        var offered = periods.SelectMany(p => Days(p.Item1, p.Item2)).Select(WeekOf).ToHashSet();
        var withLearners = placements.SelectMany(p => Days(p.From, p.To)).Select(WeekOf).ToHashSet();
        var shortWeeks = placements.SelectMany(p => p.Away.Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Select(WeekOf)
            .Where(w => Days(p.From, p.To).Select(WeekOf).Contains(w))).ToHashSet();
        string Expected(int week) => (withLearners.Contains((2027, week)), shortWeeks.Contains((2027, week)), offered.Contains((2027, week))) switch
        {
            (true, true, _) => "Unsupervised",
            (true, false, _) => "Filled",
            (false, _, true) => "Empty",
            _ => "NotOffered",
        };

        var organisation = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync());
        var view = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/year?organisation={organisation}&year=2027");
        var row = view.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == place);
        var weeks = row.GetProperty("weeks").EnumerateArray().ToList();
        Assert.Equal(ISOWeek.GetWeeksInYear(2027), weeks.Count);
        Assert.All(weeks, w => Assert.Equal(Expected(w.GetProperty("week").GetInt32()), w.GetProperty("state").GetString()));
        // The facts the test was built for are there: filled, empty, unsupervised and not offered weeks.
        Assert.Equal(["Empty", "Filled", "NotOffered", "Unsupervised"], weeks.Select(w => w.GetProperty("state").GetString()!).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal("Unsupervised", weeks[32].GetProperty("state").GetString());

        // The region view holds the same place with the same weeks; a region without it does not.
        var region = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/learning-places/year?region=TP-OOST&year=2027");
        Assert.Equal(row.GetProperty("weeks").ToString(), region.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == place).GetProperty("weeks").ToString());
        var elsewhere = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/learning-places/year?region=GM0363&year=2027");
        Assert.DoesNotContain(elsewhere.EnumerateArray(), p => p.GetProperty("id").GetInt32() == place);
        // Neither or both of organisation and region, or a year out of range: a clear refusal.
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous(factory).GetAsync("/api/v1/learning-places/year?year=2027")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous(factory).GetAsync($"/api/v1/learning-places/year?organisation={organisation}&year=1800")).StatusCode);
        Assert.DoesNotContain("J-2027", view.ToString());
    }
}

public sealed class LearningPlaceYearSqlite(SqliteFactory factory) : LearningPlaceYearTests<SqliteFactory>(factory);
public sealed class LearningPlaceYearPostgres(PostgresFactory factory) : LearningPlaceYearTests<PostgresFactory>(factory);
