using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Shared;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Home;

/// <summary>
/// The homes of a pact and of a region, and the menu's current section: what a visitor sees,
/// with the counts checked against the database and the on-track status against the monitor's own status endpoint.
/// </summary>
public abstract partial class HomesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_pact_home_shows_its_objectives_landsdelen_monitor_and_news_and_an_unknown_pact_is_not_found()
    {
        var client = Anonymous(factory);
        var response = await client.GetAsync("/pact/Techniekpact");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var objectives = await factory.InDbAsync(db => db.Objectives.Where(o => db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact"))
            .Select(o => o.Number).ToListAsync());
        Assert.NotEmpty(objectives);
        foreach (var number in objectives)
            Assert.Contains($"href=\"/pact/techniekpact/doelen/{number}\"", html);
        foreach (var landsdeel in new[] { "TP-NOORD", "TP-OOST", "TP-NOORDWEST", "TP-ZUIDWEST", "TP-ZUIDOOST" })
            Assert.Contains($"href=\"/regio/{landsdeel}\"", html);
        Assert.Contains("id=\"editie\"", html);
        Assert.Contains("href=\"/pact/techniekpact/nieuwsbrief\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/pact/bestaat-niet")).StatusCode);
    }

    [Fact]
    public async Task The_pact_home_reads_in_English_after_the_switch()
    {
        var client = Anonymous(factory);
        var html = await client.GetStringAsync("/pact/techniekpact?culture=en");

        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains(">Objectives</h2>", html);
        Assert.Contains(">Latest monitor</h2>", html);
    }

    [Fact]
    public async Task The_home_of_Oost_shows_its_lead_its_actions_its_partnership_register_and_its_monitor_with_the_monitors_on_track_status()
    {
        var client = Anonymous(factory);
        var html = await client.GetStringAsync("/regio/TP-OOST");

        Assert.Contains("Eddy van Hijum", html);
        Assert.Contains("href=\"/regio/TP-OOST/pps\"", html);
        // Counted another way: actions with a region none of whose municipalities lies outside Oost.
        var expected = await factory.InDbAsync(async db =>
        {
            var oost = await db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Id).SingleAsync();
            var inOost = db.RegionMemberships.Where(m => m.RegionId == oost && m.ValidTo == null).Select(m => m.MunicipalityId);
            return await db.PactActions
                .Where(a => a.Regions.Any(r =>
                    (db.RegionMemberships.Any(m => m.RegionId == r.RegionId && m.ValidTo == null) || inOost.Contains(r.RegionId))
                    && !db.RegionMemberships.Any(m => m.RegionId == r.RegionId && m.ValidTo == null && !inOost.Contains(m.MunicipalityId))))
                .Select(a => new { a.Id, a.Kind }).ToListAsync();
        });
        Assert.NotEmpty(expected);
        var partnerships = expected.Count(a => a.Kind == Web.Features.Agenda.PactActionKind.PublicPrivatePartnership);
        Assert.Contains($"{expected.Count} acties in Oost, waarvan {partnerships} publiek-private samenwerkingen.", html);
        foreach (var action in expected.Take(10))
            Assert.Contains($"href=\"/initiatieven/{action.Id}\"", html);

        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/monitor/status?indicator=hbo-aandeel-techniek&region=TP-OOST");
        var card = html.Split("href=\"/monitor/indicatoren/hbo-aandeel-techniek?regio=TP-OOST\"")[1].Split("</li>")[0];
        Assert.Contains($"track-{status.GetProperty("status").GetString()!.ToLowerInvariant()}", card);
    }

    [Fact]
    public async Task A_province_home_lists_the_practices_and_actions_of_its_region_and_an_unknown_region_is_not_found()
    {
        var client = Anonymous(factory);
        var html = await client.GetStringAsync("/regio/PV25");
        var practices = await client.GetFromJsonAsync<JsonElement>("/api/v1/practices?region=PV25");

        Assert.Contains("id=\"praktijken\"", html);
        foreach (var hit in practices.GetProperty("results").EnumerateArray())
            Assert.Contains($"href=\"/praktijken/{hit.GetProperty("id").GetInt32()}\"", html);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/regio/XX99")).StatusCode);
    }

    [Theory]
    [InlineData("/pact/techniekpact", "/")]
    [InlineData("/pact/techniekpact/monitor", "/monitor")]
    [InlineData("/pact/techniekpact/doelen/2/effect", "/initiatieven")]
    [InlineData("/pact/techniekpact/netwerk", "/organisaties")]
    [InlineData("/regio/TP-OOST", "/regio-indelingen")]
    public async Task The_menu_marks_the_section_a_page_belongs_to_and_no_other(string page, string current)
    {
        var html = await Anonymous(factory).GetStringAsync(page);
        var marked = CurrentLink().Matches(html.Split("id=\"hoofdmenu-lijst\"")[1].Split("</ul>")[0]).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([current], marked);
    }

    [GeneratedRegex("<a href=\"([^\"]+)\" aria-current=\"page\">")]
    private static partial Regex CurrentLink();
}

public sealed class HomesTestsSqlite(SqliteFactory factory) : HomesTests<SqliteFactory>(factory);
public sealed class HomesTestsPostgres(PostgresFactory factory) : HomesTests<PostgresFactory>(factory);

/// <summary>The rule itself, path by path: a pact's pages belong to what they show.</summary>
public class NavigationTests
{
    [Theory]
    [InlineData("/", NavSection.Home)]
    [InlineData("/pact/techniekpact", NavSection.Home)]
    [InlineData("/pact/techniekpact/nieuwsbrief/3", NavSection.Home)]
    [InlineData("/pact/techniekpact/netwerk", NavSection.Organisations)]
    [InlineData("/pact/techniekpact/helixbalans", NavSection.Organisations)]
    [InlineData("/personen/4", NavSection.Organisations)]
    [InlineData("/pact/techniekpact/doelen", NavSection.Actions)]
    [InlineData("/pact/zorgpact/plannen", NavSection.Actions)]
    [InlineData("/plannen/1/vergelijk", NavSection.Actions)]
    [InlineData("/pact/techniekpact/monitor/edities/2025", NavSection.Monitor)]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek", NavSection.Monitor)]
    [InlineData("/monitor/import/historie", NavSection.MonitorImport)]
    [InlineData("/lerende-netwerken/1", NavSection.Events)]
    [InlineData("/regio/TP-OOST/pps", NavSection.Regions)]
    [InlineData("/regio-indelingen/corop", NavSection.Regions)]
    [InlineData("/beheer/audit", NavSection.AuditLog)]
    [InlineData("/beheer/indicatoren/nieuw", NavSection.Monitor)]
    [InlineData("/beheer/indicatoren/hbo-aandeel-techniek", NavSection.Monitor)]
    [InlineData("/inloggen", NavSection.None)]
    public void A_path_belongs_to_one_section(string path, NavSection section) =>
        Assert.Equal(section, Navigation.SectionOf(path));
}
