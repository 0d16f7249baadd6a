using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

/// <summary>A pact's coordinators set its objectives; bad input and stale versions change nothing.</summary>
public abstract class ObjectiveEditingTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<string> SnapshotAsync() => factory.InDbAsync(async db => JsonSerializer.Serialize(await db.Objectives.AsNoTracking().OrderBy(o => o.Id)
        .Select(o => new { o.Id, o.PactId, o.Number, o.Title, o.Description, o.Version, Indicators = o.Indicators.Select(i => i.IndicatorId).OrderBy(i => i).ToList() })
        .ToListAsync()));

    [Fact]
    public async Task A_coordinator_adds_an_objective_with_its_indicators_and_changes_it_and_both_are_audited()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");

        var created = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/objectives",
            new { number = 41, title = "Meer vrouwen in techniek", description = "Het aandeel vrouwen in technische opleidingen groeit.", indicators = new[] { "hbo-aandeel-techniek" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.ReadAsync<JsonElement>();
        var id = body.GetProperty("id").GetInt32();
        var changed = await coordinator.PutAsJsonAsync($"/api/v1/objectives/{id}",
            new { number = 41, title = "Meer vrouwen in de techniek", description = "Gewijzigd.", indicators = Array.Empty<string>(), version = body.GetProperty("version").GetInt32() });
        var stale = await coordinator.PutAsJsonAsync($"/api/v1/objectives/{id}",
            new { number = 41, title = "Te laat", description = "Gewijzigd.", version = body.GetProperty("version").GetInt32() });

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var stored = await factory.InDbAsync(db => db.Objectives.Include(o => o.Indicators).SingleAsync(o => o.Id == id));
        Assert.Equal(("Meer vrouwen in de techniek", 0), (stored.Title, stored.Indicators.Count));
        var audited = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "Objective" && a.EntityId == id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Contains("Created", audited);
        Assert.Contains("Updated", audited);
        var page = await coordinator.GetStringAsync("/pact/techniekpact/doelen");
        Assert.Contains("/pact/techniekpact/doelen/41/bewerken", page);
    }

    [Theory]
    [InlineData(1, "Dit pact heeft al een doel met nummer 1.")]
    [InlineData(0, "Het nummer van een doel ligt tussen 1 en 999.")]
    public async Task A_taken_or_impossible_number_and_an_unknown_indicator_are_refused_and_nothing_changes(int number, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await SnapshotAsync();

        var badNumber = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/objectives", new { number, title = "Dubbel", description = "x" });
        var badIndicator = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/objectives",
            new { number = 77, title = "Onbekend", description = "x", indicators = new[] { "bestaat-niet" } });
        var form = await PostFormAsync(coordinator, "/pact/techniekpact/doelen/nieuw", new()
        {
            ["Input.Number"] = number.ToString(), ["Input.Title"] = "Dubbel", ["Input.Description"] = "x", ["Input.Version"] = "0",
        });

        Assert.Equal(HttpStatusCode.BadRequest, badNumber.StatusCode);
        Assert.Contains(message, await badNumber.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badIndicator.StatusCode);
        Assert.Contains("Er is geen indicator met code 'bestaat-niet'.", await badIndicator.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        Assert.Contains(message, await form.Content.ReadAsStringAsync());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Leads_and_coordinators_of_another_pact_may_not_set_a_pacts_objectives()
    {
        var before = await SnapshotAsync();
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var other = await SignInAsync(factory, "coordinator@zorgpact.demo");

        var byLead = await lead.PostAsJsonAsync("/api/v1/pacts/techniekpact/objectives", new { number = 88, title = "Van de trekker", description = "x" });
        var byOther = await other.PostAsJsonAsync("/api/v1/pacts/techniekpact/objectives", new { number = 88, title = "Van de ander", description = "x" });
        var form = await lead.GetAsync("/pact/techniekpact/doelen/nieuw");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (byLead.StatusCode, byOther.StatusCode));
        Assert.NotEqual(HttpStatusCode.OK, form.StatusCode);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_cached_public_monitor_home_follows_the_indicators_of_the_objectives()
    {
        var objectives = await factory.InDbAsync(db => db.Objectives.Where(o => db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact"))
            .Select(o => new { o.Id, o.Number, o.Title, o.Description, o.Version, Codes = o.Indicators.Select(l => db.Indicators.Where(i => i.Id == l.IndicatorId).Select(i => i.Code).Single()).ToList() })
            .ToListAsync());
        // An indicator of the pact's objectives that its monitor home shows.
        using var visitor = factory.CreateClient();
        var home = await visitor.GetStringAsync("/pact/techniekpact/monitor");
        var code = objectives.SelectMany(o => o.Codes).Distinct().Order().First(c => home.Contains($"/monitor/indicatoren/{c}?"));
        var link = $"/monitor/indicatoren/{code}?";
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");

        async Task<Dictionary<int, int>> SetAsync(Func<List<string>, List<string>> indicators, Dictionary<int, int> versions)
        {
            var next = new Dictionary<int, int>();
            foreach (var o in objectives.Where(o => o.Codes.Contains(code)))
            {
                var changed = await coordinator.PutAsJsonAsync($"/api/v1/objectives/{o.Id}",
                    new { number = o.Number, title = o.Title, description = o.Description, indicators = indicators(o.Codes), version = versions[o.Id] });
                Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
                next[o.Id] = (await changed.ReadAsync<JsonElement>()).GetProperty("version").GetInt32();
            }
            return next;
        }

        // The page is cached for the visitor now; an objective edit drops the indicator from it at once all the same.
        var versions = await SetAsync(codes => codes.Where(c => c != code).ToList(), objectives.ToDictionary(o => o.Id, o => o.Version));
        Assert.DoesNotContain(link, await visitor.GetStringAsync("/pact/techniekpact/monitor"));
        await SetAsync(codes => codes, versions);
        Assert.Contains(link, await visitor.GetStringAsync("/pact/techniekpact/monitor"));
    }
}

public sealed class ObjectiveEditingTestsSqlite(SqliteFactory factory) : ObjectiveEditingTests<SqliteFactory>(factory);
public sealed class ObjectiveEditingTestsPostgres(PostgresFactory factory) : ObjectiveEditingTests<PostgresFactory>(factory);
