using System.Net;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningPlaces;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// The place form takes dates as Dutch people type them where the browser shows a plain text field (6-7-2027 is 6 July),
/// besides ISO; anything else is named at the periods with a clear message in Dutch and English, and writes nothing.
/// </summary>
public abstract class LearningPlaceDutchDatesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();

    private Task<(int Places, int Periods, int Audit)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Set<LearningPlace>().CountAsync(), await db.Set<LearningPlacePeriod>().CountAsync(), await db.AuditEntries.CountAsync()));

    private static async Task<Form> FilledAsync(HttpClient staff, string title, int supervisor, string from, string to)
    {
        var form = await Form.OpenAsync(staff, "/leerplekken/nieuw");
        form["Title"] = title;
        form["Kind"] = "HolidayPlace";
        form["Sector"] = "care";
        form["Municipality"] = "GM0193";
        form["Seats"] = "1";
        form["PeriodFrom[0]"] = from;
        form["PeriodTo[0]"] = to;
        form.Tick("Supervisors", supervisor.ToString());
        return form;
    }

    [Theory]
    [InlineData("nl", "Periode 1: vul van en tot in als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, met het eind niet voor het begin en hoogstens twee jaar.")]
    [InlineData("en", "Period 1: fill in from and to as day-month-year (6-7-2027) or yyyy-mm-dd, the end not before the start and at most two years.")]
    public async Task A_summer_typed_as_6_7_2027_to_16_08_2027_is_saved_as_those_days_and_other_shapes_are_refused(string culture, string message)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var supervisor = await SupervisorAsync(staff, "Datum " + culture, 1);

        // Month-day, a two-digit year, a day that does not exist, slashes, words: each refused, nothing written.
        var before = await StateAsync();
        foreach (var typed in new[] { "7/6/2027", "6-7-27", "31-6-2027", "2027-7-6", "zes juli", "6-13-2027" })
        {
            var response = await (await FilledAsync(staff, "Datumplek fout " + culture, supervisor, typed, "16-8-2027")).SubmitAsync(staff);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal(message, document.QuerySelector("#fout-periods")!.TextContent.Trim());
            Assert.Contains(document.QuerySelectorAll("#fouten a"), a => a.GetAttribute("href") == "#periods" && a.TextContent.Trim() == message);
            // What was typed stays in the form, to correct.
            Assert.Equal(typed, document.QuerySelector("#period-from-0")!.GetAttribute("value"));
        }
        Assert.Equal(before, await StateAsync());

        var title = "Datumplek zomer " + culture;
        var saved = await (await FilledAsync(staff, title, supervisor, "6-7-2027", "16-08-2027")).SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var periods = await factory.InDbAsync(db => db.Set<LearningPlacePeriod>()
            .Where(p => db.Set<LearningPlace>().Any(x => x.Id == p.LearningPlaceId && x.Title == title)).Select(p => new { p.From, p.To }).ToListAsync());
        Assert.Equal((new DateOnly(2027, 7, 6), new DateOnly(2027, 8, 16)), (Assert.Single(periods).From, periods[0].To));

        // ISO, as a browser's date field sends it, still reads the same.
        var iso = await (await FilledAsync(staff, title + " iso", supervisor, "2027-07-06", "2027-08-16")).SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, iso.StatusCode);
        Assert.Equal(new DateOnly(2027, 7, 6), await factory.InDbAsync(db => db.Set<LearningPlacePeriod>()
            .Where(p => db.Set<LearningPlace>().Any(x => x.Id == p.LearningPlaceId && x.Title == title + " iso")).Select(p => p.From).SingleAsync()));
    }
}

public sealed class LearningPlaceDutchDatesSqlite(SqliteFactory factory) : LearningPlaceDutchDatesTests<SqliteFactory>(factory);
public sealed class LearningPlaceDutchDatesPostgres(PostgresFactory factory) : LearningPlaceDutchDatesTests<PostgresFactory>(factory);
