using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Platform;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// <c>GET /api/v1/programmes/{code}/employers</c>, public: the demo programme's network as it was committed (the places written
/// out by hand below), a network the staff set and change read back as set, and an unknown programme a 404 with its problem.
/// Its lookup (<c>…/employers/lookup</c>, the participant page's picker) answers the staff with the network's organisations only.
/// </summary>
public abstract class ProgrammeEmployersApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static List<(int Id, string Name, int Places)> Read(JsonElement body) =>
        body.EnumerateArray().Select(e => (e.GetProperty("organisationId").GetInt32(), e.GetProperty("organisation").GetString()!, e.GetProperty("placesPerCohort").GetInt32())).ToList();

    [Fact]
    public async Task The_demo_programme_shows_each_employer_with_the_places_it_committed_per_cohort()
    {
        var response = await Anonymous(factory).GetAsync($"/api/v1/programmes/{DemoProgrammes.Code}/employers");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var network = Read(await response.Content.ReadFromJsonAsync<JsonElement>());

        // Make IT Work's invented employers and their places per cohort, by name: 2 + 4 + 3 + 2 + 2 = 13 places a cohort.
        Assert.Equal([("Cloudkade (demo)", 2), ("Codewerf Amsterdam (demo)", 4), ("Datastroom B.V. (demo)", 3), ("Grachtsoft (demo)", 2), ("Netwerkhuis Zuidas (demo)", 2)],
            network.Select(e => (e.Name, e.Places)));
        Assert.Equal(13, network.Sum(e => e.Places));
        // Each id is the organisation of that name, and the rows are the ones the database holds.
        var held = await factory.InDbAsync(db => db.Set<ProgrammeEmployer>().Where(e => db.Set<Programme>().Any(p => p.Id == e.ProgrammeId && p.Code == DemoProgrammes.Code))
            .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new { o.Id, o.Name, e.PlacesPerCohort }).ToListAsync());
        Assert.Equal(held.Select(h => (h.Id, h.Name, h.PlacesPerCohort)).OrderBy(h => h.Id), network.OrderBy(e => e.Id));
    }

    [Fact]
    public async Task A_network_the_staff_set_is_read_back_as_set_and_the_put_answers_the_same()
    {
        var code = await ProgrammesTestData.ProgrammeAsync(factory);
        var staff = await SignInAsync(factory, ProgrammesTestData.HvaStaff);
        var organisations = await factory.InDbAsync(db => db.Organisations.OrderBy(o => o.Id).Select(o => new { o.Id, o.Name }).Take(3).ToListAsync());
        var anonymous = Anonymous(factory);

        Assert.Empty(await anonymous.GetFromJsonAsync<JsonElement[]>($"/api/v1/programmes/{code}/employers") ?? []);
        var put = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}/employers",
            new[] { new { organisationId = organisations[0].Id, placesPerCohort = 5 }, new { organisationId = organisations[1].Id, placesPerCohort = 0 }, new { organisationId = organisations[2].Id, placesPerCohort = 7 } });
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var expected = new[] { (organisations[0].Id, organisations[0].Name, 5), (organisations[1].Id, organisations[1].Name, 0), (organisations[2].Id, organisations[2].Name, 7) }
            .OrderBy(e => e.Name, StringComparer.Ordinal).ThenBy(e => e.Id).ToList();
        Assert.Equal(expected, Read(await put.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(expected, Read(await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/employers")));

        // One employer leaves, another commits more: read back so.
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{code}/employers",
            new[] { new { organisationId = organisations[2].Id, placesPerCohort = 8 } })).StatusCode);
        Assert.Equal([(organisations[2].Id, organisations[2].Name, 8)], Read(await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/programmes/{code}/employers")));
    }

    [Fact]
    public async Task The_network_lookup_finds_by_letters_only_the_networks_organisations_and_only_for_the_staff()
    {
        var code = await ProgrammesTestData.ProgrammeAsync(factory);
        var tag = Guid.NewGuid().ToString("N")[..6];
        // Three organisations that share their first words, the third not in the network; and an employer named otherwise.
        var (north, south, west, other) = await factory.InDbAsync(async db =>
        {
            var made = new[] { $"Zoekwerf {tag} Noord", $"Zoekwerf {tag} Zuid", $"Zoekwerf {tag} West", $"Ander bedrijf {tag}" }
                .Select(name => new Organisation { Name = name, Helix = Helix.Business, Kind = OrganisationKind.Company }).ToList();
            db.Organisations.AddRange(made);
            await db.SaveChangesAsync();
            return (made[0].Id, made[1].Id, made[2].Id, made[3].Id);
        });
        var staff = await SignInAsync(factory, ProgrammesTestData.HvaStaff);
        Assert.Equal(HttpStatusCode.OK, (await staff.PutAsJsonAsync($"/api/v1/programmes/{code}/employers",
            new[] { new { organisationId = north, placesPerCohort = 2 }, new { organisationId = south, placesPerCohort = 0 }, new { organisationId = other, placesPerCohort = 1 } })).StatusCode);
        var lookup = $"/api/v1/programmes/{code}/employers/lookup";
        async Task<List<(int, string)>> FindAsync(HttpClient client, string q)
        {
            var response = await client.GetAsync($"{lookup}?q={Uri.EscapeDataString(q)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadFromJsonAsync<List<LookupJson>>())!.Select(f => (int.Parse(f.Value), f.Label)).ToList();
        }

        // The first words, in capitals: the network's two; the lookup of every organisation finds the third as well.
        Assert.Equal([(north, $"Zoekwerf {tag} Noord"), (south, $"Zoekwerf {tag} Zuid")], await FindAsync(staff, $"ZOEKWERF {tag}"));
        var everyone = await Anonymous(factory).GetFromJsonAsync<List<LookupJson>>($"/api/v1/lookup/organisations?q={Uri.EscapeDataString($"zoekwerf {tag}")}");
        Assert.Equal([north, south, west], everyone!.Select(f => int.Parse(f.Value)).Order());
        // Letters inside a name; a word of the other employer; no letters at all: the whole network, by name.
        Assert.Equal([(north, $"Zoekwerf {tag} Noord")], await FindAsync(staff, "oord"));
        Assert.Equal([(other, $"Ander bedrijf {tag}")], await FindAsync(staff, "bedr"));
        Assert.Empty(await FindAsync(staff, "west"));
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal([other, north, south], (await FindAsync(coordinator, "")).Select(f => f.Item1));

        // Whoever is not the programme's staff is refused, and learns nothing of the network.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync($"{lookup}?q=zoek")).StatusCode);
        foreach (var outsider in new[] { "lid@pactwerk.demo", "coordinator@zorgpact.demo", "oost@techniekpact.demo" })
        {
            var refused = await (await SignInAsync(factory, outsider)).GetAsync($"{lookup}?q=zoek");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Alleen de staf van het programma", body);
            Assert.DoesNotContain("Zoekwerf", body);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api/v1/programmes/bestaat-niet/employers/lookup?q=zoek")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync($"{lookup}?q={new string('z', 101)}")).StatusCode);
    }

    [Theory]
    [InlineData("nl", "Er is geen programma 'bestaat-niet'.")]
    [InlineData("en", "There is no programme 'bestaat-niet'.")]
    public async Task An_unknown_programme_is_a_404_with_a_problem_in_the_readers_language(string language, string detail)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/programmes/bestaat-niet/employers");
        request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await Anonymous(factory).SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
        Assert.Equal(detail, problem.GetProperty("detail").GetString());
    }
}

public sealed class ProgrammeEmployersApiSqlite(SqliteFactory factory) : ProgrammeEmployersApiTests<SqliteFactory>(factory);
public sealed class ProgrammeEmployersApiPostgres(PostgresFactory factory) : ProgrammeEmployersApiTests<PostgresFactory>(factory);
