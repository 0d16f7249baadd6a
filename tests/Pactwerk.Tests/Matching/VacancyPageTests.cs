using System.Globalization;
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
/// The public page of one vacancy, in Dutch and English: what it shows is read back from the rows the database holds (not from
/// the page's own helper); past its last day it is still shown, marked closed; an unknown id is a 404; the employer's list,
/// the candidate's ranked list and a proposal's breadcrumb lead to it; nothing about candidates or proposals is on it.
/// </summary>
public abstract class VacancyPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Two of the zorg framework's competences whose English name differs from the Dutch one, so the page's language shows.</summary>
    private Task<List<(int Id, string Code, string NameNl, string NameEn)>> TwoCompetencesAsync() =>
        factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.Where(p => p.Code == "zorgpact").Select(p => p.Id).SingleAsync();
            return (await db.Competences.Where(c => c.PactId == pact && c.NameEn != null && c.NameEn != c.NameNl).OrderBy(c => c.Id).Take(2)
                .Select(c => new { c.Id, c.Code, c.NameNl, c.NameEn }).ToListAsync()).Select(c => (c.Id, c.Code, c.NameNl, c.NameEn!)).ToList();
        });

    [Theory]
    [InlineData("nl", "zorg", "20,75", "Werkgever", "Deze vacature is gesloten: de laatste dag om te reageren was {0}.", "{0} (gesloten)")]
    [InlineData("en", "care", "20.75", "Employer", "This vacancy is closed: the last day to respond was {0}.", "{0} (closed)")]
    public async Task The_page_shows_what_the_database_holds_in_the_readers_language_and_marks_a_closed_vacancy(string culture, string sector, string hours,
        string employerLabel, string closedText, string closedTitle)
    {
        var competences = await TwoCompetencesAsync();
        Assert.Equal(2, competences.Count);
        var (a, b) = (competences[0], competences[1]);
        var tag = culture + Guid.NewGuid().ToString("N")[..6];
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var created = await staff.PostAsJsonAsync("/api/v1/vacancies", new
        {
            title = $"Verzorgende IG {tag}", sector = "care", municipality = "GM0193", hoursPerWeek = 20.75m, openUntil = Today.AddDays(30).ToString("yyyy-MM-dd"),
            requirements = new[] { new { competenceId = a.Id, required = true, weight = 4, minimumLevel = 3 }, new { competenceId = b.Id, required = false, weight = 2, minimumLevel = 1 } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        // What the database holds, read with a plain query of its own.
        var held = await factory.InDbAsync(db => db.Set<Vacancy>().AsNoTracking().Where(v => v.Id == id)
            .Join(db.Organisations, v => v.OrganisationId, o => o.Id, (v, o) => new { v, Employer = o.Name, o.Id })
            .Join(db.Regions, x => x.v.MunicipalityId, r => r.Id, (x, r) => new { x.v.Title, x.Employer, OrganisationId = x.Id, Municipality = r.Name, x.v.OpenUntil })
            .SingleAsync());
        var asked = await factory.InDbAsync(db => db.Set<VacancyRequirement>().AsNoTracking().Where(r => r.VacancyId == id)
            .Select(r => new { r.CompetenceId, r.Required, r.Weight, r.MinimumLevel }).ToListAsync());
        Assert.Equal(2, asked.Count);
        string Name((int Id, string Code, string NameNl, string NameEn) c) => culture == "en" ? c.NameEn : c.NameNl;
        string[] Row((int Id, string Code, string NameNl, string NameEn) c)
        {
            var r = asked.Single(x => x.CompetenceId == c.Id);
            return [Name(c), c.Code, r.MinimumLevel.ToString(CultureInfo.InvariantCulture), r.Weight.ToString(CultureInfo.InvariantCulture)];
        }

        var reader = Anonymous(factory);
        await InCultureAsync(reader, culture);
        var response = await reader.GetAsync($"/vacatures/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(held.Title, document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Single(document.QuerySelectorAll("h1"));
        var facts = document.QuerySelectorAll("dl.facts dt").Zip(document.QuerySelectorAll("dl.facts dd"), (dt, dd) => (dt.TextContent.Trim(), dd.TextContent.Trim())).ToList();
        var openUntil = held.OpenUntil.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(culture == "en" ? "en-GB" : "nl-NL"));
        Assert.Equal((employerLabel, held.Employer), facts[0]);
        Assert.Equal([sector, held.Municipality, hours, openUntil], facts.Skip(1).Select(f => f.Item2));
        Assert.Equal($"/organisaties/{held.OrganisationId}", document.QuerySelector("dl.facts dd a")!.GetAttribute("href"));
        // The required and the desirable competence, each in its own table: name, code, minimum level (with its meaning) and weight.
        var required = document.QuerySelectorAll("#competenties-vereist tbody tr").Select(r => r.Children.Select(x => x.TextContent.Trim()).ToArray()).ToList();
        var desirable = document.QuerySelectorAll("#competenties-gewenst tbody tr").Select(r => r.Children.Select(x => x.TextContent.Trim()).ToArray()).ToList();
        static string Shown(string[] r) => string.Join(" | ", r[0], r[1], r[2].Split(' ')[0], r[3]);
        Assert.Equal([string.Join(" | ", Row(a))], required.Select(Shown));
        Assert.Equal([string.Join(" | ", Row(b))], desirable.Select(Shown));
        // The weights as published above, 4 and 2, written out by hand.
        Assert.Equal(("4", "2"), (required[0][3], desirable[0][3]));
        Assert.Null(document.QuerySelector("#gesloten"));
        // Nothing about candidates or proposals, and no edit link or form of the page's own for an anonymous reader (the
        // layout's language switch is a form on every page).
        Assert.Empty(document.QuerySelectorAll("a[href*='kandidaten'], a[href*='voorstellen'], a[href$='/bewerken'], form[method='post']:not([action='/taal'])"));
        // The vacancy's staff find the way to change it here; still nothing about candidates.
        var staffPage = Parser.ParseDocument(await staff.GetStringAsync($"/vacatures/{id}"));
        Assert.NotNull(staffPage.QuerySelector($"a[href='/vacatures/{id}/bewerken']"));
        Assert.Empty(staffPage.QuerySelectorAll("a[href*='kandidaten'], a[href*='voorstellen']"));

        // Past its last day: still there, marked closed, with the way to the employer's open vacancies.
        await factory.InDbAsync(db => db.Set<Vacancy>().Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.OpenUntil, Today.AddDays(-1))));
        var closedOn = Today.AddDays(-1).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(culture == "en" ? "en-GB" : "nl-NL"));
        response = await reader.GetAsync($"/vacatures/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        document = Parser.ParseDocument(await response.Content.ReadAsStringAsync());
        Assert.Equal(held.Title, document.QuerySelector("h1")!.TextContent.Trim());
        Assert.StartsWith(string.Format(closedText, closedOn), document.QuerySelector("#gesloten")!.TextContent.Trim());
        Assert.Equal($"/organisaties/{held.OrganisationId}/vacatures", document.QuerySelector("#gesloten a")!.GetAttribute("href"));
        Assert.StartsWith(string.Format(closedTitle, held.Title), document.Title);
        // And it has left the employer's open list.
        Assert.Null(Parser.ParseDocument(await reader.GetStringAsync($"/organisaties/{held.OrganisationId}/vacatures")).QuerySelector($"a[href='/vacatures/{id}']"));
    }

    [Fact]
    public async Task An_unknown_vacancy_is_not_found()
    {
        var unknown = await factory.InDbAsync(async db => (await db.Set<Vacancy>().MaxAsync(v => (int?)v.Id) ?? 0) + 1000);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"/vacatures/{unknown}")).StatusCode);
    }

    [Fact]
    public async Task The_employers_list_the_candidates_ranked_list_and_a_proposal_lead_to_the_vacancys_page()
    {
        var competences = await CompetencesAsync(factory, 1);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var created = await staff.PostAsJsonAsync("/api/v1/vacancies", new
        {
            title = $"Helpende {tag}", sector = "care", municipality = "GM0193", hoursPerWeek = 24m, openUntil = Today.AddDays(20).ToString("yyyy-MM-dd"),
            requirements = new[] { new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 2 } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var vacancy = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (id, organisation, title) = (vacancy.GetProperty("id").GetInt32(), vacancy.GetProperty("organisationId").GetInt32(), vacancy.GetProperty("title").GetString()!);

        // The employer's list, for anyone: the title is the link.
        var list = Parser.ParseDocument(await Anonymous(factory).GetStringAsync($"/organisaties/{organisation}/vacatures"));
        Assert.Equal(title, list.QuerySelector($"a[href='/vacatures/{id}']")!.TextContent.Trim());
        // For its staff as well, with the edit link beside it.
        var staffList = Parser.ParseDocument(await staff.GetStringAsync($"/organisaties/{organisation}/vacatures"));
        Assert.Equal(title, staffList.QuerySelector($"a[href='/vacatures/{id}']")!.TextContent.Trim());
        Assert.NotNull(staffList.QuerySelector($"a[href='/vacatures/{id}/bewerken']"));

        // The candidate's ranked list.
        var (candidate, _) = await PersonAsync(factory);
        await PutProfileAsync(candidate, "Lotte Link " + tag, true, [(competences[0], 3, null)]);
        var mine = Parser.ParseDocument(await candidate.GetStringAsync("/mijn-competenties/vacatures"));
        Assert.Equal(title, mine.QuerySelector($"#vacature-{id} a[href='/vacatures/{id}']")!.TextContent.Trim());

        // A proposal's breadcrumb and the candidates page's breadcrumb.
        var coordinator = await SignInAsync(factory, Coordinator);
        var candidateId = (await candidate.GetFromJsonAsync<JsonElement>("/api/v1/candidates/me")).GetProperty("id").GetInt32();
        var proposed = await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId, vacancyId = id });
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var proposal = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(title, Parser.ParseDocument(await staff.GetStringAsync($"/voorstellen/{proposal}")).QuerySelector($"nav.breadcrumb a[href='/vacatures/{id}']")!.TextContent.Trim());
        Assert.Equal(title, Parser.ParseDocument(await staff.GetStringAsync($"/vacatures/{id}/kandidaten")).QuerySelector($"nav.breadcrumb a[href='/vacatures/{id}']")!.TextContent.Trim());

        // Every one of these links answers, and the public page says nothing of the proposal or the candidate.
        var page = await Anonymous(factory).GetStringAsync($"/vacatures/{id}");
        Assert.DoesNotContain("Lotte Link", page);
        Assert.DoesNotContain($"/voorstellen/{proposal}", await staff.GetStringAsync($"/vacatures/{id}"));
    }

    [Fact]
    public async Task The_edit_pages_breadcrumb_leads_to_the_vacancys_page_under_its_stored_title_also_after_a_failed_save()
    {
        var competences = await CompetencesAsync(factory, 1);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var title = "Zorghulp " + Guid.NewGuid().ToString("N")[..6];
        var created = await staff.PostAsJsonAsync("/api/v1/vacancies", new
        {
            title, sector = "care", municipality = "GM0193", hoursPerWeek = 24m, openUntil = Today.AddDays(20).ToString("yyyy-MM-dd"),
            requirements = new[] { new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 2 } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var edit = $"/vacatures/{id}/bewerken";
        Assert.Equal(title, Parser.ParseDocument(await staff.GetStringAsync(edit)).QuerySelector($"nav.breadcrumb a[href='/vacatures/{id}']")!.TextContent.Trim());

        // A new title with a day in the past: refused, the form keeps what was typed, the breadcrumb the title that is stored.
        var form = await Form.OpenAsync(staff, edit);
        (form["Title"], form["OpenUntil"]) = ("Een titel die niet is opgeslagen", Today.AddDays(-3).ToString("yyyy-MM-dd"));
        var refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Een titel die niet is opgeslagen", document.QuerySelector("#title")!.GetAttribute("value"));
        Assert.Equal(title, document.QuerySelector($"nav.breadcrumb a[href='/vacatures/{id}']")!.TextContent.Trim());
        Assert.Equal(title, await factory.InDbAsync(db => db.Set<Vacancy>().Where(v => v.Id == id).Select(v => v.Title).SingleAsync()));
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync($"/vacatures/{id}")).StatusCode);
    }
}

public sealed class VacancyPageSqlite(SqliteFactory factory) : VacancyPageTests<SqliteFactory>(factory);
public sealed class VacancyPagePostgres(PostgresFactory factory) : VacancyPageTests<PostgresFactory>(factory);
