using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Network;

/// <summary>Who may change organisations, signatures and roles; bad input changes nothing; every change is audited.</summary>
public abstract class NetworkEditingTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<int> OrganisationCountAsync() => factory.InDbAsync(db => db.Organisations.CountAsync());

    private Task<int> IdOfAsync(string name) => factory.InDbAsync(db => db.Organisations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    private static object NewOrganisation(string name, string municipality = "GM0153", string helix = "Business") => new
    {
        name, helix, kind = "Company", sectors = new[] { "technology", "manufacturing" }, municipalityCode = municipality,
        kvkNumber = (string?)null, website = "https://example.org", description = "Machinebouwer in Enschede.",
    };

    [Fact]
    public async Task A_coordinator_adds_an_organisation_which_is_then_found_in_its_region_and_audited()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");

        var created = await coordinator.PostAsJsonAsync("/api/v1/organisations", NewOrganisation("Twentse Machinefabriek"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("GM0153", body.GetProperty("municipality").GetProperty("code").GetString());
        var inOost = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/organisations?region=TP-OOST&q=twentse");
        Assert.Equal(1, inOost.GetProperty("total").GetInt32());
        var id = body.GetProperty("id").GetInt32().ToString();
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Organisation" && a.EntityId == id && a.Action == "Created")));
    }

    [Theory]
    [InlineData("GM9999", "Business", "MunicipalityCode", "Er is geen gemeente met code 'GM9999'")]
    [InlineData("GM0153", "triple", "Helix", "Government, Education, Business, CivilSociety")]
    public async Task Bad_input_gets_a_clear_message_and_creates_nothing(string municipality, string helix, string field, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await OrganisationCountAsync();

        var response = await coordinator.PostAsJsonAsync("/api/v1/organisations", NewOrganisation("Onbekend Bedrijf", municipality, helix));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(before, await OrganisationCountAsync());
    }

    [Fact]
    public async Task The_same_name_in_the_same_municipality_is_a_duplicate_but_elsewhere_it_is_not()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await OrganisationCountAsync();

        var duplicate = await coordinator.PostAsJsonAsync("/api/v1/organisations", new { name = "provincie gelderland", helix = "Government", kind = "Province", municipalityCode = "GM0202" });
        var elsewhere = await coordinator.PostAsJsonAsync("/api/v1/organisations", new { name = "Tilburg University", helix = "Education", kind = "University", municipalityCode = "GM0200" });

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("bestaat al", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, elsewhere.StatusCode);
        Assert.Equal(before + 1, await OrganisationCountAsync());
    }

    [Fact]
    public async Task Visitors_and_members_may_not_add_organisations()
    {
        var anonymous = await Anonymous(factory).PostAsJsonAsync("/api/v1/organisations", NewOrganisation("Bedrijf A"));
        var member = await (await SignInAsync(factory, "lid@pactwerk.demo")).PostAsJsonAsync("/api/v1/organisations", NewOrganisation("Bedrijf B"));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
    }

    [Fact]
    public async Task A_partner_editor_changes_their_own_organisation_only_and_a_coordinator_only_those_in_their_pact()
    {
        var hva = await IdOfAsync("Hogeschool van Amsterdam");
        var siza = await IdOfAsync("Siza");
        var metaalunie = await IdOfAsync("Koninklijke Metaalunie");
        var editor = await SignInAsync(factory, "redacteur@hva.demo");
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");

        var own = await UpdateAsync(editor, hva, o => o with { Description = "Hogeschool in Amsterdam met een IT-omscholing." });
        var other = await UpdateAsync(editor, siza, o => o with { Description = "Gewijzigd door een ander." });
        var inPact = await UpdateAsync(zorg, siza, o => o with { Website = "https://www.siza.nl" });
        var outsidePact = await UpdateAsync(zorg, metaalunie, o => o with { Website = "https://example.org" });

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, inPact.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsidePact.StatusCode);
        Assert.Equal("https://www.siza.nl", await factory.InDbAsync(db => db.Organisations.Where(o => o.Id == siza).Select(o => o.Website).SingleAsync()));
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_what_changed()
    {
        var landstede = await IdOfAsync("Landstede Groep");
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var version = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{landstede}")).GetProperty("version").GetInt32();

        var first = await UpdateAsync(coordinator, landstede, o => o with { Website = "https://www.landstede.nl" }, version);
        var second = await UpdateAsync(coordinator, landstede, o => o with { Website = "https://example.org/oud" }, version);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("https://www.landstede.nl", await second.Content.ReadAsStringAsync());
        Assert.Equal("https://www.landstede.nl", await factory.InDbAsync(db => db.Organisations.Where(o => o.Id == landstede).Select(o => o.Website).SingleAsync()));
    }

    [Fact]
    public async Task A_signatory_withdraws_and_stays_in_the_history_but_leaves_the_balance()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await (await coordinator.PostAsJsonAsync("/api/v1/organisations", NewOrganisation("Deventer Installatietechniek", "GM0150")))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var before = await PartnersAsync();

        var signed = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/signatories", new { organisationId = id, signedOn = "2019-03-01", commitment = "Tien leerbanen per jaar." });
        var twice = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/signatories", new { organisationId = id, signedOn = "2019-04-01", commitment = "Nog eens." });
        var signatory = await signed.Content.ReadFromJsonAsync<JsonElement>();
        var afterSigning = await PartnersAsync();
        var withdrawal = $"/api/v1/pacts/techniekpact/signatories/{signatory.GetProperty("id").GetInt32()}/withdraw";
        var early = await coordinator.PostAsJsonAsync(withdrawal, new { withdrawnOn = "2018-01-01", reason = "Te vroeg.", version = 0 });
        var withdrawn = await coordinator.PostAsJsonAsync(withdrawal, new { withdrawnOn = "2021-06-30", reason = "Bedrijf overgenomen.", version = 0 });
        var again = await coordinator.PostAsJsonAsync(withdrawal, new { withdrawnOn = "2022-01-01", reason = "Nogmaals.", version = 1 });

        Assert.Equal(HttpStatusCode.Created, signed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Equal(before + 1, afterSigning);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(before, await PartnersAsync());
        var listed = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/signatories");
        var entry = listed.EnumerateArray().Single(s => s.GetProperty("organisationId").GetInt32() == id);
        Assert.False(entry.GetProperty("active").GetBoolean());
        Assert.Equal("Bedrijf overgenomen.", entry.GetProperty("withdrawalReason").GetString());
        Assert.Contains("Bedrijf overgenomen.", await Anonymous(factory).GetStringAsync($"/organisaties/{id}"));
    }

    [Fact]
    public async Task Only_the_pacts_own_coordinators_record_signatures_and_roles()
    {
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var hva = await IdOfAsync("Hogeschool van Amsterdam");

        var byOtherPact = await zorg.PostAsJsonAsync("/api/v1/pacts/techniekpact/signatories", new { organisationId = hva, signedOn = "2020-01-01", commitment = "x" });
        var byLead = await lead.PostAsJsonAsync("/api/v1/pacts/techniekpact/roles", new { personId = 1, kind = "Ambassador" });

        Assert.Equal(HttpStatusCode.Forbidden, byOtherPact.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byLead.StatusCode);
    }

    [Fact]
    public async Task A_lead_changes_and_the_role_history_tells_who_led_before()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var kasmi = await factory.InDbAsync(db => db.PactRoles.Where(r => r.Kind == Web.Features.Network.PactRoleKind.RegionLead && r.Person.Name == "Said Kasmi")
            .Select(r => new { r.Id, r.PersonId, r.Version }).SingleAsync());
        var successor = await factory.InDbAsync(async db =>
        {
            var person = new Web.Features.Network.Person { Name = "Anna Opvolger", Email = "anna@example.org" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

        var noRegion = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/roles", new { personId = successor, kind = "RegionLead" });
        var ended = await coordinator.PostAsJsonAsync($"/api/v1/pacts/techniekpact/roles/{kasmi.Id}/end", new { validTo = "2022-05-01", version = kasmi.Version });
        var added = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/roles", new { personId = successor, kind = "RegionLead", regionCode = "tp-zuidwest", validFrom = "2022-05-01" });

        Assert.Equal(HttpStatusCode.BadRequest, noRegion.StatusCode);
        Assert.Contains("regio-code", await noRegion.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var current = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/roles?current=true");
        Assert.Equal("Anna Opvolger", current.EnumerateArray().Single(r => r.GetProperty("regionCode").GetString() == "TP-ZUIDWEST").GetProperty("person").GetString());
        var kasmiPage = await Anonymous(factory).GetStringAsync($"/personen/{kasmi.PersonId}");
        Assert.Contains("eerder:", kasmiPage);
        var network = await Anonymous(factory).GetStringAsync("/pact/techniekpact/netwerk");
        Assert.Contains("Eerdere rollen", network);
        Assert.Contains("Said Kasmi", network);
    }

    [Fact]
    public async Task The_person_page_shows_contact_details_to_signed_in_members_only()
    {
        var id = await factory.InDbAsync(async db =>
        {
            var person = new Web.Features.Network.Person { Name = "Karin Contact", Email = "karin@example.org", Phone = "+31 6 9876 5432" };
            db.People.Add(person);
            await db.SaveChangesAsync();
            return person.Id;
        });

        var visitor = await Anonymous(factory).GetStringAsync($"/personen/{id}");
        var member = await (await SignInAsync(factory, "lid@pactwerk.demo")).GetStringAsync($"/personen/{id}");

        Assert.DoesNotContain("karin@example.org", visitor);
        Assert.Contains("alleen zichtbaar voor ingelogde leden", visitor);
        Assert.Contains("karin@example.org", member);
    }

    [Fact]
    public async Task The_edit_form_saves_a_new_organisation_and_shows_errors_beside_their_fields()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await OrganisationCountAsync();

        var bad = await PostFormAsync(coordinator, "/organisaties/nieuw", new()
        {
            ["Input.Name"] = "Zwolse Zorgtechniek", ["Input.Helix"] = "Business", ["Input.Kind"] = "Company", ["Input.MunicipalityCode"] = "GM9999",
        });
        var badPage = await bad.Content.ReadAsStringAsync();
        var good = await PostFormAsync(coordinator, "/organisaties/nieuw", new()
        {
            ["Input.Name"] = "Zwolse Zorgtechniek", ["Input.Helix"] = "Business", ["Input.Kind"] = "Company", ["Input.MunicipalityCode"] = "GM0193",
            ["Input.Sectors"] = "care",
        });
        var memberForm = await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync("/organisaties/nieuw");

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("aria-describedby=\"fout-MunicipalityCode\"", badPage);
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        Assert.Equal(before + 1, await OrganisationCountAsync());
        Assert.NotEqual(HttpStatusCode.OK, memberForm.StatusCode);
    }

    [Fact]
    public async Task People_are_added_by_coordinators_and_by_partner_editors_for_their_own_organisation_only()
    {
        var hva = await IdOfAsync("Hogeschool van Amsterdam");
        var siza = await IdOfAsync("Siza");
        var editor = await SignInAsync(factory, "redacteur@hva.demo");
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");

        var own = await editor.PostAsJsonAsync("/api/v1/people", new { name = "Pieter Docent", jobTitle = "docent", organisationId = hva, email = "p.docent@example.org" });
        var elsewhere = await editor.PostAsJsonAsync("/api/v1/people", new { name = "Sara Zorg", organisationId = siza });
        var byMember = await member.PostAsJsonAsync("/api/v1/people", new { name = "Iemand" });
        var badEmail = await coordinator.PostAsJsonAsync("/api/v1/people", new { name = "Kees Fout", email = "geen-adres", phone = "bel me" });
        var byCoordinator = await coordinator.PostAsJsonAsync("/api/v1/people", new { name = "Sara Zorg", jobTitle = "verpleegkundige", organisationId = siza });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, elsewhere.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        var problem = await badEmail.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("geen geldig e-mailadres", problem.GetProperty("errors").GetProperty("Email")[0].GetString());
        Assert.Contains("telefoonnummer", problem.GetProperty("errors").GetProperty("Phone")[0].GetString());
        Assert.Equal(HttpStatusCode.Created, byCoordinator.StatusCode);
        Assert.Equal(0, await factory.InDbAsync(db => db.People.CountAsync(p => p.Name == "Kees Fout" || p.Name == "Iemand")));

        var created = await own.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var moveAway = await editor.PutAsJsonAsync($"/api/v1/people/{id}", new { name = "Pieter Docent", organisationId = siza, version = created.GetProperty("version").GetInt32() });
        var update = await editor.PutAsJsonAsync($"/api/v1/people/{id}", new { name = "Pieter Docent", jobTitle = "lector", organisationId = hva, version = created.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Forbidden, moveAway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        Assert.Contains("lector", await Anonymous(factory).GetStringAsync($"/organisaties/{hva}"));
    }

    [Fact]
    public async Task An_erased_person_cannot_be_filled_in_again()
    {
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");
        var created = await (await admin.PostAsJsonAsync("/api/v1/people", new { name = "Wim Weg", email = "wim@example.org" })).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        await admin.PostAsync($"/api/v1/people/{id}/erase", null);
        var version = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/people/{id}")).GetProperty("version").GetInt32();

        var refill = await admin.PutAsJsonAsync($"/api/v1/people/{id}", new { name = "Wim Weg", email = "wim@example.org", version });

        Assert.Equal(HttpStatusCode.BadRequest, refill.StatusCode);
        Assert.Null(await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Email).SingleAsync()));
    }

    [Fact]
    public async Task A_coordinator_records_a_signature_on_the_organisation_page_and_assigns_a_role_on_the_network_page()
    {
        var coordinator = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var han = await IdOfAsync("Hogeschool van Arnhem en Nijmegen");
        // Rotterdam signed only the Techniekpact, and no other test here creates an organisation of that name.
        var rotterdam = await IdOfAsync("Gemeente Rotterdam");
        var before = await factory.InDbAsync(db => db.PactSignatories.CountAsync());

        var page = await coordinator.GetStringAsync($"/organisaties/{rotterdam}");
        var tooEarly = await PostFormAsync(coordinator, $"/organisaties/{rotterdam}?handler=Sign", new()
        {
            ["SignaturePact"] = "zorgpact", ["Signature.SignedOn"] = "2010-01-01", ["Signature.Commitment"] = "Stageplaatsen in de Rotterdamse zorg.",
        }, $"/organisaties/{rotterdam}");
        var signed = await PostFormAsync(coordinator, $"/organisaties/{rotterdam}?handler=Sign", new()
        {
            ["SignaturePact"] = "zorgpact", ["Signature.SignedOn"] = "2020-09-01", ["Signature.Commitment"] = "Stageplaatsen in de Rotterdamse zorg.",
        }, $"/organisaties/{rotterdam}");
        var otherPact = await PostFormAsync(coordinator, $"/organisaties/{rotterdam}?handler=Sign", new()
        {
            ["SignaturePact"] = "techniekpact", ["Signature.SignedOn"] = "2020-09-01", ["Signature.Commitment"] = "x",
        }, $"/organisaties/{rotterdam}");

        Assert.Contains("Ondertekening vastleggen", page);
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("bestaat sinds", await tooEarly.Content.ReadAsStringAsync());
        Assert.Equal($"/organisaties/{rotterdam}?opgeslagen=true", signed.Headers.Location?.ToString());
        Assert.Contains("geen-toegang", otherPact.Headers.Location?.ToString());
        Assert.Equal(before + 1, await factory.InDbAsync(db => db.PactSignatories.CountAsync()));

        var person = await factory.InDbAsync(db => db.People.Where(p => p.Name == "Fenna Eefting").Select(p => p.Id).SingleAsync());
        var role = await PostFormAsync(coordinator, "/pact/zorgpact/netwerk?handler=AddRole", new()
        {
            ["Role.PersonId"] = person.ToString(), ["Role.Kind"] = "OrganisationContact", ["Role.OrganisationId"] = han.ToString(), ["Role.ValidFrom"] = "2021-01-01",
        }, "/pact/zorgpact/netwerk");
        var noOrganisation = await PostFormAsync(coordinator, "/pact/zorgpact/netwerk?handler=AddRole", new()
        {
            ["Role.PersonId"] = person.ToString(), ["Role.Kind"] = "OrganisationContact",
        }, "/pact/zorgpact/netwerk");
        var byVisitor = await Anonymous(factory).GetStringAsync("/pact/zorgpact/netwerk");

        Assert.Equal(HttpStatusCode.Redirect, role.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noOrganisation.StatusCode);
        Assert.Contains("hoort bij een organisatie", await noOrganisation.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Rol toekennen", byVisitor);
        Assert.Contains("Hogeschool van Arnhem en Nijmegen", byVisitor);
    }

    [Fact]
    public async Task A_role_that_starts_later_is_upcoming_not_earlier_and_pact_codes_are_read_in_any_case()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var person = await factory.InDbAsync(async db =>
        {
            var p = new Web.Features.Network.Person { Name = "Toekomstige Trekker" };
            db.People.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(2);

        var added = await coordinator.PostAsJsonAsync("/api/v1/pacts/Techniekpact/roles", new { personId = person, kind = "RegionalCoordinator", regionCode = "PV23", validFrom = start });
        var endsBeforeStart = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/roles", new { personId = person, kind = "Ambassador", validTo = "2001-01-01" });

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var role = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(role.GetProperty("current").GetBoolean());
        Assert.False(role.GetProperty("ended").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, endsBeforeStart.StatusCode);
        var network = await Anonymous(factory).GetStringAsync("/pact/techniekpact/netwerk");
        var upcoming = network[network.IndexOf("Komende rollen", StringComparison.Ordinal)..];
        Assert.Contains("Toekomstige Trekker", upcoming[..upcoming.IndexOf("</table>", StringComparison.Ordinal)]);
        Assert.Contains("komend:", await Anonymous(factory).GetStringAsync($"/personen/{person}"));
    }

    [Fact]
    public async Task Signing_again_after_a_withdrawal_cannot_overlap_the_old_signature()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await (await coordinator.PostAsJsonAsync("/api/v1/organisations", NewOrganisation("Hengelose Metaal", "GM0164"))).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetInt32();
        var first = await (await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/signatories", new { organisationId = id, signedOn = "2016-01-01", commitment = "Stages." }))
            .Content.ReadFromJsonAsync<JsonElement>();
        await coordinator.PostAsJsonAsync($"/api/v1/pacts/techniekpact/signatories/{first.GetProperty("id").GetInt32()}/withdraw", new { withdrawnOn = "2019-01-01", reason = "Reorganisatie.", version = 0 });

        var overlapping = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/signatories", new { organisationId = id, signedOn = "2018-06-01", commitment = "Weer stages." });
        var again = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/signatories", new { organisationId = id, signedOn = "2020-06-01", commitment = "Weer stages." });

        Assert.Equal(HttpStatusCode.BadRequest, overlapping.StatusCode);
        Assert.Contains("trok zich terug op 2019-01-01", await overlapping.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(2, await factory.InDbAsync(db => db.PactSignatories.CountAsync(s => s.OrganisationId == id)));
    }

    private async Task<int> PartnersAsync() =>
        (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/helix-balance")).GetProperty("partners").GetInt32();

    private sealed record Editable(string Name, string Helix, string Kind, string[] Sectors, string? MunicipalityCode, string? KvkNumber,
        string? DuoCode, string? Website, string? Description, int Version);

    private static async Task<HttpResponseMessage> UpdateAsync(HttpClient client, int id, Func<Editable, Editable> change, int? version = null)
    {
        var o = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{id}");
        var current = new Editable(o.GetProperty("name").GetString()!, o.GetProperty("helix").GetString()!, o.GetProperty("kind").GetString()!,
            o.GetProperty("sectors").EnumerateArray().Select(s => s.GetString()!).ToArray(),
            o.GetProperty("municipality").ValueKind == JsonValueKind.Null ? null : o.GetProperty("municipality").GetProperty("code").GetString(),
            o.GetProperty("kvkNumber").GetString(), o.GetProperty("duoCode").GetString(), o.GetProperty("website").GetString(),
            o.GetProperty("description").GetString(), version ?? o.GetProperty("version").GetInt32());
        return await client.PutAsJsonAsync($"/api/v1/organisations/{id}", change(current));
    }
}

public sealed class NetworkEditingTestsSqlite(SqliteFactory factory) : NetworkEditingTests<SqliteFactory>(factory);
public sealed class NetworkEditingTestsPostgres(PostgresFactory factory) : NetworkEditingTests<PostgresFactory>(factory);
