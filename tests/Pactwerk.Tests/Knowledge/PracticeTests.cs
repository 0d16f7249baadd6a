using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Pacts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// Good practices through the API: search relevance and facets on a fixed set written here (in a
/// pact of its own, so the demo does not disturb the expectations), related practices from
/// elsewhere, hostile and huge input, drafts that stay hidden, the review workflow and its rights.
/// </summary>
public abstract class PracticeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>The fixed set: key, title, text, region, sector, objective numbers, published.</summary>
    private sealed record Fixture(string Key, string Title, string Text, string Region, string Landsdeel, string Sector, int[] Objectives, bool Published = true);

    private static readonly Fixture[] Set =
    [
        new("A", "Omscholing naar de techniek", "Werkzoekenden volgen een omscholing naar een technisch beroep in de installatiebranche.", "TP-NOORD", "TP-NOORD", "technology", [1]),
        new("B", "Opleiding zorgtechnologie", "Zorgmedewerkers volgen een opleiding over domotica en beeldbellen in de wijk.", "PV25", "TP-OOST", "care", [2]),
        new("C", "Techniek in de klas", "Basisscholen krijgen wekelijks een les met proefjes en bouwpakketten.", "GM0363", "TP-NOORDWEST", "technology", [1]),
        new("D", "Leven lang ontwikkelen in de haven", "Havenbedrijven laten werkenden zich omscholen en bijscholen tot operator.", "TP-ZUIDWEST", "TP-ZUIDWEST", "maritime", [1, 2]),
        new("E", "Geheime omscholing", "Een concept over omscholing dat nog niet af is.", "TP-NOORD", "TP-NOORD", "technology", [1], Published: false),
        // Nearly the same text as A, in A's landsdeel: the most similar practice, yet never "from elsewhere".
        new("F", "Omscholing naar de techniek in Drenthe", "Werkzoekenden volgen een omscholing naar een technisch beroep in de installatiebranche, in Drenthe.", "PV22", "TP-NOORD", "technology", [1]),
    ];

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static readonly Dictionary<string, (string Pact, Dictionary<string, int> Ids)> Seeded = [];

    /// <summary>The fixed set in a pact of its own, written once per database.</summary>
    private async Task<(string Pact, Dictionary<string, int> Ids)> FixedSetAsync()
    {
        await Once.WaitAsync();
        try
        {
            var key = factory.GetHashCode().ToString();
            if (Seeded.TryGetValue(key, out var done))
                return done;
            var code = $"kennis-{Guid.NewGuid():N}"[..15];
            var ids = await factory.InDbAsync(async db =>
            {
                var pact = new Pact { Code = code, Name = "Kennispact (test)", Summary = "Voor de zoektests.", SignedOn = new DateOnly(2020, 1, 1) };
                db.Pacts.Add(pact);
                await db.SaveChangesAsync();
                var objectives = new[] { 1, 2 }.Select(n => new Objective { PactId = pact.Id, Number = n, Title = $"Doel {n}", Description = "Test." }).ToList();
                db.Objectives.AddRange(objectives);
                await db.SaveChangesAsync();
                var index = new PracticeIndex(db);
                var result = new Dictionary<string, int>();
                foreach (var f in Set)
                {
                    var regionId = await db.Regions.Where(r => r.Code == f.Region && r.ValidTo == null).Select(r => r.Id).SingleAsync();
                    var practice = new Practice
                    {
                        PactId = pact.Id, Title = f.Title, Summary = f.Text, Approach = "Een aanpak in **stappen**.", Sector = f.Sector, TargetGroup = "workers",
                        Regions = [new PracticeRegion { RegionId = regionId }],
                        Objectives = objectives.Where(o => f.Objectives.Contains(o.Number)).Select(o => new PracticeObjective { ObjectiveId = o.Id }).ToList(),
                    };
                    if (f.Published)
                        practice.MoveTo(PracticeStatus.Published, DateTime.UtcNow);
                    practice.SearchSynonyms = PracticeText.SynonymsOf(practice.Title + "\n" + PracticeIndex.BodyText(practice));
                    db.Set<Practice>().Add(practice);
                    await db.SaveChangesAsync();
                    await index.RefreshAsync(practice, default);
                    result[f.Key] = practice.Id;
                }
                return result;
            });
            return Seeded[key] = (code, ids);
        }
        finally
        {
            Once.Release();
        }
    }

    private async Task<List<string>> FoundAsync(string query)
    {
        var (pact, ids) = await FixedSetAsync();
        var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?pact={pact}&q={Uri.EscapeDataString(query)}");
        var byId = ids.ToDictionary(i => i.Value, i => i.Key);
        return json.GetProperty("results").EnumerateArray().Select(r => byId[r.GetProperty("id").GetInt32()]).ToList();
    }

    [Theory]
    [InlineData("omscholen", "A F", "D")]       // omscholen finds omscholing, in the title first; the draft E never
    [InlineData("omscholing", "A F", "D")]
    [InlineData("opleiden", "B", "")]           // opleiden finds opleiding
    [InlineData("technische", "A C F", "")]     // technische finds techniek (and technisch) through the synonym step
    [InlineData("techniek", "A C F", "")]
    [InlineData("techniek klas", "C", "")]      // every word must match
    [InlineData("haven operator", "D", "")]
    public async Task Dutch_word_forms_find_each_other_and_the_best_matches_come_first(string query, string top, string rest)
    {
        var found = await FoundAsync(query);

        var first = top.Split(' ');
        var all = first.Concat(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(all.Order(), found.Order());
        Assert.Equal(first.Order(), found.Take(first.Length).Order());
    }

    [Fact]
    public async Task Snippets_mark_the_matched_word_forms_and_escape_the_rest()
    {
        var (pact, ids) = await FixedSetAsync();
        var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?pact={pact}&q=omscholen");
        var a = json.GetProperty("results").EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == ids["A"]);

        Assert.Contains("<mark>omscholing</mark>", a.GetProperty("snippet").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.True(a.GetProperty("rank").GetDouble() > 0);
    }

    /// <summary>
    /// Snippets come from the plain text (Markdown rendered and stripped of its markup) and mark the
    /// same word forms on both databases: the expected marks here are read off the fixed texts by hand.
    /// </summary>
    [Theory]
    [InlineData("technische", "A=techniek,technisch C=Techniek F=techniek,technisch")]
    [InlineData("stappen", "A=stappen B=stappen C=stappen D=stappen F=stappen")]
    [InlineData("omscholen", "A=Omscholing,omscholing D=omscholen F=Omscholing,omscholing")]
    public async Task Snippets_come_from_the_plain_text_and_mark_the_same_words_on_both_databases(string query, string expected)
    {
        var (pact, ids) = await FixedSetAsync();
        var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?pact={pact}&q={query}");
        var byId = ids.ToDictionary(i => i.Value, i => i.Key);
        var marks = json.GetProperty("results").EnumerateArray()
            .Select(r => (Key: byId[r.GetProperty("id").GetInt32()], Snippet: r.GetProperty("snippet").GetString()!))
            .OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r =>
            {
                // The Markdown of the approach ("Een aanpak in **stappen**.") shows as plain words.
                Assert.DoesNotContain("**", r.Snippet);
                return r.Key + "=" + string.Join(",", System.Text.RegularExpressions.Regex.Matches(r.Snippet, "<mark>([^<]+)</mark>").Select(m => m.Groups[1].Value));
            });
        Assert.Equal(expected, string.Join(" ", marks));
    }

    [Fact]
    public async Task Facets_count_the_result_set_as_an_independent_count_does()
    {
        var (pact, _) = await FixedSetAsync();
        var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?pact={pact}");
        var facets = json.GetProperty("facets");
        Dictionary<string, int> Facet(string name) => facets.GetProperty(name).EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        var published = Set.Where(f => f.Published).ToList();

        Assert.Equal(published.Count, json.GetProperty("total").GetInt32());
        Assert.Equal(published.GroupBy(f => f.Landsdeel).ToDictionary(g => g.Key, g => g.Count()), Facet("region"));
        Assert.Equal(published.GroupBy(f => f.Sector).ToDictionary(g => g.Key, g => g.Count()), Facet("sector"));
        Assert.Equal(published.SelectMany(f => f.Objectives).GroupBy(n => $"{pact}:{n}").ToDictionary(g => g.Key, g => g.Count()), Facet("objective"));
        Assert.Equal(new Dictionary<string, int> { [pact] = published.Count }, Facet("pact"));

        // A query narrows the facets to its results.
        var omscholen = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?pact={pact}&q=omscholen");
        var regions = omscholen.GetProperty("facets").GetProperty("region").EnumerateArray()
            .ToDictionary(f => f.GetProperty("value").GetString()!, f => f.GetProperty("count").GetInt32());
        Assert.Equal(new Dictionary<string, int> { ["TP-NOORD"] = 2, ["TP-ZUIDWEST"] = 1 }, regions);
    }

    [Theory]
    [InlineData("TP-OOST", "B")]      // Gelderland lies inside Oost
    [InlineData("PV25", "B")]
    [InlineData("GM0202", "")]        // Arnhem is inside Gelderland, not the other way round
    [InlineData("TP-NOORD", "A F")]   // the draft E is never found
    public async Task A_region_filter_includes_everything_inside_it(string region, string expected)
    {
        var (pact, ids) = await FixedSetAsync();
        var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?pact={pact}&region={region}");
        var byId = ids.ToDictionary(i => i.Value, i => i.Key);

        var found = json.GetProperty("results").EnumerateArray().Select(r => byId[r.GetProperty("id").GetInt32()]).Order();
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(), found);
    }

    [Theory]
    [InlineData("q=%26%26%20%7C%7C%20!!%20()%20%22%22%20-", "q", "geen woorden")]
    [InlineData("q=de%20en%20van", "q", "veelvoorkomende")]
    [InlineData("sector=ruimtevaart", "sector", "technology")]
    [InlineData("region=XX99", "region", "TP-NOORD")]
    [InlineData("pact=geenpact", "pact", "techniekpact")]
    [InlineData("objective=3", "objective", "geef ook het pact")]
    [InlineData("pact=techniekpact&objective=99", "objective", "Kies uit")]
    public async Task Bad_searches_get_a_clear_400(string query, string parameter, string message)
    {
        var response = await Anonymous(factory).GetAsync($"/api/v1/practices?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty(parameter)[0].GetString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Script_in_a_query_or_a_facet_value_is_shown_as_text_on_the_page()
    {
        var client = Anonymous(factory);
        var searched = await client.GetAsync("/praktijken?q=" + Uri.EscapeDataString("<script>alert(1)</script> omscholing"));
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        Assert.DoesNotContain("<script>alert(1)", await searched.Content.ReadAsStringAsync());

        var facet = await client.GetAsync("/praktijken?sector=" + Uri.EscapeDataString("<img src=x onerror=alert(1)>"));
        Assert.Equal(HttpStatusCode.BadRequest, facet.StatusCode);
        var html = await facet.Content.ReadAsStringAsync();
        Assert.Contains("Onbekende sector", html);
        Assert.DoesNotContain("<img src=x", html);
    }

    [Fact]
    public async Task A_query_of_2000_characters_is_refused()
    {
        var response = await Anonymous(factory).GetAsync($"/api/v1/practices?q={string.Concat(Enumerable.Repeat("omscholing ", 182))}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("te lang", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Related_practices_come_from_other_landsdelen_only()
    {
        var (_, ids) = await FixedSetAsync();
        var a = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices/{ids["A"]}");
        var related = a.GetProperty("related").EnumerateArray().ToList();

        Assert.NotEmpty(related);
        Assert.All(related, r =>
        {
            Assert.NotEqual(ids["A"], r.GetProperty("id").GetInt32());
            Assert.NotEqual(ids["F"], r.GetProperty("id").GetInt32());
            Assert.DoesNotContain("TP-NOORD", r.GetProperty("landsdelen").EnumerateArray().Select(l => l.GetString()));
        });
        // D shares an objective, the target group and the word omscholing: it is the best from elsewhere.
        Assert.Contains(related, r => r.GetProperty("id").GetInt32() == ids["D"]);
    }

    [Fact]
    public async Task A_practice_that_went_back_to_draft_is_never_shown_as_related_even_when_the_published_set_looks_the_same()
    {
        var (_, ids) = await FixedSetAsync();
        var (d, e) = (ids["D"], ids["E"]);
        async Task<List<int>> RelatedToA() => (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices/{ids["A"]}"))
            .GetProperty("related").EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ToList();
        Task<(int, long, int)> OldFingerprint() => factory.InDbAsync(async db =>
        {
            var published = db.Set<Practice>().Where(x => x.Status == PracticeStatus.Published);
            return (await published.CountAsync(), await published.SumAsync(x => (long)x.Version), await published.MaxAsync(x => x.Id));
        });
        Assert.Contains(d, await RelatedToA()); // computed and cached
        var (dVersion, eVersion) = await factory.InDbAsync(async db => (
            await db.Set<Practice>().Where(x => x.Id == d).Select(x => x.Version).SingleAsync(),
            await db.Set<Practice>().Where(x => x.Id == e).Select(x => x.Version).SingleAsync()));
        var before = await OldFingerprint();
        try
        {
            // D goes back to draft as E is published at D's version: as many published practices, the
            // same sum of versions, the same highest id, yet another set.
            await factory.InDbAsync(db => db.Set<Practice>().Where(x => x.Id == d).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, PracticeStatus.Draft)));
            await factory.InDbAsync(db => db.Set<Practice>().Where(x => x.Id == e).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, PracticeStatus.Published).SetProperty(x => x.Version, dVersion)));
            Assert.Equal(before, await OldFingerprint());

            var related = await RelatedToA();
            Assert.DoesNotContain(d, related);
            var statuses = await factory.InDbAsync(db => db.Set<Practice>().Where(x => related.Contains(x.Id)).Select(x => x.Status).ToListAsync());
            Assert.Equal(related.Count, statuses.Count);
            Assert.All(statuses, st => Assert.Equal(PracticeStatus.Published, st));
        }
        finally
        {
            await factory.InDbAsync(db => db.Set<Practice>().Where(x => x.Id == d).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, PracticeStatus.Published)));
            await factory.InDbAsync(db => db.Set<Practice>().Where(x => x.Id == e).ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, PracticeStatus.Draft).SetProperty(x => x.Version, eVersion)));
        }
    }

    [Fact]
    public async Task Demo_practices_are_published_and_Make_IT_Work_is_found_by_omscholen_and_related_to_other_landsdelen()
    {
        var json = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/practices?q=omscholen&pact=techniekpact");
        var titles = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("title").GetString()).ToList();
        Assert.Contains("Make IT Work", titles);
        Assert.Equal(7, await factory.InDbAsync(db => db.Set<Practice>().CountAsync(p => p.Status == PracticeStatus.Published && p.Actions.Any())));

        var id = json.GetProperty("results").EnumerateArray().First(r => r.GetProperty("title").GetString() == "Make IT Work").GetProperty("id").GetInt32();
        var detail = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices/{id}");
        Assert.All(detail.GetProperty("related").EnumerateArray(),
            r => Assert.DoesNotContain("TP-NOORDWEST", r.GetProperty("landsdelen").EnumerateArray().Select(l => l.GetString())));
    }

    private static object NewPractice(string title, string region = "TP-NOORD", string? context = null, string pact = "techniekpact") => new
    {
        pact, title, summary = "Een praktijk om van te leren.", context = context ?? "Een context.", approach = "Een aanpak.",
        sector = "technology", targetGroup = "workers", regions = new[] { region }, objectives = new[] { 4 },
        links = new[] { new { title = "Verslag", url = "https://example.org/verslag" } },
    };

    [Fact]
    public async Task Hostile_Markdown_is_stripped_from_the_rendered_sections()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        const string hostile = "Goed **werk**.\n\n<script>alert(1)</script>\n\n<iframe src=\"https://evil.example\"></iframe>\n\n" +
            "[klik hier](javascript:alert(1)) en [veilig](https://example.org)\n\n![x](javascript:alert(2))\n\n<img src=x onerror=alert(3)>\n\n<p style=\"color:red\" onclick=\"x()\">tekst</p>";

        var created = await coordinator.PostAsJsonAsync("/api/v1/practices", NewPractice("Vijandige tekst", context: hostile));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var html = (await created.ReadAsync<JsonElement>()).GetProperty("sections").EnumerateArray()
            .Single(s => s.GetProperty("key").GetString() == "context").GetProperty("html").GetString()!;

        Assert.Contains("<strong>werk</strong>", html);
        Assert.Contains("href=\"https://example.org\"", html);
        foreach (var active in new[] { "<script", "<iframe", "javascript:", "<img" })
            Assert.DoesNotContain(active, html, StringComparison.OrdinalIgnoreCase);
        // Raw HTML is shown as text (&lt;img … onerror=…&gt;), which is inert; no element carries an event handler or a style.
        Assert.DoesNotMatch(@"<[^>]*\s(on\w+|style)\s*=", html);
    }

    [Fact]
    public async Task A_5_MB_text_is_refused_with_a_clear_message_and_nothing_is_saved()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await factory.InDbAsync(db => db.Set<Practice>().CountAsync());

        var response = await coordinator.PostAsJsonAsync("/api/v1/practices", NewPractice("Te lang", context: new string('a', 5 * 1024 * 1024)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("hoogstens 50.000 tekens", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.InDbAsync(db => db.Set<Practice>().CountAsync()));
    }

    [Fact]
    public async Task Drafts_are_hidden_from_anonymous_users_and_search_but_not_from_the_coordinator()
    {
        var (_, ids) = await FixedSetAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"/api/v1/practices/{ids["E"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync($"/api/v1/practices/{ids["E"]}")).StatusCode);
        var search = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/practices?q=geheime");
        Assert.Equal(0, search.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(factory, "beheerder@pactwerk.demo")).GetAsync($"/api/v1/practices/{ids["E"]}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"/praktijken/{ids["E"]}")).StatusCode);
    }

    [Fact]
    public async Task Review_workflow_a_lead_submits_only_a_coordinator_publishes_or_sends_back_and_every_step_is_audited()
    {
        var lead = await SignInAsync(factory, "noord@techniekpact.demo");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var oost = await SignInAsync(factory, "oost@techniekpact.demo");
        var title = $"Werkplaats {Guid.NewGuid():N}"[..20];

        var created = await lead.PostAsJsonAsync("/api/v1/practices", NewPractice(title + " omscholing"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var practice = await created.ReadAsync<JsonElement>();
        var id = practice.GetProperty("id").GetInt32();
        Assert.Equal("Draft", practice.GetProperty("status").GetString());
        Task<(PracticeStatus Status, int Version)> StoredAsync() =>
            factory.InDbAsync(async db => await db.Set<Practice>().Where(p => p.Id == id).Select(p => new { p.Status, p.Version }).SingleAsync() is var s ? (s.Status, s.Version) : default);
        async Task<HttpResponseMessage> MoveAsync(HttpClient client, string move, string? note = null) =>
            await client.PostAsJsonAsync($"/api/v1/practices/{id}/{move}", new { version = (await StoredAsync()).Version, note });

        // A lead in Oost may not touch a practice in Noord.
        var edit = await oost.PutAsJsonAsync($"/api/v1/practices/{id}", NewPractice(title + " gewijzigd"));
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(lead, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await MoveAsync(lead, "publish")).StatusCode);
        Assert.Equal(PracticeStatus.InReview, (await StoredAsync()).Status);

        var noNote = await MoveAsync(coordinator, "send-back");
        Assert.Equal(HttpStatusCode.BadRequest, noNote.StatusCode);
        Assert.Contains("Schrijf erbij", await noNote.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(coordinator, "send-back", "Voeg de cijfers en hun bron toe.")).StatusCode);
        Assert.Equal(PracticeStatus.Draft, (await StoredAsync()).Status);
        Assert.Equal("Voeg de cijfers en hun bron toe.", (await lead.GetFromJsonAsync<JsonElement>($"/api/v1/practices/{id}")).GetProperty("reviewNote").GetString());

        // Not yet public, not found.
        Assert.Equal(0, (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?q={title[11..]}")).GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(lead, "submit")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(coordinator, "publish")).StatusCode);
        Assert.Equal(PracticeStatus.Published, (await StoredAsync()).Status);
        var found = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/practices?q={title[11..]}%20omscholen");
        Assert.Equal(id, found.GetProperty("results")[0].GetProperty("id").GetInt32());

        // A stale version is refused and changes nothing.
        var stale = await lead.PutAsJsonAsync($"/api/v1/practices/{id}", new { title, summary = "Oud.", regions = new[] { "TP-NOORD" }, version = 1 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var audit = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(Practice) && a.EntityId == id.ToString()).ToListAsync());
        Assert.Contains(audit, a => a.Action == AuditActions.Created && a.UserId is not null);
        Assert.Equal(4, audit.Count(a => a.Action == AuditActions.Updated && a.After!.Contains("\"Status\"")));
        Assert.Contains(audit, a => a.After is not null && a.After.Contains("Published"));
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(PracticeRegion) && a.EntityId!.StartsWith(id + ","))));
    }

    [Fact]
    public async Task A_published_practice_is_not_offered_again_and_an_edit_by_a_lead_takes_it_back_to_review_until_a_coordinator_publishes_it()
    {
        var lead = await SignInAsync(factory, "noord@techniekpact.demo");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var title = $"Leerwerkplek {Guid.NewGuid():N}"[..22];
        var id = (await (await lead.PostAsJsonAsync("/api/v1/practices", NewPractice(title))).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        Task<(PracticeStatus Status, int Version)> StoredAsync() =>
            factory.InDbAsync(async db => await db.Set<Practice>().Where(p => p.Id == id).Select(p => new { p.Status, p.Version }).SingleAsync() is var s ? (s.Status, s.Version) : default);
        async Task<HttpResponseMessage> MoveAsync(HttpClient client, string move) =>
            await client.PostAsJsonAsync($"/api/v1/practices/{id}/{move}", new { version = (await StoredAsync()).Version });
        async Task<bool> PublicAsync() => (await Anonymous(factory).GetAsync($"/api/v1/practices/{id}")).StatusCode == HttpStatusCode.OK;
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(coordinator, "publish")).StatusCode);
        var published = await StoredAsync();

        // Offering a published practice for review as it stands is refused, and changes nothing.
        var again = await MoveAsync(lead, "submit");
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("wordt niet opnieuw ter beoordeling aangeboden", await again.Content.ReadAsStringAsync());
        Assert.Equal(published, await StoredAsync());
        var twice = await MoveAsync(coordinator, "publish");
        Assert.Contains("al gepubliceerd", await twice.Content.ReadAsStringAsync());
        Assert.Equal(published, await StoredAsync());

        // A coordinator's own edit stays published; a lead's edit goes back to review and leaves the public library.
        var byCoordinator = await coordinator.PutAsJsonAsync($"/api/v1/practices/{id}", new { title, summary = "Door de coördinator.", regions = new[] { "TP-NOORD" }, version = published.Version });
        Assert.Equal(HttpStatusCode.OK, byCoordinator.StatusCode);
        Assert.Equal(PracticeStatus.Published, (await StoredAsync()).Status);
        var byLead = await lead.PutAsJsonAsync($"/api/v1/practices/{id}", new { title, summary = "Door de trekker.", regions = new[] { "TP-NOORD" }, version = (await StoredAsync()).Version });
        Assert.Equal(HttpStatusCode.OK, byLead.StatusCode);
        Assert.Equal(PracticeStatus.InReview, (await StoredAsync()).Status);
        Assert.False(await PublicAsync());
        Assert.Equal(HttpStatusCode.OK, (await MoveAsync(coordinator, "publish")).StatusCode);
        Assert.True(await PublicAsync());
    }

    [Fact]
    public async Task Pages_show_the_search_and_the_practice_with_related_practices()
    {
        var (pact, ids) = await FixedSetAsync();
        var client = Anonymous(factory);

        var search = await client.GetStringAsync($"/praktijken?q=omscholen&pact={pact}");
        Assert.Contains("<mark>", search);
        Assert.Contains("Omscholing naar de techniek", search);
        var page = await client.GetStringAsync($"/praktijken/{ids["A"]}");
        Assert.Contains("Leer van elders", page);
        Assert.Contains("<strong>stappen</strong>", page);
        var bad = await client.GetAsync("/praktijken?sector=ruimtevaart");
        Assert.Contains("role=\"alert\"", await bad.Content.ReadAsStringAsync());
    }
}

public sealed class PracticeTestsSqlite(SqliteFactory factory) : PracticeTests<SqliteFactory>(factory);
public sealed class PracticeTestsPostgres(PostgresFactory factory) : PracticeTests<PostgresFactory>(factory);
