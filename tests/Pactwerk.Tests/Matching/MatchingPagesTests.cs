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
/// Matching's pages as people use them, in Dutch and English: the candidate's own page (only the name is required; a bad
/// year is named at its field and writes nothing; an unchanged save writes nothing; export and leaving), the requirements
/// editor, the ranking with its propose button, and the blind proposal page whose HTML holds no name until the organisation
/// accepts.
/// </summary>
public abstract class MatchingPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();

    private Task<(int Candidates, int Competences, int Details, int Requirements, int Proposals, int Audit)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Set<Candidate>().CountAsync(), await db.Set<CandidateCompetence>().CountAsync(), await db.Set<CandidatePersonalDetails>().CountAsync(),
            await db.Set<PlaceRequirement>().CountAsync(), await db.Set<Proposal>().CountAsync(), await db.AuditEntries.CountAsync()));

    [Theory]
    [InlineData("nl", "Vul een geboortejaar in van 1900 tot en met dit jaar, of laat het leeg.", "Vink aan dat u uw kandidaatprofiel wilt verwijderen; er is niets verwijderd.")]
    [InlineData("en", "Fill in a birth year from 1900 up to this year, or leave it empty.", "Tick that you want your candidate profile erased; nothing was erased.")]
    public async Task A_candidate_records_competences_on_their_page_corrects_them_exports_and_leaves(string culture, string yearMessage, string eraseMessage)
    {
        var (client, email) = await PersonAsync(factory);
        await InCultureAsync(client, culture);
        var competences = await CompetencesAsync(factory, 2);
        var (a, b) = (competences[0], competences[1]);

        // Only the required field: a name. No consent, no competences.
        var form = await Form.OpenAsync(client, "/mijn-competenties");
        form["Name"] = "Iris Pagina " + culture;
        var response = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var candidate = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.CandidateCompetences).SingleAsync(c => c.Email == email));
        Assert.False(candidate.Consents);
        Assert.Empty(candidate.CandidateCompetences);
        Assert.Equal("Iris Pagina " + culture, await factory.InDbAsync(db => db.Set<CandidatePersonalDetails>().Where(d => d.CandidateId == candidate.Id).Select(d => d.Name).SingleAsync()));

        // Consent and two competences with level and evidence, as typed.
        form = await Form.OpenAsync(client, "/mijn-competenties");
        form.Tick("Consent", "true");
        form[$"Levels[{a}]"] = "3";
        form[$"Evidence[{a}]"] = "diploma mbo 4";
        form[$"Levels[{b}]"] = "1";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(client)).StatusCode);
        candidate = await factory.InDbAsync(db => db.Set<Candidate>().AsNoTracking().Include(c => c.CandidateCompetences).SingleAsync(c => c.Email == email));
        Assert.True(candidate.Consents);
        Assert.Equal([(a, 3, "diploma mbo 4"), (b, 1, (string?)null)],
            candidate.CandidateCompetences.OrderBy(c => c.CompetenceId).Select(c => (c.CompetenceId, c.Level, c.Evidence)));

        // The page shows what was saved; saved unchanged, it writes nothing: no new version, no audit line.
        var before = await StateAsync();
        form = await Form.OpenAsync(client, "/mijn-competenties");
        Assert.Equal(("3", "diploma mbo 4", "1"), (form[$"Levels[{a}]"], form[$"Evidence[{a}]"], form[$"Levels[{b}]"]));
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(client)).StatusCode);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(candidate.Version, await factory.InDbAsync(db => db.Set<Candidate>().Where(c => c.Id == candidate.Id).Select(c => c.Version).SingleAsync()));

        // A year that is not a whole one: named at its field, what was typed stays, nothing written.
        form = await Form.OpenAsync(client, "/mijn-competenties");
        form["BirthYear"] = "19,5";
        form[$"Levels[{a}]"] = "4";
        var refused = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("#birthYear", document.QuerySelector("#fouten a")!.GetAttribute("href"));
        Assert.Equal(yearMessage, document.QuerySelector("#fout-birthYear")!.TextContent.Trim());
        Assert.Equal("true", document.QuerySelector("#birthYear")!.GetAttribute("aria-invalid"));
        Assert.Equal("19,5", document.QuerySelector("#birthYear")!.GetAttribute("value"));
        Assert.Equal(before, await StateAsync());

        // The export is a JSON file of what is held.
        var export = await client.GetAsync("/mijn-competenties?handler=Export");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var json = await export.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Iris Pagina " + culture, json.GetProperty("candidate").GetProperty("name").GetString());
        Assert.Equal("diploma mbo 4", json.GetProperty("candidate").GetProperty("competences").EnumerateArray()
            .Single(c => c.GetProperty("competenceId").GetInt32() == a).GetProperty("evidence").GetString());

        // Leaving asks a tick; without it nothing is erased.
        var erase = await Form.OpenAsync(client, "/mijn-competenties", "Erase");
        var unticked = await erase.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.BadRequest, unticked.StatusCode);
        Assert.Equal(eraseMessage, Parser.ParseDocument(await unticked.Content.ReadAsStringAsync()).QuerySelector("#fout-confirmErase")!.TextContent.Trim());
        Assert.Equal(before, await StateAsync());
        erase.Tick("ConfirmErase", "true");
        Assert.Equal(HttpStatusCode.Redirect, (await erase.SubmitAsync(client)).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.Set<Candidate>().AnyAsync(c => c.Email == email)));
        Assert.False(await factory.InDbAsync(db => db.Set<CandidatePersonalDetails>().AnyAsync(d => d.CandidateId == candidate.Id)));
        Assert.False(await factory.InDbAsync(db => db.Set<CandidateCompetence>().AnyAsync(c => c.CandidateId == candidate.Id)));
    }

    [Theory]
    [InlineData("nl", "Het gewicht van competentie {0} is 1 tot en met 5.")]
    [InlineData("en", "The weight of competence {0} is 1 to 5.")]
    public async Task The_places_organisation_states_what_it_asks_and_a_bad_weight_writes_nothing(string culture, string weightMessage)
    {
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var competences = await CompetencesAsync(factory, 2);
        var (a, b) = (competences[0], competences[1]);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        await InCultureAsync(staff, culture);

        var form = await Form.OpenAsync(staff, $"/leerplekken/{place}/eisen");
        form[$"Asked[{a}]"] = "vereist";
        form[$"Weight[{a}]"] = "4";
        form[$"MinimumLevel[{a}]"] = "3";
        form[$"Asked[{b}]"] = "gewenst";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        var saved = await factory.InDbAsync(db => db.Set<PlaceRequirement>().AsNoTracking().Where(r => r.LearningPlaceId == place).OrderBy(r => r.CompetenceId).ToListAsync());
        // b left at the form's defaults: weight 3, minimum level 2.
        Assert.Equal([(a, true, 4, 3), (b, false, 3, 2)], saved.Select(r => (r.CompetenceId, r.Required, r.Weight, r.MinimumLevel)));

        var before = await StateAsync();
        form = await Form.OpenAsync(staff, $"/leerplekken/{place}/eisen");
        Assert.Equal(("vereist", "4", "3"), (form[$"Asked[{a}]"], form[$"Weight[{a}]"], form[$"MinimumLevel[{a}]"]));
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(staff)).StatusCode);
        Assert.Equal(before, await StateAsync());

        form = await Form.OpenAsync(staff, $"/leerplekken/{place}/eisen");
        form[$"Weight[{a}]"] = "2,5";
        var refused = await form.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var document = Parser.ParseDocument(await refused.Content.ReadAsStringAsync());
        Assert.Equal("#requirements", document.QuerySelector("#fouten a")!.GetAttribute("href"));
        Assert.Equal(string.Format(weightMessage, a), document.QuerySelector("#fout-requirements")!.TextContent.Trim());
        Assert.Equal(before, await StateAsync());

        // Another organisation's staff may not see or change it.
        var siza = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza);
        var other = await siza.GetAsync($"/leerplekken/{place}/eisen");
        Assert.Equal(HttpStatusCode.Redirect, other.StatusCode);
        Assert.StartsWith("/geen-toegang", other.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("nl", "Vul de reden in waarom u afwijst (hoogstens 1000 tekens).", "Deze kandidaat is al voorgesteld voor deze leerplek; er is niets voorgesteld.")]
    [InlineData("en", "Fill in why you decline (at most 1000 characters).", "This candidate has already been proposed for this learning place; nothing was proposed.")]
    public async Task A_coordinator_proposes_from_the_ranking_the_organisation_sees_no_name_until_it_accepts_and_the_candidate_agrees(
        string culture, string reasonMessage, string twiceMessage)
    {
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var competences = await CompetencesAsync(factory, 2);
        var a = competences[0];
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        await InCultureAsync(staff, culture);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/learning-places/{place}/requirements",
            new[] { new { competenceId = a, required = true, weight = 4, minimumLevel = 2 } })).StatusCode);
        var (candidate, _) = await PersonAsync(factory);
        await InCultureAsync(candidate, culture);
        var name = "Hanna Blindpagina " + culture;
        var profile = await PutProfileAsync(candidate, name, true, [(a, 3, "portfolio zorg")], 1991, "vrouw");
        var id = profile.GetProperty("id").GetInt32();

        var coordinator = await SignInAsync(factory, Coordinator);
        await InCultureAsync(coordinator, culture);
        var rankingHtml = await coordinator.GetStringAsync($"/leerplekken/{place}/kandidaten");
        var section = Parser.ParseDocument(rankingHtml).QuerySelector($"#kandidaat-{id}")!.ParentElement!;
        Assert.Contains(name, section.TextContent);
        Assert.Contains("portfolio zorg", section.TextContent);
        var proposed = await coordinator.PostAsync($"/leerplekken/{place}/kandidaten?handler=Propose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(rankingHtml), ["CandidateId"] = id.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);
        var proposal = await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.CandidateId == id && p.LearningPlaceId == place).Select(p => p.Id).SingleAsync());
        Assert.Equal($"/voorstellen/{proposal}", proposed.Headers.Location!.OriginalString);

        // Proposed twice: refused with its message, nothing written.
        var before = await StateAsync();
        var twice = await coordinator.PostAsync($"/leerplekken/{place}/kandidaten?handler=Propose", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(rankingHtml), ["CandidateId"] = id.ToString(),
        }));
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(twiceMessage, Parser.ParseDocument(await twice.Content.ReadAsStringAsync()).QuerySelector("#fouten a")!.TextContent.Trim());
        Assert.Equal(before, await StateAsync());

        // Blind: neither the ranking nor the proposal page holds the name for the organisation before it accepts.
        var blindRanking = await staff.GetStringAsync($"/leerplekken/{place}/kandidaten");
        Assert.DoesNotContain(name, blindRanking);
        Assert.Contains("portfolio zorg", blindRanking);
        var blind = await staff.GetStringAsync($"/voorstellen/{proposal}");
        Assert.DoesNotContain(name, blind);
        Assert.DoesNotContain("1991", Parser.ParseDocument(blind).QuerySelector("main")!.TextContent);
        Assert.Contains("portfolio zorg", blind);

        // A decline without a reason: named at its field, nothing changed.
        var decline = Form.Read(blind, $"/voorstellen/{proposal}", "Decline");
        var noReason = await decline.SubmitAsync(staff);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        var document = Parser.ParseDocument(await noReason.Content.ReadAsStringAsync());
        Assert.Equal("#reason", document.QuerySelector("#fouten a")!.GetAttribute("href"));
        Assert.Equal(reasonMessage, document.QuerySelector("#fout-reason")!.TextContent.Trim());
        Assert.DoesNotContain(name, document.Body!.InnerHtml);
        Assert.Equal(before, await StateAsync());

        // The candidate cannot answer yet: the page offers nothing to answer.
        Assert.Null(Parser.ParseDocument(await candidate.GetStringAsync($"/voorstellen/{proposal}")).QuerySelector("#answer"));

        var accept = Form.Read(blind, $"/voorstellen/{proposal}", "Accept");
        Assert.Equal(HttpStatusCode.Redirect, (await accept.SubmitAsync(staff)).StatusCode);
        Assert.Equal(ProposalState.Accepted, await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State).SingleAsync()));
        Assert.Equal(name, Parser.ParseDocument(await staff.GetStringAsync($"/voorstellen/{proposal}")).QuerySelector("#kandidaat")!.TextContent.Trim());

        // The candidate finds the proposal on their page and agrees.
        Assert.NotNull(Parser.ParseDocument(await candidate.GetStringAsync("/mijn-competenties")).QuerySelector($"a[href='/voorstellen/{proposal}']"));
        var agree = await Form.OpenAsync(candidate, $"/voorstellen/{proposal}", "Agree");
        Assert.Equal(HttpStatusCode.Redirect, (await agree.SubmitAsync(candidate)).StatusCode);
        Assert.Equal(ProposalState.Agreed, await factory.InDbAsync(db => db.Set<Proposal>().Where(p => p.Id == proposal).Select(p => p.State).SingleAsync()));

        // The candidate's own ranking page lists the place with its explanation.
        var mine = Parser.ParseDocument(await candidate.GetStringAsync("/mijn-competenties/leerplekken"));
        Assert.NotNull(mine.QuerySelector($"#uitleg-{place}"));
    }
}

public sealed class MatchingPagesSqlite(SqliteFactory factory) : MatchingPagesTests<SqliteFactory>(factory);
public sealed class MatchingPagesPostgres(PostgresFactory factory) : MatchingPagesTests<PostgresFactory>(factory);
