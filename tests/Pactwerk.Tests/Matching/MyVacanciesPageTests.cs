using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Matching;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// The candidate's own page of employer vacancies ranked for them, in Dutch and English: the order and the scores worked out
/// by hand from the levels and weights below, the explanation row by row (with the course that closes a gap), a closed
/// vacancy absent; without a profile or consent nothing is ranked; nobody reaches another person's list.
/// </summary>
public abstract class MyVacanciesPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private static async Task<int> PublishAsync(HttpClient staff, string title, object[] requirements)
    {
        var created = await staff.PostAsJsonAsync("/api/v1/vacancies", new
        {
            title, sector = "care", municipality = "GM0193", hoursPerWeek = 32m, openUntil = Today.AddDays(30).ToString("yyyy-MM-dd"), requirements,
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    private static object Asks(int competence, bool required, int weight, int minimumLevel) => new { competenceId = competence, required, weight, minimumLevel };

    [Theory]
    [InlineData("nl", "Score {0} van 100", "75", "29,2", "Vereist (gewicht 4)", "Voldoet", "Gewenst (gewicht 2)", "Onder het niveau", "Ontbreekt geheel", "voldoet aan alle vereiste competenties", "mist een vereiste competentie")]
    [InlineData("en", "Score {0} of 100", "75", "29.2", "Required (weight 4)", "Meets it", "Desirable (weight 2)", "Below the level", "Missing entirely", "meets every required competence", "misses a required competence")]
    public async Task The_candidate_sees_open_vacancies_in_the_order_and_with_the_scores_worked_out_by_hand_and_never_a_closed_one(string culture, string scoreText,
        string seventyFive, string twentyNine, string requiredW4, string met, string desirableW2, string below, string missing, string meetsAll, string missesOne)
    {
        var competences = await CompetencesAsync(factory, 3);
        var (a, b, c) = (competences[0], competences[1], competences[2]);
        var tag = culture + Guid.NewGuid().ToString("N")[..6];
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);

        // The candidate holds a at level 3 and b at level 2, and not c. A met requirement earns its whole weight, one below its
        // minimum half the weight times level/minimum, a missing one nothing; the score is the share of the total weight.
        var verzorgende = await PublishAsync(staff, $"Verzorgende {tag}", [Asks(a, true, 4, 3), Asks(b, false, 2, 4)]);
        // a met: 4; b 2/4 of the way: 2 · ½ · 2/4 = 0.5; 4.5 of 6 = 75; every required one met.
        var helpende = await PublishAsync(staff, $"Helpende {tag}", [Asks(a, true, 3, 2)]);
        // a met: 3 of 3 = 100.
        var begeleider = await PublishAsync(staff, $"Begeleider {tag}", [Asks(b, true, 1, 2), Asks(c, false, 4, 1)]);
        // b met: 1; c missing: 0; 1 of 5 = 20; the required one met.
        var wijk = await PublishAsync(staff, $"Wijkverpleegkundige {tag}", [Asks(a, true, 2, 4), Asks(b, true, 3, 3), Asks(c, false, 1, 2)]);
        // a 3/4: 2 · ½ · 3/4 = 0.75; b 2/3: 3 · ½ · 2/3 = 1; c 0; 1.75 of 6 = 29.17 — more than 20, but two required ones are below
        // their level, so it ranks after every vacancy whose required competences are all met.
        var closed = await PublishAsync(staff, $"Gesloten {tag}", [Asks(a, true, 5, 1)]);
        // Would score 100, but its last day was yesterday.
        await factory.InDbAsync(db => db.Set<Vacancy>().Where(v => v.Id == closed).ExecuteUpdateAsync(s => s.SetProperty(v => v.OpenUntil, Today.AddDays(-1))));

        // A voucher course that teaches b up to level 4 closes the gap the first vacancy shows.
        var course = await factory.InDbAsync(db => db.VoucherCourses.Join(db.VoucherProviders, x => x.ProviderId, p => p.Id, (x, p) => new { x.Id, x.Title, p.SchemeId })
            .Join(db.VoucherSchemes.Where(s => s.Code == DemoVouchers.Gelderland), x => x.SchemeId, s => s.Id, (x, _) => new { x.Id, x.Title }).OrderBy(x => x.Id).FirstAsync());
        var officer = await SignInAsync(factory, DemoVouchers.OfficerEmail);
        Assert.Equal(HttpStatusCode.OK, (await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{course.Id}/competences", new[] { new { competenceId = b, level = 4 } })).StatusCode);

        var (candidate, _) = await PersonAsync(factory);
        await PutProfileAsync(candidate, "Vera Vacature " + tag, true, [(a, 3, "diploma mbo 3"), (b, 2, null)]);
        await InCultureAsync(candidate, culture);
        var page = await candidate.GetAsync("/mijn-competenties/vacatures");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var document = Parser.ParseDocument(await page.Content.ReadAsStringAsync());
        Assert.Equal(1, document.QuerySelectorAll("h1").Length);

        // Other vacancies (the demo's, or those of the other language's run) may be ranked too; these five are placed among
        // each other as worked out above, the closed one nowhere.
        int[] mine = [verzorgende, helpende, begeleider, wijk, closed];
        var sections = document.QuerySelectorAll("section[aria-labelledby^='vacature-']")
            .Select(s => (Id: int.Parse(s.GetAttribute("aria-labelledby")!["vacature-".Length..]), Section: s)).Where(s => mine.Contains(s.Id)).ToList();
        Assert.Equal([helpende, verzorgende, begeleider, wijk], sections.Select(s => s.Id));
        Assert.Equal([string.Format(scoreText, "100"), string.Format(scoreText, seventyFive), string.Format(scoreText, "20"), string.Format(scoreText, twentyNine)],
            sections.Select(s => s.Section.QuerySelectorAll("p").Select(p => p.TextContent).Single(t => t.Contains(scoreText[..5])).Split(" · ")[0].Trim()));
        Assert.Equal([meetsAll, meetsAll, meetsAll, missesOne], sections.Select(s => s.Section.QuerySelectorAll("p").Select(p => p.TextContent).Single(t => t.Contains(scoreText[..5])).Split(" · ")[1].Trim()));
        // The ranks shown are the list's own positions, one after the other.
        var ranks = document.QuerySelectorAll("section[aria-labelledby^='vacature-'] h2").Select(h => int.Parse(h.TextContent.Split('.')[0])).ToList();
        Assert.Equal(Enumerable.Range(1, ranks.Count), ranks);
        Assert.Contains($"Helpende {tag}", sections[0].Section.QuerySelector("h2")!.TextContent);
        Assert.Contains("Vogellanden", sections[0].Section.TextContent);
        Assert.NotNull(sections[0].Section.QuerySelector($"a[href^='/organisaties/'][href$='/vacatures']"));
        Assert.DoesNotContain($"Gesloten {tag}", document.Body!.TextContent);

        // The first vacancy's explanation, row by row: a met at 3 of minimum 3 with its evidence; b at 2 below minimum 4, with the
        // course that teaches it up to 4.
        var rows = document.QuerySelectorAll($"#uitleg-vacature-{verzorgende} tbody tr").Select(r => r.Children.Select(x => x.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal([requiredW4, "3", "3", met, "diploma mbo 3", ""], rows[0].Skip(1));
        Assert.Equal([desirableW2, "4", "2", below, ""], rows[1].Skip(1).Take(5));
        Assert.Contains(course.Title, rows[1][6]);
        // The fourth: a and b below their minimum, c missing (level shown as a dash).
        var wijkRows = document.QuerySelectorAll($"#uitleg-vacature-{wijk} tbody tr").Select(r => r.Children.Select(x => x.TextContent.Trim()).ToList()).ToList();
        Assert.Equal([("4", "3", below), ("3", "2", below), ("2", "–", missing)], wijkRows.Select(r => (r[2], r[3], r[4])));

        // The same list as the API's ranking for the candidate: one path for both.
        var id = (await candidate.GetFromJsonAsync<JsonElement>("/api/v1/candidates/me")).GetProperty("id").GetInt32();
        var api = (await candidate.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/vacancies")).EnumerateArray().Select(v => v.GetProperty("vacancyId").GetInt32()).ToList();
        Assert.Equal(api, document.QuerySelectorAll("section[aria-labelledby^='vacature-']").Select(s => int.Parse(s.GetAttribute("aria-labelledby")!["vacature-".Length..])));
    }

    [Theory]
    [InlineData("nl", "U heeft nog geen kandidaatprofiel", "U heeft geen toestemming gegeven om gematcht te worden; daarom zoekt Pactwerk geen vacatures voor u.")]
    [InlineData("en", "You have no candidate profile yet", "You have not consented to being matched; so Pactwerk does not look for vacancies for you.")]
    public async Task Without_a_profile_or_consent_nothing_is_ranked_and_nobody_reaches_another_persons_list(string culture, string noProfile, string noConsent)
    {
        var competences = await CompetencesAsync(factory, 1);
        var tag = culture + Guid.NewGuid().ToString("N")[..6];
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        await PublishAsync(staff, $"Zorgmedewerker {tag}", [Asks(competences[0], true, 2, 1)]);
        var (owner, _) = await PersonAsync(factory);
        await PutProfileAsync(owner, "Olaf Eigen " + tag, true, [(competences[0], 4, "diploma")]);
        Assert.Contains($"Zorgmedewerker {tag}", await owner.GetStringAsync("/mijn-competenties/vacatures"));

        // Anonymous: sent to sign in, as on the places page.
        var anonymous = await Anonymous(factory).GetAsync("/mijn-competenties/vacatures");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/inloggen", anonymous.Headers.Location!.ToString(), StringComparison.OrdinalIgnoreCase);

        // Someone else sees only their own state: no profile, and nothing of the owner's list.
        var (other, _) = await PersonAsync(factory);
        await InCultureAsync(other, culture);
        var html = await other.GetStringAsync("/mijn-competenties/vacatures");
        Assert.Contains(noProfile, html);
        Assert.DoesNotContain($"Zorgmedewerker {tag}", html);
        Assert.Empty(Parser.ParseDocument(html).QuerySelectorAll("section[aria-labelledby^='vacature-']"));

        // With a profile that holds the competence but no consent: the consent-first message, nothing ranked.
        await PutProfileAsync(other, "Nina Niet " + tag, false, [(competences[0], 4, null)]);
        var document = Parser.ParseDocument(await other.GetStringAsync("/mijn-competenties/vacatures"));
        Assert.Contains(noConsent, document.QuerySelector("main")!.TextContent);
        Assert.Empty(document.QuerySelectorAll("section[aria-labelledby^='vacature-']"));
        Assert.NotNull(document.QuerySelector("main a[href='/mijn-competenties']"));
    }

    [Fact]
    public async Task The_pact_home_leads_signed_in_people_to_their_matching_pages_and_others_to_sign_in_first()
    {
        var (person, _) = await PersonAsync(factory);
        var links = Parser.ParseDocument(await person.GetStringAsync("/pact/zorgpact")).QuerySelectorAll("section[aria-labelledby='matchen'] a")
            .Select(a => a.GetAttribute("href")!).ToList();
        Assert.Equal(["/mijn-competenties", "/mijn-competenties/leerplekken", "/mijn-competenties/vacatures"], links);
        foreach (var link in links)
            Assert.Equal(HttpStatusCode.OK, (await person.GetAsync(link)).StatusCode);

        var anonymous = Anonymous(factory);
        var signIn = Parser.ParseDocument(await anonymous.GetStringAsync("/pact/zorgpact")).QuerySelectorAll("section[aria-labelledby='matchen'] a")
            .Select(a => a.GetAttribute("href")!).Single();
        Assert.Equal("/inloggen?ReturnUrl=%2Fmijn-competenties", signIn);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(signIn)).StatusCode);
    }
}

public sealed class MyVacanciesPageSqlite(SqliteFactory factory) : MyVacanciesPageTests<SqliteFactory>(factory);
public sealed class MyVacanciesPagePostgres(PostgresFactory factory) : MyVacanciesPageTests<PostgresFactory>(factory);
