using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// The learning network's pages: its managers (the pact's coordinators) add and remove members and
/// plan sessions; members see sessions with their cases; nobody else sees a case on any path
/// (page, session page and API, search, exports).
/// </summary>
public abstract class LearningNetworkPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Secret = "Geheim-c91e: krimp van de opleiding";

    private Task<int> NetworkAsync() => factory.InDbAsync(db => db.LearningNetworks.Where(n => n.Name == DemoEventsAndLearningNetworks.NetworkName).Select(n => n.Id).SingleAsync());
    private Task<string> UserIdAsync(string email) => factory.InDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
    private Task<bool> IsMemberAsync(int network, string user) => factory.InDbAsync(db => db.LearningNetworkMembers.AnyAsync(m => m.NetworkId == network && m.UserId == user));

    [Fact]
    public async Task A_coordinator_adds_and_removes_a_member_on_the_page_and_bad_input_changes_nothing()
    {
        var network = await NetworkAsync();
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var page = await coordinator.GetStringAsync($"/lerende-netwerken/{network}");
        Assert.Contains("Lid toevoegen", page);
        var lid = await UserIdAsync("redacteur@hva.demo");
        var before = await factory.InDbAsync(db => db.LearningNetworkMembers.CountAsync(m => m.NetworkId == network));

        var unknown = await PostFormAsync(coordinator, $"/lerende-netwerken/{network}?handler=AddMember", new() { ["email"] = "niemand@example.org" }, $"/lerende-netwerken/{network}");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Er is geen account met dit e-mailadres.", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.InDbAsync(db => db.LearningNetworkMembers.CountAsync(m => m.NetworkId == network)));

        var added = await PostFormAsync(coordinator, $"/lerende-netwerken/{network}?handler=AddMember", new() { ["email"] = "Redacteur@HvA.demo" }, $"/lerende-netwerken/{network}");
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(await IsMemberAsync(network, lid));
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == "LearningNetworkMember" && a.Action == "Created" && a.After!.Contains(lid))));

        var removed = await PostFormAsync(coordinator, $"/lerende-netwerken/{network}?handler=RemoveMember", new() { ["userId"] = lid }, $"/lerende-netwerken/{network}");
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(await IsMemberAsync(network, lid));
        Assert.Equal(before, await factory.InDbAsync(db => db.LearningNetworkMembers.CountAsync(m => m.NetworkId == network)));
    }

    [Fact]
    public async Task A_member_does_not_manage_the_network_and_others_do_not_see_it()
    {
        var network = await NetworkAsync();
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);
        var page = await member.GetStringAsync($"/lerende-netwerken/{network}");
        Assert.DoesNotContain("Lid toevoegen", page);
        var lid = await UserIdAsync("lid@pactwerk.demo");
        var refused = await PostFormAsync(member, $"/lerende-netwerken/{network}?handler=AddMember", new() { ["email"] = "lid@pactwerk.demo" }, $"/lerende-netwerken/{network}");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await IsMemberAsync(network, lid));
        // A page's refusal goes, as everywhere on the site, to the access-denied page.
        var form = await member.GetAsync($"/lerende-netwerken/{network}/bijeenkomsten/nieuw");
        Assert.Equal(HttpStatusCode.Found, form.StatusCode);
        Assert.DoesNotContain("nieuw", form.Headers.Location!.OriginalString.Split('?')[0]);
        var api = await member.PostAsJsonAsync($"/api/v1/learning-networks/{network}/sessions", new { date = "2031-05-01", theme = "Niet van mij" });
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);

        var outsider = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/lerende-netwerken/{network}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/lerende-netwerken/{network}/bijeenkomsten/nieuw")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_plans_a_session_whose_page_shows_its_cases_to_members_only()
    {
        var network = await NetworkAsync();
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var sessions = await factory.InDbAsync(db => db.LearningNetworkSessions.CountAsync(s => s.NetworkId == network));

        var bad = await PostFormAsync(coordinator, $"/lerende-netwerken/{network}/bijeenkomsten/nieuw",
            new() { ["Input.Date"] = "", ["Input.Theme"] = "", ["Input.Place"] = "Zwolle" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var html = await bad.Content.ReadAsStringAsync();
        Assert.Contains("Geef de datum van de bijeenkomst", html);
        Assert.Contains("Geef het thema", html);
        Assert.Equal(sessions, await factory.InDbAsync(db => db.LearningNetworkSessions.CountAsync(s => s.NetworkId == network)));

        var planned = await PostFormAsync(coordinator, $"/lerende-netwerken/{network}/bijeenkomsten/nieuw", new()
        {
            ["Input.Date"] = "2031-06-12", ["Input.Theme"] = "Zij-instroom in de wijk", ["Input.Place"] = "Zwolle", ["Input.Agenda"] = "1. Opening\n2. Casus",
        });
        Assert.Equal(HttpStatusCode.Redirect, planned.StatusCode);
        var session = await factory.InDbAsync(db => db.LearningNetworkSessions.Where(s => s.NetworkId == network && s.Theme == "Zij-instroom in de wijk").SingleAsync());
        Assert.Equal(new DateOnly(2031, 6, 12), session.Date);
        Assert.Equal("1. Opening\n2. Casus", session.Agenda);
        Assert.Equal($"/lerende-netwerken/{network}/bijeenkomsten/{session.Id}", planned.Headers.Location!.OriginalString);

        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);
        var created = await member.PostAsJsonAsync($"/api/v1/learning-networks/{network}/cases", new { title = Secret, question = "Wat doen we? " + Secret, sessionId = session.Id });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var caseId = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();

        var memberPage = await member.GetStringAsync($"/lerende-netwerken/{network}/bijeenkomsten/{session.Id}");
        Assert.Contains("Zij-instroom in de wijk", memberPage);
        Assert.Contains(Secret, memberPage);
        var memberApi = await member.GetFromJsonAsync<JsonElement>($"/api/v1/learning-networks/{network}/sessions/{session.Id}");
        Assert.Contains(memberApi.GetProperty("cases").EnumerateArray(), c => c.GetProperty("id").GetInt32() == caseId);

        // The coordinator planned it and sees it, agenda and all, but not the case brought in for it.
        var coordinatorPage = await coordinator.GetStringAsync($"/lerende-netwerken/{network}/bijeenkomsten/{session.Id}");
        Assert.Contains("Zij-instroom in de wijk", coordinatorPage);
        Assert.Contains("1. Opening", coordinatorPage);
        Assert.DoesNotContain("c91e", coordinatorPage);
        var coordinatorApi = await coordinator.GetStringAsync($"/api/v1/learning-networks/{network}/sessions/{session.Id}");
        Assert.DoesNotContain("c91e", coordinatorApi);
        Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(coordinatorApi).RootElement.GetProperty("cases").ValueKind);

        // A change with a stale version is refused with what changed; a current one is saved.
        var edit = await coordinator.PutAsJsonAsync($"/api/v1/learning-networks/{network}/sessions/{session.Id}",
            new { date = "2031-06-12", theme = "Zij-instroom in de wijk", notes = "Acht bestuurders aanwezig.", version = session.Version });
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var stale = await coordinator.PutAsJsonAsync($"/api/v1/learning-networks/{network}/sessions/{session.Id}",
            new { date = "2031-06-13", theme = "Anders", version = session.Version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("Acht bestuurders aanwezig.", await factory.InDbAsync(db => db.LearningNetworkSessions.Where(s => s.Id == session.Id).Select(s => s.Notes).SingleAsync()));
    }

    [Theory]
    [InlineData("coordinator@zorgpact.demo")]
    [InlineData("beheerder@pactwerk.demo")]
    public async Task A_case_is_in_no_search_and_no_export_for_anyone(string who)
    {
        var network = await NetworkAsync();
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);
        var created = await member.PostAsJsonAsync($"/api/v1/learning-networks/{network}/cases", new { title = Secret, question = "Vraag " + Secret, discussionNotes = "Notitie " + Secret });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var person = await factory.InDbAsync(db => db.Users.Where(u => u.Email == DemoEventsAndLearningNetworks.NetworkMemberEmail).Select(u => u.PersonId).SingleAsync());

        foreach (var client in new[] { await SignInAsync(factory, who), member })
        {
            // Search covers practices only: a case's words find nothing, for members too.
            var search = await client.GetFromJsonAsync<JsonElement>("/api/v1/practices?q=" + Uri.EscapeDataString("krimp opleiding c91e"));
            Assert.Equal(0, search.GetProperty("total").GetInt32());
            // The page repeats the query itself; the case's own text is what must not appear.
            Assert.DoesNotContain("Geheim-c91e", await client.GetStringAsync("/praktijken?q=" + Uri.EscapeDataString("c91e krimp")));
            Assert.DoesNotContain("c91e", await client.GetStringAsync("/api/v1/organisations/export?format=csv"));
            Assert.DoesNotContain("c91e", await client.GetStringAsync("/api/v1/organisations/export?format=json"));
            Assert.DoesNotContain("c91e", await client.GetStringAsync("/api/v1/events"));
        }
        var reader = await SignInAsync(factory, who);
        Assert.DoesNotContain("c91e", await reader.GetStringAsync("/api/v1/audit?pageSize=200"));
        if (person is { } personId)
        {
            // The member's own personal-data export does not carry the cases they brought in.
            var export = await reader.GetAsync($"/api/v1/people/{personId}/export");
            Assert.DoesNotContain("c91e", await export.Content.ReadAsStringAsync());
        }
    }
}

public sealed class LearningNetworkPagesSqlite(SqliteFactory factory) : LearningNetworkPagesTests<SqliteFactory>(factory);
public sealed class LearningNetworkPagesPostgres(PostgresFactory factory) : LearningNetworkPagesTests<PostgresFactory>(factory);
