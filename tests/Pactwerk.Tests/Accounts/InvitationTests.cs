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
    public async Task A_coordinator_grants_partner_editors_only_within_their_own_pact()
    {
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var hva = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());
        object Editor(string email, string pact) => new { email, displayName = "Redacteur", role = new { kind = "PartnerEditor", pactCode = pact, organisationId = hva } };

        var otherPact = await zorg.PostAsJsonAsync("/api/v1/invitations", Editor("hva.techniek@example.org", "techniekpact"));
        var ownPact = await zorg.PostAsJsonAsync("/api/v1/invitations", Editor("hva.zorg@example.org", "zorgpact"));
        var link = LinkIn(MailTo(factory, "hva.zorg@example.org").Single());
        await PostFormAsync(Anonymous(factory), link, new() { ["Password"] = "redacteur-van-de-zorg", ["Confirm"] = "redacteur-van-de-zorg" }, link);
        var editor = await SignInAsync(factory, "hva.zorg@example.org", "redacteur-van-de-zorg");
        var makeItWork = await factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == "make-it-work").Select(a => a.Id).SingleAsync());
        var action = (await editor.GetFromJsonAsync<Agenda.ActionJson>($"/api/v1/actions/{makeItWork}"))!;
        var edit = await editor.PutAsJsonAsync($"/api/v1/actions/{makeItWork}", action.Edit(title: "Overgenomen"));

        Assert.Equal(HttpStatusCode.Forbidden, otherPact.StatusCode);
        Assert.Equal(HttpStatusCode.Created, ownPact.StatusCode);
        // HvA leads a Techniekpact action; an editor for HvA in the Zorgpact does not reach it.
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Fact]
    public async Task Linking_an_account_to_a_person_is_for_administrators_and_checked()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var person = await factory.InDbAsync(db => db.People.Where(p => p.Name == "Ton Wilthagen").Select(p => p.Id).SingleAsync());
        object Linked(string email, int personId) => new { email, displayName = "Gekoppeld", personId, role = new { kind = "Member" } };

        var byCoordinator = await coordinator.PostAsJsonAsync("/api/v1/invitations", Linked("koppel1@example.org", person));
        var unknown = await admin.PostAsJsonAsync("/api/v1/invitations", Linked("koppel2@example.org", 999_999));
        var first = await admin.PostAsJsonAsync("/api/v1/invitations", Linked("koppel3@example.org", person));
        var second = await admin.PostAsJsonAsync("/api/v1/invitations", Linked("koppel4@example.org", person));

        Assert.Equal(HttpStatusCode.Forbidden, byCoordinator.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Er is geen persoon met nummer 999999", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains("heeft al een account", await second.Content.ReadAsStringAsync());
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
