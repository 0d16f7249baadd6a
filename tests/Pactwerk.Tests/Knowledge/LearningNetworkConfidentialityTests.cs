using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// A learning network's cases are for its members only: every other reader, on every path, gets
/// "not found" and the attempt is logged; no list, export or audit line carries a case's text.
/// </summary>
public abstract class LearningNetworkConfidentialityTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Secret = "Vertrouwelijk-7f3a: fusie met de regionale mbo-school";

    private async Task<(int Network, int Case)> MemberAddsCaseAsync()
    {
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);
        var network = await factory.InDbAsync(db => db.LearningNetworks.Where(n => n.Name == DemoEventsAndLearningNetworks.NetworkName).Select(n => n.Id).SingleAsync());
        var response = await member.PostAsJsonAsync($"/api/v1/learning-networks/{network}/cases",
            new { title = Secret, question = "Hoe vertellen we het de teams? " + Secret, discussionNotes = "Notitie " + Secret });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (network, (await response.ReadAsync<JsonElement>()).GetProperty("id").GetInt32());
    }

    private Task<int> RefusalsAsync(string? caseId) => factory.InDbAsync(db => db.AuditEntries
        .CountAsync(a => a.Action == LearningNetworkAuditActions.CaseAccessRefused && a.EntityId == caseId));

    [Fact]
    public async Task A_member_reads_and_lists_the_cases_by_page_and_API()
    {
        var (network, caseId) = await MemberAddsCaseAsync();
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);

        var one = await member.GetFromJsonAsync<JsonElement>($"/api/v1/learning-networks/{network}/cases/{caseId}");
        Assert.Equal(Secret, one.GetProperty("title").GetString());
        var all = await member.GetFromJsonAsync<JsonElement>($"/api/v1/learning-networks/{network}/cases");
        Assert.Contains(all.EnumerateArray(), c => c.GetProperty("id").GetInt32() == caseId);
        Assert.Contains(Secret, await member.GetStringAsync($"/lerende-netwerken/{network}/casussen/{caseId}"));
        Assert.Contains(Secret, await member.GetStringAsync($"/lerende-netwerken/{network}"));
        Assert.Equal(0, await RefusalsAsync(caseId.ToString()));
    }

    [Theory]
    [InlineData("coordinator@zorgpact.demo")]
    [InlineData("beheerder@pactwerk.demo")]
    [InlineData("lid@pactwerk.demo")]
    [InlineData("anonymous")]
    public async Task Everyone_else_is_refused_on_every_path_and_each_attempt_is_logged(string who)
    {
        var (network, caseId) = await MemberAddsCaseAsync();
        var client = who == "anonymous" ? Anonymous(factory) : await SignInAsync(factory, who);
        var before = await RefusalsAsync(caseId.ToString());
        var guessedBefore = await RefusalsAsync("999999");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/learning-networks/{network}/cases/{caseId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/lerende-netwerken/{network}/casussen/{caseId}")).StatusCode);
        // A guessed id is answered and logged the same, so a refusal does not tell whether the case exists.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/learning-networks/{network}/cases/999999")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/learning-networks/{network}/cases")).StatusCode);

        Assert.Equal(before + 2, await RefusalsAsync(caseId.ToString()));
        Assert.Equal(guessedBefore + 1, await RefusalsAsync("999999"));
        var userId = who == "anonymous" ? null : await factory.InDbAsync(db => db.Users.Where(u => u.Email == who).Select(u => u.Id).SingleAsync());
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == LearningNetworkAuditActions.CaseAccessRefused
            && a.EntityId == caseId.ToString() && a.UserId == userId)));

        if (who != "anonymous")
        {
            // The network page (coordinators see it, others get 404) never shows a case.
            var page = await client.GetAsync($"/lerende-netwerken/{network}");
            Assert.DoesNotContain(Secret, await page.Content.ReadAsStringAsync());
            var edit = await client.PutAsJsonAsync($"/api/v1/learning-networks/{network}/cases/{caseId}", new { title = "x", question = "y", version = 0 });
            Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
            var add = await client.PostAsJsonAsync($"/api/v1/learning-networks/{network}/cases", new { title = "x", question = "y" });
            Assert.Equal(HttpStatusCode.NotFound, add.StatusCode);
        }
        Assert.Equal(Secret, await factory.InDbAsync(db => db.LearningNetworkCases.Where(c => c.Id == caseId).Select(c => c.Title).SingleAsync()));
    }

    [Fact]
    public async Task No_list_audit_line_or_export_carries_a_cases_text()
    {
        var (network, _) = await MemberAddsCaseAsync();
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);
        var caseId = (await member.GetFromJsonAsync<JsonElement>($"/api/v1/learning-networks/{network}/cases"))[0].GetProperty("id").GetInt32();
        var current = await member.GetFromJsonAsync<JsonElement>($"/api/v1/learning-networks/{network}/cases/{caseId}");
        var edited = await member.PutAsJsonAsync($"/api/v1/learning-networks/{network}/cases/{caseId}", new
        {
            title = current.GetProperty("title").GetString(), question = current.GetProperty("question").GetString(),
            discussionNotes = "Bijgewerkt " + Secret, version = current.GetProperty("version").GetInt32(),
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);

        foreach (var who in new[] { "beheerder@pactwerk.demo", "coordinator@zorgpact.demo" })
        {
            var client = await SignInAsync(factory, who);
            Assert.DoesNotContain("Vertrouwelijk-7f3a", await client.GetStringAsync("/api/v1/audit?pageSize=200"));
            Assert.DoesNotContain("Vertrouwelijk-7f3a", await client.GetStringAsync("/beheer/audit"));
            Assert.DoesNotContain("Vertrouwelijk-7f3a", await client.GetStringAsync("/api/v1/events"));
            Assert.DoesNotContain("Vertrouwelijk-7f3a", await client.GetStringAsync($"/api/v1/learning-networks/{network}"));
        }
        Assert.DoesNotContain("Vertrouwelijk-7f3a", await Anonymous(factory).GetStringAsync("/evenementen"));
        // Nothing in the trail at all carries the text, whoever reads it.
        Assert.False(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => (a.After ?? "").Contains("7f3a") || (a.Before ?? "").Contains("7f3a"))));
        // The business events name the case without its text.
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == LearningNetworkAuditActions.CaseUpdated && a.EntityId == caseId.ToString())));
    }

    [Fact]
    public async Task Another_member_adds_to_the_notes_but_does_not_rewrite_the_case()
    {
        var (network, caseId) = await MemberAddsCaseAsync();
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var other = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "lid@pactwerk.demo").Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/learning-networks/{network}/members", new { email = "lid@pactwerk.demo" })).StatusCode);
        try
        {
            var lid = await SignInAsync(factory, "lid@pactwerk.demo");
            var current = await lid.GetFromJsonAsync<JsonElement>($"/api/v1/learning-networks/{network}/cases/{caseId}");
            var version = current.GetProperty("version").GetInt32();
            var rewrite = await lid.PutAsJsonAsync($"/api/v1/learning-networks/{network}/cases/{caseId}", new { title = "Anders", question = current.GetProperty("question").GetString(), version });
            Assert.Equal(HttpStatusCode.Forbidden, rewrite.StatusCode);
            var notes = await lid.PutAsJsonAsync($"/api/v1/learning-networks/{network}/cases/{caseId}", new
                { title = Secret, question = current.GetProperty("question").GetString(), discussionNotes = "Aanvulling van een ander lid.", version });
            Assert.Equal(HttpStatusCode.OK, notes.StatusCode);
            var stale = await lid.PutAsJsonAsync($"/api/v1/learning-networks/{network}/cases/{caseId}", new
                { title = Secret, question = current.GetProperty("question").GetString(), discussionNotes = "Verouderd.", version });
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Equal("Aanvulling van een ander lid.", await factory.InDbAsync(db => db.LearningNetworkCases.Where(c => c.Id == caseId).Select(c => c.DiscussionNotes).SingleAsync()));
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await coordinator.DeleteAsync($"/api/v1/learning-networks/{network}/members/{other}")).StatusCode);
        }
    }

    [Fact]
    public async Task A_coordinator_cannot_add_themselves_and_read_the_cases()
    {
        var (network, caseId) = await MemberAddsCaseAsync();
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var self = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "coordinator@zorgpact.demo").Select(u => u.Id).SingleAsync());
        Task<int> MemberLines() => factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(LearningNetworkMember)));
        var linesBefore = await MemberLines();

        var add = await coordinator.PostAsJsonAsync($"/api/v1/learning-networks/{network}/members", new { email = " Coordinator@Zorgpact.demo " });
        Assert.Equal(HttpStatusCode.BadRequest, add.StatusCode);
        Assert.Contains("jezelf", await add.Content.ReadAsStringAsync());
        Assert.False(await factory.InDbAsync(db => db.LearningNetworkMembers.AnyAsync(m => m.NetworkId == network && m.UserId == self)));
        Assert.Equal(linesBefore, await MemberLines());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/api/v1/learning-networks/{network}/cases/{caseId}")).StatusCode);

        // Another manager may add them; the change is in the audit trail, and so is its undoing.
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"/api/v1/learning-networks/{network}/members", new { email = "coordinator@zorgpact.demo" })).StatusCode);
        try
        {
            Assert.Equal(linesBefore + 1, await MemberLines());
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/api/v1/learning-networks/{network}/cases/{caseId}")).StatusCode);
        }
        finally
        {
            Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/learning-networks/{network}/members/{self}")).StatusCode);
        }
        Assert.Equal(linesBefore + 2, await MemberLines());
    }
}

public sealed class LearningNetworkConfidentialitySqlite(SqliteFactory factory) : LearningNetworkConfidentialityTests<SqliteFactory>(factory);
public sealed class LearningNetworkConfidentialityPostgres(PostgresFactory factory) : LearningNetworkConfidentialityTests<PostgresFactory>(factory);
