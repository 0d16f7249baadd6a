using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// What a GET returns, the PUT of the same resource accepts (issue 16 item 9): a client that sends
/// back exactly what it read gets 200 and changes nothing. Every PUT route of the API that has a
/// GET on the same route is covered; a new one fails the first test until it is added here.
/// </summary>
public abstract class ApiRoundTripTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>Per route: who reads and writes it, and the URL of an existing resource.</summary>
    private Dictionary<string, (string Who, Func<Task<string>> Url)> Resources => new()
    {
        ["/api/v1/actions/{id:int}"] = ("coordinator@techniekpact.demo", async () => $"/api/v1/actions/{await Db(db => db.PactActions.Where(a => a.Slug == "make-it-work").Select(a => a.Id).SingleAsync())}"),
        ["/api/v1/organisations/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/organisations/{await Db(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync())}"),
        ["/api/v1/people/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/people/{await Db(db => db.People.Where(p => p.Name == "Cees Bijl").Select(p => p.Id).SingleAsync())}"),
        ["/api/v1/practices/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/practices/{await Db(db => db.Set<Web.Features.Knowledge.Practice>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync())}"),
        ["/api/v1/events/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/events/{await Db(db => db.Events.Where(e => e.IsPublic).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync())}"),
        ["/api/v1/objectives/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/objectives/{await Db(db => db.Objectives.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync())}"),
        ["/api/v1/learning-networks/{id:int}/sessions/{sessionId:int}"] = ("beheerder@pactwerk.demo", async () =>
        {
            var s = await Db(db => db.LearningNetworkSessions.OrderBy(x => x.Id).Select(x => new { x.NetworkId, x.Id }).FirstAsync());
            return $"/api/v1/learning-networks/{s.NetworkId}/sessions/{s.Id}";
        }),
        ["/api/v1/learning-networks/{id:int}/cases/{caseId:int}"] = (Web.Features.Demo.DemoEventsAndLearningNetworks.NetworkMemberEmail, async () =>
        {
            var c = await Db(db => db.LearningNetworkCases.OrderBy(x => x.Id).Select(x => new { x.NetworkId, x.Id }).FirstAsync());
            return $"/api/v1/learning-networks/{c.NetworkId}/cases/{c.Id}";
        }),
        ["/api/v1/learning-places/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/learning-places/{(await LearningPlaces.LearningPlacesTestData.DbPlaceAsync(factory, "Hogeschool van Amsterdam")).Place}"),
        // A place that asks for two competences, one of them required: what its organisation set is sent back unchanged.
        ["/api/v1/learning-places/{id:int}/requirements"] = ("beheerder@pactwerk.demo", async () =>
        {
            var place = (await LearningPlaces.LearningPlacesTestData.DbPlaceAsync(factory, "Hogeschool van Amsterdam")).Place;
            var competences = await Matching.MatchingTestData.CompetencesAsync(factory, 2);
            var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
            var set = await admin.PutAsJsonAsync($"/api/v1/learning-places/{place}/requirements", new[]
            {
                new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 2 },
                new { competenceId = competences[1], required = false, weight = 1, minimumLevel = 1 },
            });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            return $"/api/v1/learning-places/{place}/requirements";
        }),
        // An HvA vacancy asking two competences, one of them required, published by the administrator through the API.
        ["/api/v1/vacancies/{id:int}"] = ("beheerder@pactwerk.demo", async () =>
        {
            var competences = await Matching.MatchingTestData.CompetencesAsync(factory, 2);
            var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
            var created = await admin.PostAsJsonAsync("/api/v1/vacancies", new
            {
                organisationId = await Db(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync()),
                title = "Rondreisvacature", sector = "ict", municipality = "GM0363", hoursPerWeek = 20.75m,
                openUntil = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90).ToString("yyyy-MM-dd"),
                requirements = new[]
                {
                    new { competenceId = competences[0], required = true, weight = 3, minimumLevel = 2 },
                    new { competenceId = competences[1], required = false, weight = 1, minimumLevel = 1 },
                },
            });
            Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
            return $"/api/v1/vacancies/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32()}";
        }),
        // The demo member's own candidate profile, with consent, a birth year and a competence with its evidence.
        ["/api/v1/candidates/me/"] = ("lid@pactwerk.demo", async () =>
        {
            var member = await SignInAsync(factory, "lid@pactwerk.demo");
            var competence = (await Matching.MatchingTestData.CompetencesAsync(factory, 1))[0];
            await Matching.MatchingTestData.PutProfileAsync(member, "Lid Rondreis", consent: true, [(competence, 3, "werkervaring 3 jaar")], birthYear: 1990);
            return "/api/v1/candidates/me";
        }),
        // A course of the Gelderland scheme that teaches two competences, kept by the scheme's officer.
        ["/api/v1/voucher-courses/{id:int}/competences/"] = (Web.Features.Demo.DemoVouchers.OfficerEmail, async () =>
        {
            var course = await Db(db => db.VoucherCourses.Join(db.VoucherProviders, c => c.ProviderId, p => p.Id, (c, p) => new { c.Id, p.SchemeId })
                .Join(db.VoucherSchemes.Where(s => s.Code == Web.Features.Demo.DemoVouchers.Gelderland), c => c.SchemeId, s => s.Id, (c, _) => c.Id).OrderBy(id => id).FirstAsync());
            var competences = await Matching.MatchingTestData.CompetencesAsync(factory, 2);
            var officer = await SignInAsync(factory, Web.Features.Demo.DemoVouchers.OfficerEmail);
            var set = await officer.PutAsJsonAsync($"/api/v1/voucher-courses/{course}/competences", new[]
            {
                new { competenceId = competences[0], level = 3 }, new { competenceId = competences[1], level = 2 },
            });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            return $"/api/v1/voucher-courses/{course}/competences";
        }),
        // A programme of the HvA with partners, a sector and renamed steps, set up by its editor.
        ["/api/v1/programmes/{code}"] = (Programmes.ProgrammesTestData.HvaStaff, async () =>
        {
            var code = await Programmes.ProgrammesTestData.ProgrammeAsync(factory);
            var han = await Db(db => db.Organisations.Where(o => o.Name == "Hogeschool van Arnhem en Nijmegen").Select(o => o.Id).SingleAsync());
            var staff = await SignInAsync(factory, Programmes.ProgrammesTestData.HvaStaff);
            var read = (await staff.GetFromJsonAsync<Web.Features.Programmes.ProgrammeInput>($"/api/v1/programmes/{code}"))!;
            read.Partners = [han];
            read.Sector = "ict";
            read.TargetCertificateRate = 92.5m;
            read.Steps![0].Name = "Inschrijving";
            var set = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}", read);
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            return $"/api/v1/programmes/{code}";
        }),
        // A programme's modules, one with its length in weeks and one without.
        ["/api/v1/programmes/{code}/modules"] = (Programmes.ProgrammesTestData.HvaStaff, async () =>
        {
            var code = await Programmes.ProgrammesTestData.ProgrammeAsync(factory);
            var staff = await SignInAsync(factory, Programmes.ProgrammesTestData.HvaStaff);
            var set = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}/modules", new object[]
            {
                new { name = "Basis programmeren", setting = "AtSchool", weeks = 12 }, new { name = "Stage", setting = "AtEmployer" },
            });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            return $"/api/v1/programmes/{code}/modules";
        }),
        // A programme's employer network, two employers with their places per cohort; the GET adds each one's name, which the PUT ignores.
        ["/api/v1/programmes/{code}/employers"] = (Programmes.ProgrammesTestData.HvaStaff, async () =>
        {
            var code = await Programmes.ProgrammesTestData.ProgrammeAsync(factory);
            var staff = await SignInAsync(factory, Programmes.ProgrammesTestData.HvaStaff);
            var organisations = await Db(db => db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).Take(2).ToListAsync());
            var set = await staff.PutAsJsonAsync($"/api/v1/programmes/{code}/employers", organisations.Select((o, i) => new { organisationId = o, placesPerCohort = 3 + i }));
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
            return $"/api/v1/programmes/{code}/employers";
        }),
        ["/api/v1/rooms/{id:int}"] = ("beheerder@pactwerk.demo", async () => $"/api/v1/rooms/{await Db(db => db.Rooms.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync())}"),
        ["/api/v1/voucher-schemes/{code}/settings"] = (Web.Features.Demo.DemoVouchers.OfficerEmail, () => Task.FromResult($"/api/v1/voucher-schemes/{Web.Features.Demo.DemoVouchers.Gelderland}/settings")),
        ["/api/v1/pacts/{code}/newsletter/editions/{id:int}"] = ("beheerder@pactwerk.demo", async () =>
        {
            var pactId = await Db(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync());
            var draft = new Web.Features.Newsletter.NewsletterEdition { PactId = pactId, Title = "Rondreis", Introduction = "Heen en terug.", CreatedAt = DateTime.UtcNow };
            await Db(db => { db.Add(draft); return db.SaveChangesAsync(); });
            return $"/api/v1/pacts/techniekpact/newsletter/editions/{draft.Id}";
        }),
    };

    private Task<T> Db<T>(Func<Web.Data.PactwerkDb, Task<T>> work) => factory.InDbAsync(work);

    [Fact]
    public void Every_PUT_with_a_GET_on_the_same_route_is_covered()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        string? Method(RouteEndpoint e) => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.FirstOrDefault();
        var gets = endpoints.Where(e => Method(e) == "GET").Select(e => e.RoutePattern.RawText).ToHashSet();
        var pairs = endpoints.Where(e => Method(e) == "PUT" && gets.Contains(e.RoutePattern.RawText)).Select(e => e.RoutePattern.RawText!).Order().ToList();

        Assert.True(pairs.Count >= 5, string.Join(", ", pairs));
        Assert.Equal(pairs, Resources.Keys.Order().ToList());
        Assert.Equal(pairs, RoundTripping.Order().ToList());
    }

    private static readonly string[] RoundTripping =
    [
        "/api/v1/actions/{id:int}", "/api/v1/organisations/{id:int}", "/api/v1/people/{id:int}", "/api/v1/objectives/{id:int}",
        "/api/v1/practices/{id:int}", "/api/v1/events/{id:int}", "/api/v1/learning-networks/{id:int}/sessions/{sessionId:int}",
        "/api/v1/learning-networks/{id:int}/cases/{caseId:int}", "/api/v1/pacts/{code}/newsletter/editions/{id:int}", "/api/v1/voucher-schemes/{code}/settings",
        "/api/v1/rooms/{id:int}", "/api/v1/learning-places/{id:int}", "/api/v1/learning-places/{id:int}/requirements", "/api/v1/candidates/me/",
        "/api/v1/voucher-courses/{id:int}/competences/", "/api/v1/vacancies/{id:int}", "/api/v1/programmes/{code}",
        "/api/v1/programmes/{code}/modules", "/api/v1/programmes/{code}/employers",
    ];

    public static TheoryData<string> Routes() => new(RoundTripping);

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Sending_back_what_a_GET_returned_is_accepted_and_changes_nothing(string route)
    {
        var (who, url) = Resources[route];
        var client = await SignInAsync(factory, who);
        var at = await url();
        var read = await client.GetStringAsync(at);
        var audit = await Db(db => db.AuditEntries.CountAsync());

        var put = await client.PutAsync(at, new StringContent(read, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(put.StatusCode == HttpStatusCode.OK, $"PUT {route} with its own GET body: {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        Assert.Equal(Normalise(read), Normalise(await client.GetStringAsync(at)));
        Assert.Equal(audit, await Db(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>An internal meeting carries its members, agenda and documents in "meeting"; its coordinator sends them back unchanged.</summary>
    [Fact]
    public async Task An_internal_meeting_read_by_its_coordinator_is_accepted_back_and_keeps_its_members()
    {
        var client = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await Db(db => db.Events.Where(e => e.Kind == Web.Features.Knowledge.EventKind.LandsdeelLeadsMeeting).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync());
        var at = $"/api/v1/events/{id}";
        var read = await client.GetStringAsync(at);
        var members = await Db(db => db.Set<Web.Features.Knowledge.MeetingMember>().CountAsync(m => m.EventId == id));
        var audit = await Db(db => db.AuditEntries.CountAsync());

        var put = await client.PutAsync(at, new StringContent(read, System.Text.Encoding.UTF8, "application/json"));

        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        Assert.True(members > 0);
        Assert.Equal(members, JsonDocument.Parse(read).RootElement.GetProperty("meeting").GetProperty("memberEmails").GetArrayLength());
        Assert.Equal(members, await Db(db => db.Set<Web.Features.Knowledge.MeetingMember>().CountAsync(m => m.EventId == id)));
        Assert.Equal(Normalise(read), Normalise(await client.GetStringAsync(at)));
        Assert.Equal(audit, await Db(db => db.AuditEntries.CountAsync()));
    }

    /// <summary>What was read, with one section changed in it, is taken as that change and nothing else.</summary>
    [Fact]
    public async Task A_practice_read_and_changed_in_one_section_changes_only_that_section()
    {
        var client = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var id = await Db(db => db.Set<Web.Features.Knowledge.Practice>().OrderBy(p => p.Id).Select(p => p.Id).Skip(1).FirstAsync());
        var before = await Db(db => db.Set<Web.Features.Knowledge.Practice>().AsNoTracking().Include(p => p.Regions).Include(p => p.Contacts).SingleAsync(p => p.Id == id));
        var body = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"/api/v1/practices/{id}"))!;
        var approach = body["sections"]!.AsArray().Single(s => s!["key"]!.GetValue<string>() == "approach")!;
        approach["markdown"] = "Een **nieuwe** aanpak.";
        approach["html"] = "<p>genegeerd</p>";

        var put = await client.PutAsync($"/api/v1/practices/{id}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.True(put.StatusCode == HttpStatusCode.OK, $"{(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        var after = await Db(db => db.Set<Web.Features.Knowledge.Practice>().AsNoTracking().Include(p => p.Regions).Include(p => p.Contacts).SingleAsync(p => p.Id == id));
        Assert.Equal("Een **nieuwe** aanpak.", after.Approach);
        Assert.Equal(before.Context, after.Context);
        Assert.Equal(before.OrganisationId, after.OrganisationId);
        Assert.Equal(before.Regions.Select(r => r.RegionId).Order(), after.Regions.Select(r => r.RegionId).Order());
        Assert.Equal(before.Contacts.Select(c => c.PersonId).Order(), after.Contacts.Select(c => c.PersonId).Order());
        Assert.Equal(before.Version + 1, after.Version);
    }

    [Fact]
    public async Task A_section_that_does_not_exist_is_refused_and_changes_nothing()
    {
        var client = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var id = await Db(db => db.Set<Web.Features.Knowledge.Practice>().OrderBy(p => p.Id).Select(p => p.Id).FirstAsync());
        var version = await Db(db => db.Set<Web.Features.Knowledge.Practice>().Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        var body = System.Text.Json.Nodes.JsonNode.Parse(await client.GetStringAsync($"/api/v1/practices/{id}"))!;
        body["sections"]!.AsArray().Add(new System.Text.Json.Nodes.JsonObject { ["key"] = "epilogue", ["markdown"] = "Tot slot." });

        var put = await client.PutAsync($"/api/v1/practices/{id}", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(version, await Db(db => db.Set<Web.Features.Knowledge.Practice>().Where(p => p.Id == id).Select(p => p.Version).SingleAsync()));
    }

    private static string Normalise(string json) => JsonSerializer.Serialize(JsonDocument.Parse(json).RootElement);
}

public sealed class ApiRoundTripTestsSqlite(SqliteFactory factory) : ApiRoundTripTests<SqliteFactory>(factory);
public sealed class ApiRoundTripTestsPostgres(PostgresFactory factory) : ApiRoundTripTests<PostgresFactory>(factory);
