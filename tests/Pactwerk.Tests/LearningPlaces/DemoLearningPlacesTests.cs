using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// The demo's learning places (the Zorgpact's holiday places): the year view of Vogellanden shows filled, empty and
/// unsupervised weeks, each week checked against the demo's facts restated here and worked out day by day; the demo's
/// staff account acts for Vogellanden.
/// </summary>
public abstract class DemoLearningPlacesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to) => Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);

    private static int WeekOf(DateOnly day) => ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue));

    [Fact]
    public async Task Vogellanden_s_year_shows_filled_empty_and_unsupervised_weeks_as_worked_out_from_the_demo_facts()
    {
        var year = DateTime.UtcNow.Year;
        DateOnly D(int month, int day) => new(year, month, day);
        DateOnly Next(int month, int day) => new(year + 1, month, day);
        // The demo's facts, as DemoLearningPlaces describes them: periods, placements, and the one absence (Anouk's leave).
        var leave = Days(D(7, 13), D(8, 7)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var facts = new Dictionary<string, ((DateOnly, DateOnly)[] Periods, (DateOnly From, DateOnly To, bool AwayInLeave)[] Placements)>
        {
            ["BBL-werkplek verzorgende IG (demo)"] = ([(D(1, 5), Next(7, 2))], [(D(1, 5), D(12, 18), true), (D(1, 5), D(6, 26), true)]),
            ["BOL-stage revalidatiezorg (demo)"] = ([(D(2, 2), D(6, 26)), (D(8, 31), Next(1, 29))], [(D(2, 2), D(6, 26), false)]),
            ["Vakantieplek zorgassistent (demo)"] = ([(D(7, 4), D(8, 16))], [(D(7, 6), D(7, 31), false)]),
        };
        string Expected(string title, int week)
        {
            var (periods, placements) = facts[title];
            var present = placements.Where(p => Days(p.From, p.To).Any(d => d.Year == year && WeekOf(d) == week)).ToList();
            if (present.Count > 0)
                return present.Any(p => p.AwayInLeave && leave.Any(d => WeekOf(d) == week)) ? "Unsupervised" : "Filled";
            return periods.Any(p => Days(p.Item1, p.Item2).Any(d => d.Year == year && WeekOf(d) == week)) ? "Empty" : "NotOffered";
        }

        factory.CreateClient();
        var organisation = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == DemoLearningPlaces.Organisation).Select(o => o.Id).SingleAsync());
        var view = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/year?organisation={organisation}&year={year}");
        foreach (var (title, _) in facts)
        {
            var row = view.EnumerateArray().Single(p => p.GetProperty("title").GetString() == title);
            Assert.All(row.GetProperty("weeks").EnumerateArray(),
                w => Assert.Equal(Expected(title, w.GetProperty("week").GetInt32()), w.GetProperty("state").GetString()));
        }
        var states = view.EnumerateArray().Where(p => facts.ContainsKey(p.GetProperty("title").GetString()!))
            .SelectMany(p => p.GetProperty("weeks").EnumerateArray().Select(w => w.GetProperty("state").GetString()!)).ToList();
        // What the demo is for: the four weeks of leave unsupervised, and filled and empty weeks beside them.
        Assert.Equal(4, states.Count(s => s == "Unsupervised"));
        Assert.Contains("Filled", states);
        Assert.Contains("Empty", states);

        // No day of the year leaves the demo with nothing to propose (a place whose last period has ended cannot be): the places
        // that run all year, and the BOL placement's second half-year, are still offered, empty, in the second week of next year.
        var next = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/year?organisation={organisation}&year={year + 1}");
        foreach (var title in new[] { "BBL-werkplek verzorgende IG (demo)", "BOL-stage revalidatiezorg (demo)" })
            Assert.Equal("Empty", next.EnumerateArray().Single(p => p.GetProperty("title").GetString() == title)
                .GetProperty("weeks").EnumerateArray().Single(w => w.GetProperty("week").GetInt32() == 2).GetProperty("state").GetString());

        // Siza's place is in the region view of Oost beside Vogellanden's, and no learner's pseudonym is shown.
        var region = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/year?region=TP-OOST&year={year}");
        Assert.Contains(region.EnumerateArray(), p => p.GetProperty("title").GetString() == "Werkleerplek zorgtechnologie (demo)");
        Assert.DoesNotContain("verzonnen", region.ToString());

        // The demo staff account acts for Vogellanden: the form to offer a place opens on its supervisors.
        var staff = await SignInAsync(factory, DemoLearningPlaces.StaffEmail);
        var form = await staff.GetAsync("/leerplekken/nieuw");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        var html = await form.Content.ReadAsStringAsync();
        Assert.Contains("Anouk Mulder (demo)", html);
        Assert.DoesNotContain("Dewi Bakker (demo)", html);
    }
}

public sealed class DemoLearningPlacesSqlite(SqliteFactory factory) : DemoLearningPlacesTests<SqliteFactory>(factory);
public sealed class DemoLearningPlacesPostgres(PostgresFactory factory) : DemoLearningPlacesTests<PostgresFactory>(factory);
