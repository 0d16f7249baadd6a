using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.LearningPlaces;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Matching.MatchingTestData;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// A new user reaches matching by clicking: the learning place's page links to its candidates and to what it asks, and the
/// account page to the reader's own competences and the places that fit them. For every role a link is on the page exactly
/// when the page it leads to answers 200 for that reader, so a link never ends in a refusal and no allowed page is hidden.
/// </summary>
public abstract class MatchingLinksTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly HtmlParser Parser = new();

    private async Task<Dictionary<string, HttpClient>> ReadersAsync() => new()
    {
        ["anonymous"] = Anonymous(factory),
        ["member"] = (await PersonAsync(factory)).Client,
        ["staff of the place's organisation"] = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden),
        ["staff of another organisation"] = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Siza),
        ["coordinator"] = await SignInAsync(factory, Coordinator),
    };

    private static async Task AssertLinkedExactlyWhenAllowedAsync(HttpClient client, string who, string page, string[] targets)
    {
        var response = await client.GetAsync(page);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var links = Parser.ParseDocument(await response.Content.ReadAsStringAsync()).QuerySelectorAll("main a[href]")
            .Select(a => a.GetAttribute("href")).ToHashSet();
        foreach (var target in targets)
        {
            var status = (await client.GetAsync(target)).StatusCode;
            Assert.True(links.Contains(target) == (status == HttpStatusCode.OK),
                $"{who} on {page}: link to {target} {(links.Contains(target) ? "shown" : "not shown")}, but the page answers {(int)status}");
        }
    }

    [Fact]
    public async Task The_learning_place_page_links_to_its_candidates_and_requirements_exactly_for_those_who_may_open_them()
    {
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var shown = new Dictionary<string, int>();
        foreach (var (who, client) in await ReadersAsync())
        {
            string[] targets = [$"/leerplekken/{place}/kandidaten", $"/leerplekken/{place}/eisen"];
            await AssertLinkedExactlyWhenAllowedAsync(client, who, $"/leerplekken/{place}", targets);
            var html = await client.GetStringAsync($"/leerplekken/{place}");
            shown[who] = targets.Count(t => html.Contains($"href=\"{t}\"", StringComparison.Ordinal));
        }
        // The rule restated: the organisation's staff and the coordinator see both; nobody else either.
        Assert.Equal(new Dictionary<string, int>
        {
            ["anonymous"] = 0, ["member"] = 0, ["staff of the place's organisation"] = 2, ["staff of another organisation"] = 0, ["coordinator"] = 2,
        }, shown);
    }

    [Fact]
    public async Task The_account_page_links_to_my_competences_and_the_places_and_vacancies_that_fit_me_for_every_signed_in_reader()
    {
        foreach (var (who, client) in (await ReadersAsync()).Where(r => r.Key != "anonymous"))
        {
            string[] targets = ["/mijn-competenties", "/mijn-competenties/leerplekken", "/mijn-competenties/vacatures"];
            await AssertLinkedExactlyWhenAllowedAsync(client, who, "/account", targets);
            var html = await client.GetStringAsync("/account");
            Assert.All(targets, t => Assert.Contains($"href=\"{t}\"", html));
        }
    }

    [Fact]
    public async Task The_organisation_page_links_to_its_vacancies_for_everyone_and_to_publishing_one_exactly_for_its_staff()
    {
        var organisation = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Vogellanden").Select(o => o.Id).SingleAsync());
        var shown = new Dictionary<string, int>();
        foreach (var (who, client) in await ReadersAsync())
        {
            string[] targets = [$"/organisaties/{organisation}/vacatures", $"/organisaties/{organisation}/vacatures/nieuw"];
            await AssertLinkedExactlyWhenAllowedAsync(client, who, $"/organisaties/{organisation}", targets);
            var html = await client.GetStringAsync($"/organisaties/{organisation}");
            shown[who] = targets.Count(t => html.Contains($"href=\"{t}\"", StringComparison.Ordinal));
        }
        Assert.Equal(new Dictionary<string, int>
        {
            ["anonymous"] = 1, ["member"] = 1, ["staff of the place's organisation"] = 2, ["staff of another organisation"] = 1, ["coordinator"] = 1,
        }, shown);
    }

    [Fact]
    public async Task The_account_page_links_to_the_course_competences_page_exactly_for_a_schemes_officer()
    {
        var readers = (await ReadersAsync()).Where(r => r.Key != "anonymous").Append(new("scheme officer", await SignInAsync(factory, Web.Features.Demo.DemoVouchers.OfficerEmail)));
        var shown = new Dictionary<string, bool>();
        foreach (var (who, client) in readers)
        {
            await AssertLinkedExactlyWhenAllowedAsync(client, who, "/account", ["/vouchercursussen/competenties"]);
            shown[who] = (await client.GetStringAsync("/account")).Contains("href=\"/vouchercursussen/competenties\"", StringComparison.Ordinal);
        }
        Assert.Equal(["scheme officer"], shown.Where(s => s.Value).Select(s => s.Key));
    }

    [Fact]
    public async Task The_candidates_page_links_each_proposal_and_the_candidate_finds_theirs_on_their_own_page()
    {
        var (_, _, place) = await LearningPlacesTestData.DbPlaceAsync(factory, "Vogellanden");
        var competences = await CompetencesAsync(factory, 1);
        var staff = await LearningPlacesTestData.StaffAsync(factory, LearningPlacesTestData.Vogellanden);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/learning-places/{place}/requirements",
            new[] { new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 2 } })).StatusCode);
        var (candidate, _) = await PersonAsync(factory);
        var id = (await PutProfileAsync(candidate, "Linde Koppeling", true, [(competences[0], 3, "portfolio")])).GetProperty("id").GetInt32();
        var coordinator = await SignInAsync(factory, Coordinator);
        var proposed = await coordinator.PostAsJsonAsync("/api/v1/candidate-proposals", new { candidateId = id, learningPlaceId = place });
        Assert.True(proposed.IsSuccessStatusCode, await proposed.Content.ReadAsStringAsync());
        var proposal = (await proposed.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetInt32();

        foreach (var (who, client) in new[] { ("coordinator", coordinator), ("staff", staff) })
            await AssertLinkedExactlyWhenAllowedAsync(client, who, $"/leerplekken/{place}/kandidaten", [$"/voorstellen/{proposal}"]);
        await AssertLinkedExactlyWhenAllowedAsync(candidate, "candidate", "/mijn-competenties", [$"/voorstellen/{proposal}"]);
        var html = await candidate.GetStringAsync("/mijn-competenties");
        Assert.Contains($"href=\"/voorstellen/{proposal}\"", html);
    }
}

public sealed class MatchingLinksSqlite(SqliteFactory factory) : MatchingLinksTests<SqliteFactory>(factory);
public sealed class MatchingLinksPostgres(PostgresFactory factory) : MatchingLinksTests<PostgresFactory>(factory);
