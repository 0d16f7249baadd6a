using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Audit;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Accounts;

public sealed record MeJson(string Id, string DisplayName, string? Email, bool ViaToken, bool ReadOnly, List<RoleJson> Roles);
public sealed record RoleJson(int Id, string Kind, string? Pact, string? Region, string? Organisation);

/// <summary>Invitations: only within the inviter's own scope, once per address, audited.</summary>
public abstract class InvitationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static object Invitation(string email, string kind, string? pact = null, string? region = null) =>
        new { email, displayName = "Nieuwe Collega", role = new { kind, pactCode = pact, regionCode = region } };

    [Fact]
    public async Task An_invited_lead_sets_a_password_from_the_mail_and_has_exactly_the_granted_role()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");

        var invited = await coordinator.PostAsJsonAsync("/api/v1/invitations", Invitation("nieuw.oost@example.org", "RegionalLead", "techniekpact", "tp-oost"));
        var link = LinkIn(MailTo(factory, "nieuw.oost@example.org").Single());
        var client = Anonymous(factory);
        var set = await PostFormAsync(client, link, new() { ["Password"] = "mijn-eigen-wachtwoord", ["Confirm"] = "mijn-eigen-wachtwoord" }, link);
        var lead = await SignInAsync(factory, "nieuw.oost@example.org", "mijn-eigen-wachtwoord");
        var me = await lead.GetFromJsonAsync<MeJson>("/api/v1/me");

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var role = Assert.Single(me!.Roles);
        Assert.Equal(("RegionalLead", "techniekpact", "TP-OOST"), (role.Kind, role.Pact, role.Region));
        var events = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.Action == AuditActions.Invited || a.Action == AuditActions.RoleGranted)
            .Select(a => a.Action + "|" + a.Actor).ToListAsync());
        Assert.Contains("Invited|Coördinator Techniekpact (demo)", events);
        Assert.Contains("RoleGranted|Coördinator Techniekpact (demo)", events);
    }

    [Theory]
    [InlineData("coordinator@zorgpact.demo", "RegionalLead", "techniekpact", "TP-NOORD")]
    [InlineData("coordinator@techniekpact.demo", "Administrator", null, null)]
    [InlineData("oost@techniekpact.demo", "RegionalLead", "techniekpact", "TP-OOST")]
    [InlineData("lid@pactwerk.demo", "Member", null, null)]
    public async Task Nobody_grants_a_role_beyond_their_own_scope(string inviter, string kind, string? pact, string? region)
    {
        var client = await SignInAsync(factory, inviter);
        var users = await factory.InDbAsync(db => db.Users.CountAsync());

        var response = await client.PostAsJsonAsync("/api/v1/invitations", Invitation($"te-ver-{Guid.NewGuid():N}@example.org", kind, pact, region));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(users, await factory.InDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task The_same_invitation_posted_twice_creates_one_account()
    {
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");

        var first = await admin.PostAsJsonAsync("/api/v1/invitations", Invitation("dubbel@example.org", "Member"));
        var second = await admin.PostAsJsonAsync("/api/v1/invitations", Invitation("dubbel@example.org", "Member"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("Er is al een account met het e-mailadres dubbel@example.org", await second.Content.ReadAsStringAsync());
        Assert.Equal(1, await factory.InDbAsync(db => db.Users.CountAsync(u => u.Email == "dubbel@example.org")));
    }

    [Theory]
    [InlineData("geen-adres", "Member", null, null, "geen geldig e-mailadres")]
    [InlineData("ok@example.org", "Keizer", null, null, "ongeldige waarde bij $.role.kind")]
    [InlineData("ok2@example.org", "RegionalLead", "techniekpact", "XX99", "Er is geen regio met code 'XX99'")]
    [InlineData("ok3@example.org", "PactCoordinator", "planetenpact", null, "Er is geen pact met code 'planetenpact'")]
    public async Task Bad_invitations_get_a_clear_400_and_create_nothing(string email, string kind, string? pact, string? region, string message)
    {
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var users = await factory.InDbAsync(db => db.Users.CountAsync());

        var response = await admin.PostAsJsonAsync("/api/v1/invitations", Invitation(email, kind, pact, region));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(users, await factory.InDbAsync(db => db.Users.CountAsync()));
    }
}

public sealed class InvitationTestsSqlite(SqliteFactory factory) : InvitationTests<SqliteFactory>(factory);
public sealed class InvitationTestsPostgres(PostgresFactory factory) : InvitationTests<PostgresFactory>(factory);
