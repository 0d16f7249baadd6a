using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.LearningPlaces;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningPlaces.LearningPlacesTestData;

namespace Pactwerk.Tests.LearningPlaces;

/// <summary>
/// The pages of learning places for real users, as people use them in Dutch and English: the public list with its filters
/// and free seats, a place with its placements, the forms that offer and change a place, and the supervisors' page. Every
/// refusal is checked for its message at its field and for nothing written.
/// </summary>
public abstract class LearningPlaceFormPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();

    private Task<(int Places, int Placements, int Supervisors, int Audit)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Set<LearningPlace>().CountAsync(), await db.Set<Placement>().CountAsync(), await db.Set<Supervisor>().CountAsync(), await db.AuditEntries.CountAsync()));

    private Task<int> OrganisationAsync(string name) => factory.InDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    [Theory]
    [InlineData("nl", "Vakantieplek", "nu niet aangeboden")]
    [InlineData("en", "Holiday place", "not offered now")]
    public async Task The_list_filters_as_the_API_and_counts_the_seats_free_today_one_by_one(string culture, string holiday, string notNow)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        var supervisor = await SupervisorAsync(staff, "Lijst " + culture, 5);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var iso = (DateOnly d) => d.ToString("yyyy-MM-dd");
        var now = await PlaceAsync(staff, "Lijstplek nu " + culture, 3, [supervisor], [(iso(today.AddDays(-10)), iso(today.AddDays(30)))]);
        await PlaceAsync(staff, "Lijstplek zomer " + culture, 2, [supervisor], [("2031-07-01", "2031-08-31")]);
        // Two learners today and one who left yesterday: counted here, one free seat remains.
        foreach (var (learner, from, to) in new[] { ("L1", today.AddDays(-5), today), ("L2", today, today.AddDays(3)), ("L3", today.AddDays(-9), today.AddDays(-1)) })
            Assert.Equal(HttpStatusCode.Created, (await staff.PostAsJsonAsync($"/api/v1/learning-places/{now}/placements", new { learner = learner + culture, from = iso(from), to = iso(to) })).StatusCode);
        var placedToday = await factory.InDbAsync(db => db.Set<Placement>().Where(p => p.LearningPlaceId == now).ToListAsync());
        var expectedFree = 3 - placedToday.Count(p => p.From <= today && today <= p.To);
        Assert.Equal(1, expectedFree);

        var client = Anonymous(factory);
        await InCultureAsync(client, culture);
        var document = Parser.ParseDocument(await client.GetStringAsync("/leerplekken?regio=GM0193&sector=care"));
        var rows = document.QuerySelectorAll("main table tbody tr").ToList();
        var nowRow = rows.Single(r => r.QuerySelector("th[scope=row]")!.TextContent.Contains("Lijstplek nu " + culture));
        Assert.Equal(expectedFree.ToString(), nowRow.QuerySelectorAll("td").Last().TextContent.Trim());
        Assert.Contains(holiday, nowRow.TextContent);
        var summerRow = rows.Single(r => r.QuerySelector("th[scope=row]")!.TextContent.Contains("Lijstplek zomer " + culture));
        Assert.Equal(notNow, summerRow.QuerySelectorAll("td").Last().TextContent.Trim());
        Assert.DoesNotContain("L1" + culture, document.Body!.InnerHtml);

        // The period filter: only the summer place is offered in July 2031; another region has neither.
        var july = Parser.ParseDocument(await client.GetStringAsync("/leerplekken?van=2031-07-10&tot=2031-07-20&sector=care"));
        var titles = july.QuerySelectorAll("main table tbody th[scope=row]").Select(h => h.TextContent.Trim()).ToList();
        Assert.Contains("Lijstplek zomer " + culture, titles);
        Assert.DoesNotContain("Lijstplek nu " + culture, titles);
        var elsewhere = await client.GetStringAsync("/leerplekken?regio=GM0363");
        Assert.DoesNotContain("Lijstplek", elsewhere);
    }

    [Theory]
    [InlineData("nl", "Er is geen sector 'ruimtevaart'.", "Vul van en tot in als jjjj-mm-dd, met het eind niet voor het begin.", "Er is geen regio 'XX-NIETS'.")]
    [InlineData("en", "There is no sector 'ruimtevaart'.", "Fill in from and to as yyyy-mm-dd, the end not before the start.", "There is no region 'XX-NIETS'.")]
    public async Task A_bad_filter_on_the_list_is_named_at_its_field(string culture, string sector, string period, string region)
    {
        var client = Anonymous(factory);
        await InCultureAsync(client, culture);
        foreach (var (url, field, message, status) in new[]
        {
            ("/leerplekken?sector=ruimtevaart", "sector", sector, HttpStatusCode.BadRequest),
            ("/leerplekken?van=2027-08-01&tot=2027-07-01", "van", period, HttpStatusCode.BadRequest),
            ("/leerplekken?regio=XX-NIETS", "regio", region, HttpStatusCode.NotFound),
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(status, response.StatusCode);
            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Equal("#" + field, document.QuerySelector("#fouten a")!.GetAttribute("href"));
            Assert.Equal(message, document.QuerySelector($"#fout-{field}")!.TextContent.Trim());
            Assert.Equal("true", document.QuerySelector($"#{field}")!.GetAttribute("aria-invalid"));
            Assert.Null(document.QuerySelector("main table"));
        }
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Staff_offer_a_holiday_place_with_only_the_required_fields_and_it_reads_back_as_typed(string culture)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        await InCultureAsync(staff, culture);
        var supervisor = await SupervisorAsync(staff, "Nieuw " + culture, 2);
        Assert.Contains("href=\"/leerplekken/nieuw\"", await staff.GetStringAsync("/leerplekken"));
        var form = await Form.OpenAsync(staff, "/leerplekken/nieuw");
        form["Title"] = "Zomerplek " + culture;
        form["Kind"] = "HolidayPlace";
        form["Sector"] = "care";
        form["Municipality"] = "zwolle";
        form["Seats"] = "2";
        form["PeriodFrom[0]"] = "2027-07-01";
        form["PeriodTo[0]"] = "2027-08-31";
        form["PeriodFrom[1]"] = "2027-12-20";
        form["PeriodTo[1]"] = "2027-12-31";
        form.Tick("Supervisors", supervisor.ToString());
        var response = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var place = await factory.InDbAsync(db => db.Set<LearningPlace>().AsNoTracking().Include(p => p.Periods).Include(p => p.Supervisors).SingleAsync(p => p.Title == "Zomerplek " + culture));
        Assert.Equal($"/leerplekken/{place.Id}", response.Headers.Location!.OriginalString);
        Assert.Equal((LearningPlaceKind.HolidayPlace, "care", 2, (string?)null, (string?)null), (place.Kind, place.Sector, place.Seats, place.SbbNumber, place.Description));
        Assert.Equal(await OrganisationAsync("Vogellanden"), place.OrganisationId);
        Assert.Equal("GM0193", await factory.InDbAsync(db => db.Regions.Where(r => r.Id == place.MunicipalityId).Select(r => r.Code).SingleAsync()));
        Assert.Equal([(new DateOnly(2027, 7, 1), new DateOnly(2027, 8, 31)), (new DateOnly(2027, 12, 20), new DateOnly(2027, 12, 31))],
            place.Periods.OrderBy(p => p.From).Select(p => (p.From, p.To)));
        Assert.Equal([supervisor], place.Supervisors.Select(s => s.SupervisorId));

        // The edit form shows what was saved; saved unchanged, it writes nothing: no new version, no audit line.
        var before = await StateAsync();
        var edit = await Form.OpenAsync(staff, $"/leerplekken/{place.Id}/bewerken");
        Assert.Equal(("Zomerplek " + culture, "2", "2027-07-01", "2027-12-31"), (edit["Title"], edit["Seats"], edit["PeriodFrom[0]"], edit["PeriodTo[1]"]));
        Assert.Equal(HttpStatusCode.Redirect, (await edit.SubmitAsync(staff)).StatusCode);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(place.Version, await factory.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Id == place.Id).Select(p => p.Version).SingleAsync()));

        // A change of seats is saved.
        edit = await Form.OpenAsync(staff, $"/leerplekken/{place.Id}/bewerken");
        edit["Seats"] = "3";
        Assert.Equal(HttpStatusCode.Redirect, (await edit.SubmitAsync(staff)).StatusCode);
        Assert.Equal(3, await factory.InDbAsync(db => db.Set<LearningPlace>().Where(p => p.Id == place.Id).Select(p => p.Seats).SingleAsync()));
    }

    [Theory]
    [InlineData("nl", "Een BOL- of BBL-plek vraagt het SBB-erkenningsnummer van het leerbedrijf.", "Periode 1: vul van en tot in als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, met het eind niet voor het begin en hoogstens twee jaar.", "Vul een aantal plaatsen in van 1 tot 100.")]
    [InlineData("en", "A BOL or BBL place needs the SBB recognition number of the training company.", "Period 1: fill in from and to as day-month-year (6-7-2027) or yyyy-mm-dd, the end not before the start and at most two years.", "Fill in a number of places from 1 to 100.")]
    public async Task Bad_input_on_the_place_form_is_named_at_its_field_and_writes_nothing(string culture, string sbb, string period, string seats)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        await InCultureAsync(staff, culture);
        var supervisor = await SupervisorAsync(staff, "Fout " + culture, 2);
        var before = await StateAsync();
        foreach (var (field, message, fill) in new (string, string, Action<Form>)[]
        {
            ("sbbNumber", sbb, f => f["Kind"] = "BblWorkplace"),
            ("periods", period, f => (f["PeriodFrom[0]"], f["PeriodTo[0]"]) = ("2027-08-31", "2027-07-01")),
            ("seats", seats, f => f["Seats"] = "0"),
            ("seats", seats, f => f["Seats"] = "2,5"),
        })
        {
            var form = await Form.OpenAsync(staff, "/leerplekken/nieuw");
            form["Title"] = "Foutplek " + culture;
            form["Kind"] = "HolidayPlace";
            form["Sector"] = "care";
            form["Municipality"] = "GM0193";
            form["Seats"] = "2";
            form["PeriodFrom[0]"] = "2027-07-01";
            form["PeriodTo[0]"] = "2027-08-31";
            form.Tick("Supervisors", supervisor.ToString());
            fill(form);
            var response = await form.SubmitAsync(staff);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
            Assert.Contains(document.QuerySelectorAll("#fouten a"), a => a.GetAttribute("href") == "#" + field && a.TextContent.Trim() == message);
            Assert.Equal(message, document.QuerySelector($"#fout-{field}")!.TextContent.Trim());
            Assert.Contains($"fout-{field}", document.QuerySelector($"#{field}")!.GetAttribute("aria-describedby"));
            // What was typed stays in the form.
            Assert.Equal("Foutplek " + culture, document.QuerySelector("#title")!.GetAttribute("value"));
        }
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task The_forms_are_for_the_organisations_staff_only()
    {
        var vogellanden = await StaffAsync(factory, Vogellanden);
        var siza = await StaffAsync(factory, Siza);
        var supervisor = await SupervisorAsync(vogellanden, "Alleen eigen", 2);
        var place = await PlaceAsync(vogellanden, "Alleen eigen plek", 2, [supervisor], [("2027-07-01", "2027-08-31")]);
        var anonymous = Anonymous(factory);
        foreach (var url in new[] { "/leerplekken/nieuw", $"/leerplekken/{place}/bewerken", "/leerplekken/begeleiders" })
        {
            var challenged = await anonymous.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, challenged.StatusCode);
            Assert.StartsWith("/inloggen", challenged.Headers.Location!.AbsolutePath);
        }
        var vogellandenId = await OrganisationAsync("Vogellanden");
        foreach (var url in new[] { $"/leerplekken/nieuw?organisatie={vogellandenId}", $"/leerplekken/{place}/bewerken", $"/leerplekken/begeleiders?organisatie={vogellandenId}" })
        {
            var refused = await siza.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/geen-toegang", refused.Headers.Location!.AbsolutePath);
        }
        // A post from the other organisation, with its own valid token, changes nothing.
        var before = await StateAsync();
        var token = AntiforgeryToken(await siza.GetStringAsync("/leerplekken/begeleiders"));
        var posted = await siza.PostAsync($"/leerplekken/{place}/bewerken", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Title"] = "Overgenomen", ["Kind"] = "HolidayPlace", ["Sector"] = "care", ["Municipality"] = "GM0193", ["Seats"] = "9",
            ["PeriodFrom[0]"] = "2027-07-01", ["PeriodTo[0]"] = "2027-08-31",
        }));
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.StartsWith("/geen-toegang", posted.Headers.Location!.AbsolutePath);
        var placed = await siza.PostAsync($"/leerplekken/{place}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Learner"] = "S-1", ["From"] = "2027-07-05", ["To"] = "2027-07-09",
        }));
        Assert.Equal(HttpStatusCode.Redirect, placed.StatusCode);
        Assert.StartsWith("/geen-toegang", placed.Headers.Location!.AbsolutePath);
        Assert.Equal(before, await StateAsync());

        // The place page: public fields for everyone, supervisors and placements only for the organisation's staff.
        var publicPage = Parser.ParseDocument(await anonymous.GetStringAsync($"/leerplekken/{place}"));
        Assert.Equal("Alleen eigen plek", publicPage.QuerySelector("h1")!.TextContent.Trim());
        Assert.Null(publicPage.QuerySelector("#plaatsingen"));
        Assert.DoesNotContain("Alleen eigen", Parser.ParseDocument(await siza.GetStringAsync($"/leerplekken/{place}")).QuerySelector("#begeleiding")?.TextContent ?? "");
        Assert.Null(Parser.ParseDocument(await siza.GetStringAsync($"/leerplekken/{place}")).QuerySelector("#plaatsen"));
        Assert.NotNull(Parser.ParseDocument(await vogellanden.GetStringAsync($"/leerplekken/{place}")).QuerySelector("#plaatsen"));
    }

    [Theory]
    [InlineData("nl", "De leerplek wordt niet aangeboden op 2027-09-01; plaats binnen een periode van de leerplek.", "De leerplek is vol in week 2027-W28: alle 1 plaatsen zijn bezet. Er is niemand geplaatst.")]
    [InlineData("en", "The learning place is not offered on 2027-09-01; place within one of the learning place's periods.", "The learning place is full in week 2027-W28: all 1 places are taken. Nobody was placed.")]
    public async Task Staff_place_a_learner_on_the_page_within_the_seats_and_the_supervision(string culture, string outside, string full)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        await InCultureAsync(staff, culture);
        var supervisor = await SupervisorAsync(staff, "Plaatser " + culture, 2);
        var place = await PlaceAsync(staff, "Plaatsplek " + culture, 1, [supervisor], [("2027-07-01", "2027-08-31")]);
        var form = await Form.OpenAsync(staff, $"/leerplekken/{place}");
        form["Learner"] = "PL-" + culture;
        form["From"] = "2027-07-05";
        form["To"] = "2027-07-30";
        var response = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var placements = await factory.InDbAsync(db => db.Set<Placement>().Where(p => p.LearningPlaceId == place).ToListAsync());
        Assert.Equal([("PL-" + culture, new DateOnly(2027, 7, 5), new DateOnly(2027, 7, 30), supervisor, false)],
            placements.Select(p => (p.Learner, p.From, p.To, p.SupervisorId, p.Invented)));
        Assert.Contains("PL-" + culture, Parser.ParseDocument(await staff.GetStringAsync($"/leerplekken/{place}")).QuerySelector("#plaatsingen + table")!.TextContent);

        var before = await StateAsync();
        foreach (var (from, to, message, status) in new[] { ("2027-08-25", "2027-09-01", outside, HttpStatusCode.BadRequest), ("2027-07-12", "2027-07-16", full, HttpStatusCode.Conflict) })
        {
            var again = await Form.OpenAsync(staff, $"/leerplekken/{place}");
            again["Learner"] = "PL2-" + culture;
            again["From"] = from;
            again["To"] = to;
            var refused = await again.SubmitAsync(staff);
            Assert.Equal(status, refused.StatusCode);
            var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
            Assert.Equal(message, document.QuerySelector("#fouten li")!.TextContent.Trim());
        }
        Assert.Equal(before, await StateAsync());
    }

    [Theory]
    [InlineData("nl", "Vul in hoeveel leerlingen de praktijkopleider tegelijk begeleidt: 1 tot 20.")]
    [InlineData("en", "Fill in how many learners the supervisor guides at once: 1 to 20.")]
    public async Task Staff_add_a_supervisor_and_change_a_capacity_on_the_supervisors_page(string culture, string capacityMessage)
    {
        var staff = await StaffAsync(factory, Vogellanden);
        await InCultureAsync(staff, culture);
        var name = "Begeleider pagina " + culture;
        var html = await staff.GetStringAsync("/leerplekken/begeleiders");
        var token = AntiforgeryToken(html);
        var organisation = (await OrganisationAsync("Vogellanden")).ToString();
        var created = await staff.PostAsync("/leerplekken/begeleiders", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["organisatie"] = organisation, ["Name"] = name, ["Capacity"] = "2",
        }));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var supervisor = await factory.InDbAsync(db => db.Set<Supervisor>().AsNoTracking().SingleAsync(s => s.Name == name));
        Assert.Equal(2, supervisor.Capacity);
        var row = Parser.ParseDocument(await staff.GetStringAsync("/leerplekken/begeleiders")).QuerySelectorAll("main table tbody tr")
            .Single(r => r.QuerySelector("th")!.TextContent.Trim() == name);
        Assert.Equal("2", row.QuerySelector($"#capacity-{supervisor.Id}")!.GetAttribute("value"));

        var change = await staff.PostAsync("/leerplekken/begeleiders", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["organisatie"] = organisation, ["SupervisorId"] = supervisor.Id.ToString(), ["Capacity"] = "4",
        }));
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
        var changed = await factory.InDbAsync(db => db.Set<Supervisor>().AsNoTracking().SingleAsync(s => s.Id == supervisor.Id));
        Assert.Equal((4, name), (changed.Capacity, changed.Name));

        var before = await StateAsync();
        var refused = await staff.PostAsync("/leerplekken/begeleiders", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["organisatie"] = organisation, ["SupervisorId"] = supervisor.Id.ToString(), ["Capacity"] = "0",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("#capacity-" + supervisor.Id, document.QuerySelector("#fouten a")!.GetAttribute("href"));
        Assert.Equal(capacityMessage, document.QuerySelector($"#fout-capacity-{supervisor.Id}")!.TextContent.Trim());
        Assert.Equal(before, await StateAsync());
        Assert.Equal(4, await factory.InDbAsync(db => db.Set<Supervisor>().Where(s => s.Id == supervisor.Id).Select(s => s.Capacity).SingleAsync()));
    }
}

public sealed class LearningPlaceFormPagesSqlite(SqliteFactory factory) : LearningPlaceFormPagesTests<SqliteFactory>(factory);
public sealed class LearningPlaceFormPagesPostgres(PostgresFactory factory) : LearningPlaceFormPagesTests<PostgresFactory>(factory);
