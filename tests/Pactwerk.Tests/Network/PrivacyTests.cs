using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Network;

/// <summary>AVG/GDPR: contact details for members only; export and erasure of a person.</summary>
public abstract class PrivacyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<int> PersonWithContactAsync(string name)
    {
        var person = new Person { Name = name, JobTitle = "projectleider", Email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.org", Phone = "+31 6 1234 5678" };
        await factory.InDbAsync(async db => { db.People.Add(person); return await db.SaveChangesAsync(); });
        return person.Id;
    }

    [Fact]
    public async Task Contact_details_are_shown_to_signed_in_members_only()
    {
        var id = await PersonWithContactAsync("Anna Contact");

        var visitor = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");
        var member = await (await SignInAsync(factory, "lid@pactwerk.demo")).GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}");

        Assert.Equal(JsonValueKind.Null, visitor.GetProperty("email").ValueKind);
        Assert.Equal(JsonValueKind.Null, visitor.GetProperty("phone").ValueKind);
        Assert.Equal("anna.contact@example.org", member.GetProperty("email").GetString());
    }

    [Fact]
    public async Task An_administrator_exports_everything_held_about_a_person_and_the_export_is_audited()
    {
        var id = await PersonWithContactAsync("Bert Export");
        var administrator = await SignInAsync(factory, "beheerder@pactwerk.demo");

        var export = await administrator.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}/export");
        var byMember = await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync($"/api/v1/people/{id}/export");
        var byCoordinator = await (await SignInAsync(factory, "coordinator@techniekpact.demo")).GetAsync($"/api/v1/people/{id}/export");

        Assert.Equal("bert.export@example.org", export.GetProperty("person").GetProperty("email").GetString());
        Assert.Contains(export.GetProperty("auditTrail").EnumerateArray(), a => a.GetProperty("action").GetString() == "Created");
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "PersonExported" && a.EntityId == id.ToString())));
    }

    [Fact]
    public async Task A_coordinator_of_another_pact_cannot_export_a_person_whose_own_export_is_their_own()
    {
        // Issue 16 item 1: the Zorgpact coordinator read the Oost lead's account, roles and Techniekpact audit lines.
        var oost = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "oost@techniekpact.demo").Select(u => u.PersonId).SingleAsync());
        Assert.NotNull(oost);
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");

        var refused = await zorgpact.GetAsync($"/api/v1/people/{oost}/export");
        var own = await (await SignInAsync(factory, "oost@techniekpact.demo")).GetFromJsonAsync<JsonElement>($"/api/v1/people/{oost}/export");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("oost@techniekpact.demo", await refused.Content.ReadAsStringAsync());
        Assert.Equal("oost@techniekpact.demo", own.GetProperty("accountEmail").GetString());
    }

    [Fact]
    public async Task Erasing_a_person_ends_the_sessions_roles_and_tokens_of_their_account()
    {
        var lead = await SignInAsync(factory, "noord@techniekpact.demo");
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var cees = await factory.InDbAsync(db => db.People.Where(p => p.Name == "Cees Bijl").Select(p => p.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await lead.GetAsync("/api/v1/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"/api/v1/people/{cees}/erase", null)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await lead.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(0, await factory.InDbAsync(db => db.RoleAssignments.CountAsync(r => r.UserId == db.Users.Where(u => u.PersonId == cees).Select(u => u.Id).First() && r.ValidTo == null)));
        Assert.Contains("Verwijderd persoon", await factory.InDbAsync(db => db.Users.Where(u => u.PersonId == cees).Select(u => u.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task Erasing_Jan_leaves_Janssen_alone_in_the_trail()
    {
        var jan = await PersonWithContactAsync("Jan");
        await PersonWithContactAsync("Janssen");
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");

        await admin.PostAsync($"/api/v1/people/{jan}/erase", null);

        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Person" && a.After != null && a.After.Contains("\"Janssen\""))));
        Assert.Equal(0, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.After != null && a.After.Contains("\"Jan\""))));
    }

    [Fact]
    public async Task Erasure_by_an_administrator_pseudonymises_the_person_and_their_traces_in_the_trail()
    {
        // Her surname is what the trail must lose: the demo has another Carla (a learning-place supervisor).
        var id = await PersonWithContactAsync("Carla Wissen");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");

        var refused = await coordinator.PostAsync($"/api/v1/people/{id}/erase", null);
        var erased = await admin.PostAsync($"/api/v1/people/{id}/erase", null);
        var person = await factory.InDbAsync(db => db.People.SingleAsync(p => p.Id == id));
        var traces = await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => (a.Before != null && a.Before.Contains("Wissen")) || (a.After != null && a.After.Contains("Wissen"))
            || (a.After != null && a.After.Contains("carla.wissen@example.org"))));
        var trailLines = await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Person" && a.EntityId == id.ToString()));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        Assert.Equal($"Verwijderd persoon {id}", person.Name);
        Assert.Null(person.Email);
        Assert.Null(person.Phone);
        Assert.NotNull(person.ErasedAt);
        Assert.Equal(0, traces);
        Assert.True(trailLines >= 2, "the trail keeps its lines (created, erased), only pseudonymised");
    }
}

public sealed class PrivacyTestsSqlite(SqliteFactory factory) : PrivacyTests<SqliteFactory>(factory);
public sealed class PrivacyTestsPostgres(PostgresFactory factory) : PrivacyTests<PostgresFactory>(factory);
