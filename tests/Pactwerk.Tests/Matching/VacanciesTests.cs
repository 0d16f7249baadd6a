using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// Employer vacancies: published by the organisation's staff through the API and the pages (Dutch and English), ranked
/// against candidates with the scores counted by hand and the same ranking a place asking the same gets; bad input named
/// in both languages with nothing written; an unchanged save writes nothing.
/// </summary>
public abstract class VacanciesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private Task<(int Vacancies, int Requirements, int Audit, int Versions)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Set<Vacancy>().CountAsync(), await db.Set<VacancyRequirement>().CountAsync(), await db.AuditEntries.CountAsync(),
            await db.Set<Vacancy>().SumAsync(v => v.Version)));

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Vacancy(string title, object[] requirements, decimal hours = 32m, string? openUntil = null, int? version = null) => new
    {
        title, sector = "care", municipality = "GM0193", hoursPerWeek = hours, openUntil = openUntil ?? Iso(Today.AddDays(30)), requirements, version,
    };

    private static async Task<int> IdAsync(HttpClient candidate) => (await candidate.GetFromJsonAsync<JsonElement>("/api/v1/candidates/me")).GetProperty("id").GetInt32();

    [Fact]
    public async Task A_vacancy_ranks_candidates_as_a_place_asking_the_same_does_with_scores_counted_by_hand()
    {
        var competences = await CompetencesAsync(factory, 3);
        var (a, b) = (competences[0], competences[1]);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var asked = new object[]
        {
            new { competenceId = a, required = true, weight = 4, minimumLevel = 3 },
            new { competenceId = b, required = false, weight = 2, minimumLevel = 4 },
        };
        var vacancy = await CreatedAsync(await staff.PostAsJsonAsync("/api/v1/vacancies", Vacancy("Verzorgende IG", asked, 20.75m)));
        var id = vacancy.GetProperty("id").GetInt32();
        Assert.Equal(20.75m, vacancy.GetProperty("hoursPerWeek").GetDecimal());
        Assert.Equal("Vogellanden", vacancy.GetProperty("organisation").GetString());
        Assert.Equal("GM0193", vacancy.GetProperty("municipality").GetString());
        Assert.Equal([(a, true, 4, 3), (b, false, 2, 4)], vacancy.GetProperty("requirements").EnumerateArray()
            .Select(r => (r.GetProperty("competenceId").GetInt32(), r.GetProperty("required").GetBoolean(), r.GetProperty("weight").GetInt32(), r.GetProperty("minimumLevel").GetInt32())));
        // A place asking exactly the same, for the one-path comparison below.
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/learning-places/{place}/requirements", asked)).StatusCode);

        var (full, _) = await PersonAsync(factory);
        var (part, _) = await PersonAsync(factory);
        var (low, _) = await PersonAsync(factory);
        var (silent, _) = await PersonAsync(factory);
        await PutProfileAsync(full, "Anna Vacature", true, [(a, 4, "diploma"), (b, 4, "portfolio")]);
        await PutProfileAsync(part, "Bram Vacature", true, [(a, 3, "werkervaring 3 jaar"), (b, 2, null)]);
        await PutProfileAsync(low, "Cem Vacature", true, [(a, 2, null)]);
        await PutProfileAsync(silent, "Dana Vacature", false, [(a, 4, "diploma"), (b, 4, null)]);
        var ids = new[] { await IdAsync(full), await IdAsync(part), await IdAsync(low), await IdAsync(silent) };

        var coordinator = await SignInAsync(factory, Coordinator);
        var ranking = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{id}/candidates")).EnumerateArray()
            .Where(r => ids.Contains(r.GetProperty("candidateId").GetInt32())).ToList();
        // By hand: Anna 6 of 6 = 100; Bram 4 + 2·½·2/4 = 4.5 of 6 = 75; Cem 4·½·2/3 = 1.33 of 6 = 22.2 and misses a required one.
        Assert.Equal([ids[0], ids[1], ids[2]], ranking.Select(r => r.GetProperty("candidateId").GetInt32()));
        Assert.Equal([100.0, 75.0, 22.2], ranking.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal([true, true, false], ranking.Select(r => r.GetProperty("meetsAllRequired").GetBoolean()));
        Assert.Equal("Bram Vacature", ranking[1].GetProperty("name").GetString());
        Assert.Equal(["Met", "BelowLevel"], ranking[1].GetProperty("explanation").EnumerateArray().Select(e => e.GetProperty("fit").GetString()));

        // The place asking the same ranks them identically, explanation and all: one path.
        var forPlace = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/learning-places/{place}/candidates")).EnumerateArray()
            .Where(r => ids.Contains(r.GetProperty("candidateId").GetInt32())).Select(r => r.GetRawText()).ToList();
        Assert.Equal(forPlace, ranking.Select(r => r.GetRawText()));

        // Blind for the organisation's staff; refused to another organisation.
        var blind = await staff.GetStringAsync($"/api/v1/vacancies/{id}/candidates");
        Assert.DoesNotContain("Bram Vacature", blind);
        Assert.Contains($"\"candidateId\":{ids[1]}", blind);
        var siza = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza);
        Assert.Equal(HttpStatusCode.Forbidden, (await siza.GetAsync($"/api/v1/vacancies/{id}/candidates")).StatusCode);

        // The candidate sees the vacancy among theirs, with the same score; nobody else but a coordinator may look.
        var mine = (await part.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{ids[1]}/vacancies")).EnumerateArray().Single(v => v.GetProperty("vacancyId").GetInt32() == id);
        Assert.Equal(75.0, mine.GetProperty("score").GetDouble());
        Assert.Equal("Verzorgende IG", mine.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await full.GetAsync($"/api/v1/candidates/{ids[1]}/vacancies")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/candidates/{ids[1]}/vacancies")).StatusCode);

        // Public reading: the list and the vacancy itself.
        var anonymous = Anonymous(factory);
        Assert.Contains((await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies?organisation={vacancy.GetProperty("organisationId").GetInt32()}")).EnumerateArray(),
            v => v.GetProperty("id").GetInt32() == id);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/v1/vacancies/{id}")).StatusCode);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Bad_input_is_named_in_the_readers_language_and_nothing_is_written(string language)
    {
        var competences = await CompetencesAsync(factory, 2);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var good = new object[] { new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 2 } };
        var existing = (await CreatedAsync(await staff.PostAsJsonAsync("/api/v1/vacancies", Vacancy("Helpende zorg", good)))).GetProperty("id").GetInt32();
        var nl = language == "nl";
        var cases = new (object Body, string Field, string Message)[]
        {
            (Vacancy("Geen competenties", []), "requirements",
                nl ? "Noem minstens één competentie die de vacature vraagt." : "Name at least one competence the vacancy asks."),
            (Vacancy("Onbekend", [new { competenceId = 999999, required = true, weight = 3, minimumLevel = 2 }]), "requirements",
                nl ? "Competentie 999999 bestaat niet." : "Competence 999999 does not exist."),
            (Vacancy("Gewicht", [new { competenceId = competences[0], required = true, weight = 6, minimumLevel = 2 }]), "requirements",
                nl ? $"Het gewicht van competentie {competences[0]} is 1 tot en met 5." : $"The weight of competence {competences[0]} is 1 to 5."),
            (Vacancy("Niveau", [new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 5 }]), "requirements",
                nl ? $"Het niveau van competentie {competences[0]} is 1, 2, 3 of 4." : $"The level of competence {competences[0]} is 1, 2, 3 or 4."),
            (Vacancy("Verleden", good, openUntil: Iso(Today.AddDays(-1))), "openUntil",
                nl ? "Vul in tot wanneer de vacature openstaat, als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, vandaag of later."
                   : "Fill in until when the vacancy is open, as day-month-year (6-7-2027) or yyyy-mm-dd, today or later."),
            (Vacancy("Uren", good, hours: 40.5m), "hoursPerWeek",
                nl ? "Vul het aantal uren per week in: meer dan 0 en hoogstens 40, met hoogstens twee decimalen (zoals 20,75)."
                   : "Fill in the hours per week: more than 0 and at most 40, with at most two decimals (such as 20.75)."),
        };
        var before = await StateAsync();
        foreach (var (body, field, message) in cases)
        {
            foreach (var (method, url) in new[] { (HttpMethod.Post, "/api/v1/vacancies"), (HttpMethod.Put, $"/api/v1/vacancies/{existing}") })
            {
                var request = new HttpRequestMessage(method, url) { Content = JsonContent.Create(body) };
                request.Headers.AcceptLanguage.ParseAdd(language);
                var response = await staff.SendAsync(request);
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
                Assert.Equal(message, errors.GetProperty(field)[0].GetString());
            }
        }
        Assert.Equal(before, await StateAsync());

        // Another organisation's vacancy: refused, in the reader's language, nothing written.
        var siza = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza);
        var foreign = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/vacancies/{existing}") { Content = JsonContent.Create(Vacancy("Overgenomen", good)) };
        foreign.Headers.AcceptLanguage.ParseAdd(language);
        var refused = await siza.SendAsync(foreign);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(nl ? "Alleen wie namens de organisatie van de vacature optreedt, kan dit doen; er is niets gewijzigd."
                : "Only someone acting for the vacancy's organisation can do this; nothing was changed.",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, await StateAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await staff.PutAsJsonAsync("/api/v1/vacancies/999999", Vacancy("Niemand", good))).StatusCode);

        // Unchanged: nothing written, the version stays; a stale version is refused.
        var version = (await staff.GetFromJsonAsync<JsonElement>($"/api/v1/vacancies/{existing}")).GetProperty("version").GetInt32();
        var same = await staff.PutAsJsonAsync($"/api/v1/vacancies/{existing}", Vacancy("Helpende zorg", good, version: version));
        Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        Assert.Equal(before, await StateAsync());
        var changed = await staff.PutAsJsonAsync($"/api/v1/vacancies/{existing}", Vacancy("Helpende zorg", [new { competenceId = competences[1], required = false, weight = 5, minimumLevel = 1 }], version: version));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(version + 1, (await changed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());
        Assert.Equal(HttpStatusCode.Conflict, (await staff.PutAsJsonAsync($"/api/v1/vacancies/{existing}", Vacancy("Oud", good, version: version))).StatusCode);
    }

    [Theory]
    [InlineData("nl", "20,75", "Noem minstens één competentie die de vacature vraagt.")]
    [InlineData("en", "20.75", "Name at least one competence the vacancy asks.")]
    public async Task Staff_publish_and_change_a_vacancy_on_the_pages(string culture, string hours, string noCompetences)
    {
        var competences = await CompetencesAsync(factory, 2);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var organisation = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync());
        var title = "Medewerker zorg " + culture + Guid.NewGuid().ToString("N")[..4];

        // Only the required fields, without a competence: named at the table, nothing written.
        var before = await StateAsync();
        var form = await Form.OpenAsync(staff, $"/organisaties/{organisation}/vacatures/nieuw");
        (form["Title"], form["Sector"], form["Municipality"], form["HoursPerWeek"], form["OpenUntil"]) = (title, "care", "Zwolle", hours, Iso(Today.AddDays(60)));
        var refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("#requirements", document.QuerySelector("#fouten a")!.GetAttribute("href"));
        Assert.Equal(noCompetences, document.QuerySelector("#fout-requirements")!.TextContent.Trim());
        Assert.Equal(before, await StateAsync());

        // The other language's separator is no thousands separator: 1.5 typed in Dutch (1,5 in English) is refused at the
        // hours, not saved as 15 hours.
        var misread = Form.Read(await refused.Content.ReadAsStringAsync(), $"/organisaties/{organisation}/vacatures/nieuw");
        misread["HoursPerWeek"] = culture == "nl" ? "1.5" : "1,5";
        misread[$"Asked[{competences[0]}]"] = "vereist";
        misread[$"Weight[{competences[0]}]"] = "4";
        misread[$"MinimumLevel[{competences[0]}]"] = "3";
        var wrongSeparator = await misread.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, wrongSeparator.StatusCode);
        Assert.Equal("true", Parser.ParseDocument(await wrongSeparator.Content.ReadAsStringAsync()).QuerySelector("#hoursPerWeek")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await StateAsync());

        // With one required competence it is published, as typed: hours read in the page's own culture.
        form = Form.Read(await refused.Content.ReadAsStringAsync(), $"/organisaties/{organisation}/vacatures/nieuw");
        form[$"Asked[{competences[0]}]"] = "vereist";
        form[$"Weight[{competences[0]}]"] = "4";
        form[$"MinimumLevel[{competences[0]}]"] = "3";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        var saved = await factory.InDbAsync(db => db.Set<Vacancy>().AsNoTracking().Include(v => v.Requirements).SingleAsync(v => v.Title == title));
        Assert.Equal((20.75m, "care", Today.AddDays(60)), (saved.HoursPerWeek, saved.Sector, saved.OpenUntil));
        Assert.Equal([(competences[0], true, 4, 3)], saved.Requirements.Select(r => (r.CompetenceId, r.Required, r.Weight, r.MinimumLevel)));

        // The list shows it; the edit page shows it as typed, and saved unchanged it writes nothing.
        var list = await staff.GetStringAsync($"/organisaties/{organisation}/vacatures");
        Assert.Contains(title, list);
        Assert.Contains($"/vacatures/{saved.Id}/bewerken", list);
        Assert.DoesNotContain($"/vacatures/{saved.Id}/bewerken", await Anonymous(factory).GetStringAsync($"/organisaties/{organisation}/vacatures"));
        before = await StateAsync();
        form = await Form.OpenAsync(staff, $"/vacatures/{saved.Id}/bewerken");
        Assert.Equal((title, hours, "vereist"), (form["Title"], form["HoursPerWeek"], form[$"Asked[{competences[0]}]"]));
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        Assert.Equal(before, await StateAsync());

        // A day in the past: named at its field in the reader's language, nothing written.
        form = await Form.OpenAsync(staff, $"/vacatures/{saved.Id}/bewerken");
        form["OpenUntil"] = Iso(Today.AddDays(-3));
        refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal(culture == "nl" ? "Vul in tot wanneer de vacature openstaat, als dag-maand-jaar (6-7-2027) of jjjj-mm-dd, vandaag of later."
            : "Fill in until when the vacancy is open, as day-month-year (6-7-2027) or yyyy-mm-dd, today or later.", document.QuerySelector("#fout-openUntil")!.TextContent.Trim());
        Assert.Equal("true", document.QuerySelector("#openUntil")!.GetAttribute("aria-invalid"));
        Assert.Equal(before, await StateAsync());

        // Another organisation's staff are refused its form, and a post of it (with the staff's own form) writes nothing.
        var siza = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza);
        foreach (var page in new[] { $"/vacatures/{saved.Id}/bewerken", $"/organisaties/{organisation}/vacatures/nieuw", $"/vacatures/{saved.Id}/kandidaten" })
            Assert.StartsWith("/geen-toegang", (await siza.GetAsync(page)).Headers.Location!.AbsolutePath);
        var sizaPage = $"/organisaties/{await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Siza").Select(o => o.Id).SingleAsync())}/vacatures/nieuw";
        var posted = await PostFormAsync(siza, $"/vacatures/{saved.Id}/bewerken",
            form.Names.Where(n => n != "__RequestVerificationToken").Distinct().ToDictionary(n => n, n => form[n]), formPage: sizaPage);
        Assert.StartsWith("/geen-toegang", posted.Headers.Location!.AbsolutePath);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/vacatures/{saved.Id}/kandidaten")).StatusCode);
    }
}

public sealed class VacanciesSqlite(SqliteFactory factory) : VacanciesTests<SqliteFactory>(factory);
public sealed class VacanciesPostgres(PostgresFactory factory) : VacanciesTests<PostgresFactory>(factory);
