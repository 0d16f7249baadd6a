using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// The learning places' pages as people use them, in Dutch and English. The year page's cells are checked against weeks
/// worked out here day by day from the fixture's dates, not against the year view's own code.
/// </summary>
public abstract class LearningPlacePagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static IEnumerable<DateOnly> Days(DateOnly from, DateOnly to) => Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(from.AddDays);

    private static int WeekOf(DateOnly day) => ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue));

    [Theory]
    [InlineData("nl", "G", "L", "ZB", "zonder begeleiding")]
    [InlineData("en", "F", "E", "U", "unsupervised")]
    public async Task The_year_page_shows_each_week_of_a_place_as_worked_out_day_by_day(string culture, string filled, string empty, string unsupervised, string legend)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Jaarpagina " + culture, 1);
        var title = "Jaarpagina-plek " + culture;
        await PlaceAsync(staff, title, 1, [supervisor], [("2027-07-05", "2027-08-27")]);
        var place = await factory.InDbAsync(db => db.Set<Web.Features.LearningPlaces.LearningPlace>().Where(p => p.Title == title).Select(p => p.Id).SingleAsync());
        var placed = await staff.PostAsJsonAsync($"/api/v1/learning-places/{place}/placements", new { learner = "JP-" + culture, from = "2027-07-12", to = "2027-07-30" });
        Assert.Equal(HttpStatusCode.Created, placed.StatusCode);
        // A day of leave after the placement: that week has a learner but no supervisor.
        var leave = await staff.PutAsJsonAsync($"/api/v1/learning-place-supervisors/{supervisor}",
            new { name = "Jaarpagina " + culture, capacity = 1, absences = new[] { new { from = "2027-07-21", to = "2027-07-21" } } });
        Assert.Equal(HttpStatusCode.OK, leave.StatusCode);

        // Worked out here: the offered weeks, the weeks with the learner, and the week of the leave (a Wednesday).
        var offered = Days(new DateOnly(2027, 7, 5), new DateOnly(2027, 8, 27)).Select(WeekOf).ToHashSet();
        var withLearner = Days(new DateOnly(2027, 7, 12), new DateOnly(2027, 7, 30)).Select(WeekOf).ToHashSet();
        var away = WeekOf(new DateOnly(2027, 7, 21));
        string Expected(int week) => withLearner.Contains(week) ? week == away ? unsupervised : filled : offered.Contains(week) ? empty : "–";

        var organisation = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync());
        var client = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var html = await client.GetStringAsync($"/leerplekken/jaar?organisatie={organisation}&jaar=2027");
        var document = new HtmlParser().ParseDocument(html);
        var table = document.QuerySelector("table.year-view")!;
        Assert.NotNull(table.QuerySelector("caption"));
        var headers = table.QuerySelectorAll("thead th").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(3 + ISOWeek.GetWeeksInYear(2027), headers.Count);
        Assert.All(table.QuerySelectorAll("thead th"), h => Assert.Equal("col", h.GetAttribute("scope")));
        var row = table.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th[scope=row]")!.TextContent.Contains(title));
        var cells = row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList();
        var weeks = cells.Skip(2).ToList();
        Assert.Equal(Enumerable.Range(1, ISOWeek.GetWeeksInYear(2027)).Select(Expected), weeks);
        // The counts per place, counted one by one here.
        var emptyWeeks = offered.Count(w => !withLearner.Contains(w));
        Assert.Equal(8 - 3, emptyWeeks);
        Assert.Equal([emptyWeeks.ToString(CultureInfo.InvariantCulture), "1"], cells.Take(2));
        // The legend spells the short texts out; the learner's pseudonym is nowhere.
        Assert.Contains(legend, document.QuerySelector("#legenda")!.TextContent);
        Assert.DoesNotContain("JP-" + culture, html);

        // The organisation's staff see their own organisation without choosing it.
        var own = new HtmlParser().ParseDocument(await staff.GetStringAsync("/leerplekken/jaar?jaar=2027"));
        Assert.Contains(own.QuerySelectorAll("table.year-view tbody th[scope=row]"), h => h.TextContent.Contains(title));
    }

    [Theory]
    [InlineData("nl", "Kies een jaar van 2000 tot 2100.", "Kies een organisatie of een regio, één van beide.", "Er is geen regio 'XX-NIETS'.")]
    [InlineData("en", "Choose a year from 2000 to 2100.", "Choose an organisation or a region, one of the two.", "There is no region 'XX-NIETS'.")]
    public async Task A_bad_choice_on_the_year_page_is_named_at_its_field(string culture, string year, string scope, string region)
    {
        var client = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var organisation = await factory.InDbAsync(db => db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync());
        foreach (var (url, field, message, status) in new[]
        {
            ($"/leerplekken/jaar?organisatie={organisation}&jaar=20x7", "jaar", year, HttpStatusCode.BadRequest),
            ($"/leerplekken/jaar?organisatie={organisation}&jaar=1800", "jaar", year, HttpStatusCode.BadRequest),
            ($"/leerplekken/jaar?organisatie={organisation}&regio=TP-OOST&jaar=2027", "organisatie", scope, HttpStatusCode.BadRequest),
            ("/leerplekken/jaar?regio=XX-NIETS&jaar=2027", "regio", region, HttpStatusCode.NotFound),
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            var document = new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal("#" + field, document.QuerySelector("#fouten a")!.GetAttribute("href"));
            Assert.Equal(message, document.QuerySelector($"#fout-{field}")!.TextContent.Trim());
            var input = document.QuerySelector($"#{field}")!;
            Assert.Equal("true", input.GetAttribute("aria-invalid"));
            Assert.Contains($"fout-{field}", input.GetAttribute("aria-describedby"));
            Assert.Null(document.QuerySelector("table.year-view"));
        }
    }
}

public sealed class LearningPlacePagesSqlite(SqliteFactory factory) : LearningPlacePagesTests<SqliteFactory>(factory);
public sealed class LearningPlacePagesPostgres(PostgresFactory factory) : LearningPlacePagesTests<PostgresFactory>(factory);
