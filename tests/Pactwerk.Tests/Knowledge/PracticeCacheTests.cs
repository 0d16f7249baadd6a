using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// What the search and the practice page keep in memory between requests (plain texts for
/// snippets, the traits and term vectors related practices are scored on) never outlives a change:
/// a saved change shows in the very next search and the very next view.
/// </summary>
public abstract class PracticeCacheTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>A word no demo practice holds, made of letters only so that it is one search term.</summary>
    private static string Word(string stem) => stem + new string(Guid.NewGuid().ToString("N").Where(char.IsLetter).Take(8).ToArray()) + "zak";

    private static object Input(int version, string title, string summary, string context, string region, string sector, string targetGroup, int objective) => new
    {
        pact = "techniekpact", version, title, summary, context, approach = "", sector, targetGroup, regions = new[] { region }, objectives = new[] { objective },
    };

    private static async Task<(int Id, int Version)> PublishedAsync(HttpClient coordinator, object input)
    {
        var created = await coordinator.PostAsJsonAsync("/api/v1/practices", input);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var json = await created.ReadAsync<JsonElement>();
        var id = json.GetProperty("id").GetInt32();
        var published = await coordinator.PostAsJsonAsync($"/api/v1/practices/{id}/publish", new { version = json.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        return (id, (await published.ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_changed_text_shows_in_the_next_search_snippet_at_once()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (first, second) = (Word("kwartel"), Word("grutto"));
        var (id, version) = await PublishedAsync(coordinator, Input(0, "Weidevogels tellen", "Vrijwilligers tellen vogels.", $"Wij tellen de {first} in de polder.", "TP-NOORD", "technology", "workers", 4));
        var before = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?q={first}");
        Assert.Contains($"<mark>{first}</mark>", before.GetProperty("results").EnumerateArray().Single().GetProperty("snippet").GetString());

        var changed = await coordinator.PutAsJsonAsync($"/api/v1/practices/{id}",
            Input(version, "Weidevogels tellen", "Vrijwilligers tellen vogels.", $"Wij tellen de {second} in de polder.", "TP-NOORD", "technology", "workers", 4));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var after = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?q={second}");
        var hit = after.GetProperty("results").EnumerateArray().Single();
        Assert.Equal(id, hit.GetProperty("id").GetInt32());
        Assert.Contains($"<mark>{second}</mark>", hit.GetProperty("snippet").GetString());
        Assert.DoesNotContain(first, hit.GetProperty("snippet").GetString());
        Assert.Equal(0, (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?q={first}")).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_changed_region_or_objective_shows_in_the_next_search_facets_at_once()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var word = Word("plevier");
        async Task<(Dictionary<string, int> Region, Dictionary<string, int> Objective, Dictionary<string, int> Sector)> FacetsAsync()
        {
            var facets = (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?q={word}")).GetProperty("facets");
            Dictionary<string, int> Facet(string name) => facets.GetProperty(name).EnumerateArray()
                .ToDictionary(v => v.GetProperty("value").GetString()!, v => v.GetProperty("count").GetInt32());
            return (Facet("region"), Facet("objective"), Facet("sector"));
        }
        var (id, version) = await PublishedAsync(coordinator, Input(0, "Vogels " + word, "Tellen.", word, "TP-NOORD", "technology", "workers", 4));
        var before = await FacetsAsync(); // the traits of this version are now kept
        Assert.Equal(new Dictionary<string, int> { ["TP-NOORD"] = 1 }, before.Region);
        Assert.Equal(new Dictionary<string, int> { ["techniekpact:4"] = 1 }, before.Objective);

        var changed = await coordinator.PutAsJsonAsync($"/api/v1/practices/{id}", Input(version, "Vogels " + word, "Tellen.", word, "TP-ZUIDWEST", "care", "workers", 1));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        var after = await FacetsAsync();
        Assert.Equal(new Dictionary<string, int> { ["TP-ZUIDWEST"] = 1 }, after.Region);
        Assert.Equal(new Dictionary<string, int> { ["techniekpact:1"] = 1 }, after.Objective);
        Assert.Equal(new Dictionary<string, int> { ["care"] = 1 }, after.Sector);
    }

    [Fact]
    public async Task A_practice_changed_to_match_another_is_its_most_related_at_the_next_view()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var words = string.Join(' ', Enumerable.Range(0, 12).Select(i => Word("term")));
        var (a, _) = await PublishedAsync(coordinator, Input(0, "Leerwerkplekken " + words, "Samenvatting " + words, words, "TP-NOORD", "technology", "jobseekers", 4));
        // Elsewhere (Zuidwest), but with nothing in common with A: another sector, target group, objective and text.
        var other = Word("anders");
        var (b, bVersion) = await PublishedAsync(coordinator, Input(0, "Iets " + other, other, other, "TP-ZUIDWEST", "care", "parents", 1));
        async Task<List<int>> RelatedToA() => (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices/{a}"))
            .GetProperty("related").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        Assert.DoesNotContain(b, await RelatedToA()); // scored, and what it was scored on is now kept

        var changed = await coordinator.PutAsJsonAsync($"/api/v1/practices/{b}",
            Input(bVersion, "Leerwerkplekken " + words, "Samenvatting " + words, words, "TP-ZUIDWEST", "technology", "jobseekers", 4));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);

        // The same sector, target group, objective and text: no practice can score higher.
        Assert.Equal(b, (await RelatedToA()).First());
    }

    [Fact]
    public async Task Publishing_a_practice_puts_it_in_the_kept_related_lists_and_withdrawing_takes_it_out_before_any_view()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var lead = await SignInAsync(factory, "noord@techniekpact.demo");
        var words = string.Join(' ', Enumerable.Range(0, 12).Select(i => Word("leer")));
        object Like(int version, string region) => Input(version, "Leerwerkplekken " + words, "Samenvatting " + words, words, region, "technology", "jobseekers", 4);
        var (a, aVersion) = await PublishedAsync(coordinator, Like(0, "TP-ZUIDWEST"));
        async Task<List<int>> RelatedToA() => (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices/{a}"))
            .GetProperty("related").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        List<int> KeptForA() => factory.Services.GetRequiredService<PracticeRelatedCache>().Current!.Lists[(a, aVersion)].Select(s => s.Id).ToList();
        var before = await RelatedToA(); // A's list is made on this read and kept
        Assert.Equal(before, KeptForA());

        // B, elsewhere (Noord) with the same sector, target group, objective and text: no practice can score higher.
        var (b, bVersion) = await PublishedAsync(coordinator, Like(0, "TP-NOORD"));
        Assert.Equal(b, KeptForA().First()); // made when B was published, not by a view of A
        Assert.Equal([b, .. before.Take(PracticeDetails.RelatedCount - 1)], KeptForA());
        Assert.Equal(KeptForA(), await RelatedToA());

        // A lead's change sends B back to review: it leaves the public library and A's kept list at once.
        var withdrawn = await lead.PutAsJsonAsync($"/api/v1/practices/{b}", new
        {
            pact = "techniekpact", version = bVersion, title = "Leerwerkplekken " + words, summary = "Door de trekker " + words, context = words, approach = "",
            sector = "technology", targetGroup = "jobseekers", regions = new[] { "TP-NOORD" }, objectives = new[] { 4 },
        });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"/api/v1/practices/{b}")).StatusCode);
        // Scored again against all, not just shortened: the same list as before B was published.
        Assert.Equal(before, KeptForA());
        Assert.Equal(before, await RelatedToA());
    }
}

public sealed class PracticeCacheTestsSqlite(SqliteFactory factory) : PracticeCacheTests<SqliteFactory>(factory);
public sealed class PracticeCacheTestsPostgres(PostgresFactory factory) : PracticeCacheTests<PostgresFactory>(factory);
