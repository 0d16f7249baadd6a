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
/// Proposals for employer vacancies, by the flow places have: a coordinator proposes from the vacancy's ranking or the API,
/// the vacancy's organisation sees competences and evidence only until it accepts (another organisation may not decide),
/// the candidate agrees and finds the proposal on their own page. The refusals (no consent, twice, an expired vacancy,
/// neither or both openings) in Dutch and English write nothing; the database itself refuses a proposal naming no opening
/// or two.
/// </summary>
public abstract class VacancyProposalsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    private Task<(int Proposals, int Audit)> StateAsync() => factory.InDbAsync(async db => (await db.Set<Proposal>().CountAsync(), await db.AuditEntries.CountAsync()));

    /// <summary>A vacancy of Vogellanden asking one competence, published by its staff through the API.</summary>
    private async Task<(int Vacancy, int Organisation, string Title, int Competence)> VacancyAsync(HttpClient staff)
    {
        var competence = (await CompetencesAsync(factory, 1))[0];
        var title = "Verzorgende vacature " + Guid.NewGuid().ToString("N")[..6];
        var created = await staff.PostAsJsonAsync("/api/v1/vacancies", new
        {
            title, sector = "care", municipality = "GM0193", hoursPerWeek = 24m, openUntil = Today.AddDays(20).ToString("yyyy-MM-dd"),
            requirements = new[] { new { competenceId = competence, required = true, weight = 3, minimumLevel = 2 } },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        return (body.GetProperty("id").GetInt32(), body.GetProperty("organisationId").GetInt32(), title, competence);
    }

    private async Task<(HttpClient Client, int Id)> CandidateAsync(string name, int competence, bool consent = true)
    {
        var (client, _) = await PersonAsync(factory);
        var profile = await PutProfileAsync(client, name, consent, [(competence, 3, "werkervaring in de zorg")], 1988, "vrouw");
        return (client, profile.GetProperty("id").GetInt32());
    }

    [Fact]
    public async Task A_vacancy_proposal_is_blind_until_the_vacancy_organisation_accepts_and_the_candidate_agrees()
    {
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var (vacancy, organisation, title, competence) = await VacancyAsync(staff);
        var (candidate, id) = await CandidateAsync("Vera Vacatureblind", competence);
        var coordinator = await SignInAsync(factory, Coordinator);
        var siza = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza);

        var proposed = await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = id, vacancyId = vacancy });
        Assert.True(proposed.StatusCode == HttpStatusCode.Created, await proposed.Content.ReadAsStringAsync());
        var body = await proposed.Content.ReadFromJsonAsync<JsonElement>();
        var proposal = body.GetProperty("id").GetInt32();
        Assert.Equal(vacancy, body.GetProperty("vacancyId").GetInt32());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("learningPlaceId").ValueKind);
        Assert.Equal(title, body.GetProperty("place").GetString());
        Assert.Equal(organisation, body.GetProperty("organisationId").GetInt32());
        var stored = await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => new { p.LearningPlaceId, p.VacancyId }).SingleAsync());
        Assert.Null(stored.LearningPlaceId);
        Assert.Equal(vacancy, stored.VacancyId);

        // Blind for the vacancy's staff, through the API and the page; the candidate cannot answer yet.
        var blind = await staff.GetStringAsync($"/api/v1/candidate-proposals/{proposal}");
        Assert.DoesNotContain("Vera Vacatureblind", blind);
        Assert.DoesNotContain("1988", blind);
        Assert.Contains("werkervaring in de zorg", blind);
        var blindPage = await staff.GetStringAsync($"/voorstellen/{proposal}");
        Assert.DoesNotContain("Vera Vacatureblind", blindPage);
        // The breadcrumb leads to the vacancy's own public page, which says nothing about the proposal.
        Assert.Equal($"/vacatures/{vacancy}", Parser.ParseDocument(blindPage).QuerySelector("nav.breadcrumb a")!.GetAttribute("href"));
        Assert.DoesNotContain("Vera Vacatureblind", await staff.GetStringAsync($"/vacatures/{vacancy}"));
        Assert.Equal(HttpStatusCode.Conflict, (await candidate.PostAsync($"/api/v1/candidate-proposals/{proposal}/agree", null)).StatusCode);

        // Another organisation may neither read nor decide it; nothing changes.
        Assert.Equal(HttpStatusCode.Forbidden, (await siza.GetAsync($"/api/v1/candidate-proposals/{proposal}")).StatusCode);
        var before = await StateAsync();
        var foreign = await siza.PostAsync($"/api/v1/candidate-proposals/{proposal}/accept", null);
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("Alleen de organisatie van de vacature beslist over dit voorstel; er is niets gewijzigd.",
            (await foreign.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, await StateAsync());

        // The vacancy's staff accept on the page, and only then read the name.
        var accept = Form.Read(blindPage, $"/voorstellen/{proposal}", "Accept");
        Assert.Equal(HttpStatusCode.Redirect, (await accept.SubmitAsync(staff)).StatusCode);
        Assert.Equal("Vera Vacatureblind", Parser.ParseDocument(await staff.GetStringAsync($"/voorstellen/{proposal}")).QuerySelector("#kandidaat")!.TextContent.Trim());

        // The candidate finds it among their own proposals, by the vacancy's title, is asked about the job, and agrees.
        var mine = Parser.ParseDocument(await candidate.GetStringAsync("/mijn-competenties")).QuerySelector($"a[href='/voorstellen/{proposal}']");
        Assert.Equal(title, mine!.TextContent.Trim());
        var answerPage = await candidate.GetStringAsync($"/voorstellen/{proposal}");
        Assert.Contains("Wilt u deze baan?", answerPage);
        Assert.Equal(HttpStatusCode.Redirect, (await Form.Read(answerPage, $"/voorstellen/{proposal}", "Agree").SubmitAsync(candidate)).StatusCode);
        Assert.Equal(ProposalState.Agreed, await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State).SingleAsync()));

        var trail = await factory.InDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(Proposal) && e.EntityId == proposal.ToString()).Select(e => e.Action).ToListAsync());
        Assert.Contains(MatchingAuditActions.Proposed, trail);
        Assert.Contains(MatchingAuditActions.Accepted, trail);
        Assert.Contains(MatchingAuditActions.Agreed, trail);

        // The candidate's export names the vacancy.
        var export = await candidate.GetFromJsonAsync<JsonElement>("/api/v1/candidates/me/export");
        Assert.Equal(vacancy, export.GetProperty("proposals")[0].GetProperty("vacancyId").GetInt32());
    }

    [Theory]
    [InlineData("nl", "heeft geen toestemming (meer) gegeven om gematcht te worden; er is niets voorgesteld.",
        "Deze kandidaat is al voorgesteld voor deze vacature; er is niets voorgesteld.", "staat niet meer open; er is niets voorgesteld.",
        "Noem één leerplek of één vacature waarvoor de kandidaat wordt voorgesteld, niet allebei.")]
    [InlineData("en", "has not given (or has withdrawn) consent", "This candidate has already been proposed for this vacancy; nothing was proposed.",
        "is no longer open; nothing was proposed.", "Name one learning place or one vacancy the candidate is proposed for, not both.")]
    public async Task Refused_vacancy_proposals_say_why_in_the_readers_language_and_write_nothing(string culture, string noConsent, string twice, string closed, string neither)
    {
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var (vacancy, _, _, competence) = await VacancyAsync(staff);
        var (expired, _, _, _) = await VacancyAsync(staff);
        var yesterday = Today.AddDays(-1);
        await factory.InDbAsync(db => db.Set<Vacancy>().Where(v => v.Id == expired).ExecuteUpdateAsync(s => s.SetProperty(v => v.OpenUntil, yesterday)));
        var (_, willing) = await CandidateAsync("Wim Wel " + culture, competence);
        var (_, unwilling) = await CandidateAsync("Nina Niet " + culture, competence, consent: false);
        var place = (await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden")).Place;
        var coordinator = await SignInAsync(factory, Coordinator);
        await InCultureAsync(coordinator, culture);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = willing, vacancyId = vacancy })).StatusCode);

        async Task RefusedAsync(object input, HttpStatusCode status, string message)
        {
            var before = await StateAsync();
            var response = await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", input);
            Assert.Equal(status, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            var text = status == HttpStatusCode.BadRequest ? problem.GetProperty("errors").GetProperty("learningPlaceId")[0].GetString() : problem.GetProperty("detail").GetString();
            Assert.Contains(message, text);
            Assert.Equal(before, await StateAsync());
        }

        await RefusedAsync(new { candidateId = unwilling, vacancyId = vacancy }, HttpStatusCode.Conflict, noConsent);
        await RefusedAsync(new { candidateId = willing, vacancyId = vacancy }, HttpStatusCode.Conflict, twice);
        await RefusedAsync(new { candidateId = willing, vacancyId = expired }, HttpStatusCode.Conflict, closed);
        await RefusedAsync(new { candidateId = willing }, HttpStatusCode.BadRequest, neither);
        await RefusedAsync(new { candidateId = willing, vacancyId = vacancy, learningPlaceId = place }, HttpStatusCode.BadRequest, neither);

        // A staff member is no coordinator: refused, nothing written.
        var before = await StateAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = willing, vacancyId = vacancy })).StatusCode);
        Assert.Equal(before, await StateAsync());

        // On the page: twice is named at the candidate, in the reader's language; an expired vacancy offers no button at all.
        var rankingHtml = await coordinator.GetStringAsync($"/vacatures/{vacancy}/kandidaten");
        var again = await coordinator.PostAsync($"/vacatures/{vacancy}/kandidaten?handler=Propose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(rankingHtml), ["CandidateId"] = willing.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var error = Parser.ParseDocument(await again.Content.ReadAsStringAsync()).QuerySelector("#fouten a")!;
        Assert.Equal(twice, error.TextContent.Trim());
        Assert.Equal($"#kandidaat-{willing}", error.GetAttribute("href"));
        Assert.Equal(before, await StateAsync());
        Assert.Empty(Parser.ParseDocument(await coordinator.GetStringAsync($"/vacatures/{expired}/kandidaten")).QuerySelectorAll("form[action*='handler=Propose']"));
    }

    [Fact]
    public async Task A_coordinator_proposes_from_the_vacancy_ranking_page_and_the_page_lists_the_proposal()
    {
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var (vacancy, _, _, competence) = await VacancyAsync(staff);
        var (_, id) = await CandidateAsync("Pim Paginavoorstel", competence);
        var coordinator = await SignInAsync(factory, Coordinator);
        var proposed = await (await Form.OpenAsync(coordinator, $"/vacatures/{vacancy}/kandidaten", "Propose")).SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        // The form proposes the first ranked candidate; whoever it is, exactly one proposal was made, for this vacancy.
        var made = await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.VacancyId == vacancy).Select(p => new { p.Id, p.CandidateId, p.LearningPlaceId }).SingleAsync());
        Assert.Null(made.LearningPlaceId);
        Assert.Equal($"/voorstellen/{made.Id}", proposed.Headers.Location!.OriginalString);
        var listed = Parser.ParseDocument(await staff.GetStringAsync($"/vacatures/{vacancy}/kandidaten"));
        Assert.NotNull(listed.QuerySelector($"table a[href='/voorstellen/{made.Id}']"));
        Assert.Empty(listed.QuerySelectorAll("form[action*='handler=Propose']"));
        Assert.True(id > 0);
    }

    [Fact]
    public async Task The_database_refuses_a_proposal_naming_no_opening_or_two()
    {
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        var (vacancy, _, _, competence) = await VacancyAsync(staff);
        var (_, candidate) = await CandidateAsync("Cas Check", competence);
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var before = await StateAsync();
        foreach (var (placeId, vacancyId) in new (int?, int?)[] { (null, null), (place, vacancy) })
            await Assert.ThrowsAsync<DbUpdateException>(() => factory.InDbAsync(async db =>
            {
                db.Add(new Proposal { CandidateId = candidate, LearningPlaceId = placeId, VacancyId = vacancyId, ProposedBy = "test", ProposedAt = DateTime.UtcNow });
                return await db.SaveChangesAsync();
            }));
        Assert.Equal(before, await StateAsync());
    }
}

public sealed class VacancyProposalsSqlite(SqliteFactory factory) : VacancyProposalsTests<SqliteFactory>(factory);
public sealed class VacancyProposalsPostgres(PostgresFactory factory) : VacancyProposalsTests<PostgresFactory>(factory);
