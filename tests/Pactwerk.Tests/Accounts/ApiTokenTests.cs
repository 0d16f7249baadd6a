using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Agenda;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

/// <summary>Personal API tokens: shown once, stored as a hash, no wider than their owner, revocable.</summary>
public abstract class ApiTokenTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static async Task<(int Id, string Secret)> CreateAsync(HttpClient owner, string name, bool readOnly = false, int[]? roles = null, int days = 30)
    {
        var response = await owner.PostAsJsonAsync("/api/v1/me/tokens", new
        {
            name, expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(days)), readOnly, roleAssignmentIds = roles,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (body.RootElement.GetProperty("token").GetProperty("id").GetInt32(), body.RootElement.GetProperty("secret").GetString()!);
    }

    private HttpClient WithToken(string secret)
    {
        var client = Anonymous(factory);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private async Task<(int Id, object Body)> OostEditAsync(HttpClient reader, string title)
    {
        var id = await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == "overijsselse-techniekuitdaging").Select(a => a.Id).SingleAsync());
        var a = (await reader.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;
        return (id, a.Edit(title: title));
    }

    [Fact]
    public async Task A_token_is_shown_once_stored_as_a_hash_and_acts_with_its_owners_rights()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var (id, secret) = await CreateAsync(lead, "pijplijn");
        var listed = await lead.GetStringAsync("/api/v1/me/tokens");
        var stored = await factory.InDbAsync(db => db.ApiTokens.SingleAsync(t => t.Id == id));
        var pipeline = WithToken(secret);

        var me = await pipeline.GetFromJsonAsync<MeJson>("/api/v1/me");
        var (actionId, edit) = await OostEditAsync(pipeline, "Bijgewerkt via token");
        var put = await pipeline.PutAsJsonAsync($"/api/v1/actions/{actionId}", edit);

        Assert.StartsWith("pw_", secret);
        Assert.DoesNotContain(secret, listed);
        Assert.NotEqual(secret, stored.SecretHash);
        Assert.Equal(64, stored.SecretHash.Length);
        Assert.True(me!.ViaToken);
        Assert.Equal("RegionalLead", Assert.Single(me.Roles).Kind);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal("Eddy van Hijum (demo)", await factory.InDbAsync(db => db.AuditEntries.OrderByDescending(a => a.Id)
            .Where(a => a.EntityType == "PactAction").Select(a => a.Actor).FirstAsync()));
    }

    [Fact]
    public async Task A_read_only_token_reads_but_changes_nothing()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var (_, secret) = await CreateAsync(lead, "alleen lezen", readOnly: true);
        var reader = WithToken(secret);

        var (actionId, edit) = await OostEditAsync(reader, "Mag niet");
        var put = await reader.PutAsJsonAsync($"/api/v1/actions/{actionId}", edit);

        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.True((await reader.GetFromJsonAsync<MeJson>("/api/v1/me"))!.ReadOnly);
    }

    [Fact]
    public async Task A_read_only_administrator_token_cannot_erase_a_person()
    {
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var person = new Web.Features.Network.Person { Name = "Alleen Lezen" };
        await factory.InDbAsync(async db => { db.People.Add(person); return await db.SaveChangesAsync(); });
        var (_, secret) = await CreateAsync(admin, "beheer alleen lezen", readOnly: true);

        var erase = await WithToken(secret).PostAsync($"/api/v1/people/{person.Id}/erase", null);

        Assert.Equal(HttpStatusCode.Forbidden, erase.StatusCode);
        Assert.Contains("alleen lezen", await erase.Content.ReadAsStringAsync());
        Assert.Equal("Alleen Lezen", await factory.InDbAsync(db => db.People.Where(p => p.Id == person.Id).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task A_token_cannot_be_wider_than_its_owner_and_cannot_mint_tokens()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var someoneElsesRole = await factory.InDbAsync(db => db.RoleAssignments.Where(r => r.Kind == Web.Features.Accounts.RoleKind.Administrator).Select(r => r.Id).FirstAsync());

        var wider = await lead.PostAsJsonAsync("/api/v1/me/tokens", new { name = "te breed", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)), readOnly = false, roleAssignmentIds = new[] { someoneElsesRole } });
        var tooLong = await lead.PostAsJsonAsync("/api/v1/me/tokens", new { name = "te lang", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(3)), readOnly = false });
        var (_, secret) = await CreateAsync(lead, "geldig");
        var minted = await WithToken(secret).PostAsJsonAsync("/api/v1/me/tokens", new { name = "kind", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)), readOnly = false });

        Assert.Equal(HttpStatusCode.BadRequest, wider.StatusCode);
        Assert.Contains("alleen rollen krijgen die je zelf hebt", await wider.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.True(minted.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"{minted.StatusCode}");
    }

    [Fact]
    public async Task A_token_scoped_to_no_roles_cannot_edit()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (_, secret) = await CreateAsync(coordinator, "zonder rollen", roles: []);
        var client = WithToken(secret);

        var (actionId, edit) = await OostEditAsync(client, "Mag niet");

        Assert.Equal(HttpStatusCode.Forbidden, (await client.PutAsJsonAsync($"/api/v1/actions/{actionId}", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/audit")).StatusCode);
    }

    [Fact]
    public async Task Revoked_expired_and_unknown_tokens_get_401_with_the_reason()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var (revokedId, revoked) = await CreateAsync(lead, "ingetrokken");
        var (expiredId, expired) = await CreateAsync(lead, "verlopen");
        Assert.Equal(HttpStatusCode.NoContent, (await lead.DeleteAsync($"/api/v1/me/tokens/{revokedId}")).StatusCode);
        await factory.InDbAsync(db => db.ApiTokens.Where(t => t.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(t => t.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        foreach (var (secret, reason) in new[] { (revoked, "ingetrokken"), (expired, "verlopen"), ("pw_bestaatniet", "Onbekend token"), ("geen-pactwerk-token", "geen Pactwerk-token") })
        {
            var response = await WithToken(secret).GetAsync("/api/v1/me");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains(reason, await response.Content.ReadAsStringAsync());
        }
        var events = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "ApiToken").Select(a => a.Action).ToListAsync());
        Assert.Contains("TokenCreated", events);
        Assert.Contains("TokenRevoked", events);
    }
}

public sealed class ApiTokenTestsSqlite(SqliteFactory factory) : ApiTokenTests<SqliteFactory>(factory);
public sealed class ApiTokenTestsPostgres(PostgresFactory factory) : ApiTokenTests<PostgresFactory>(factory);
