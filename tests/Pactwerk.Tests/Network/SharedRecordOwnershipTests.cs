using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Network;

/// <summary>
/// Linking a person or an organisation to your pact never lets you edit what other pacts share
/// (issue 16 item 2): the owner (its own editors, the pact that linked it first, an administrator)
/// edits it; the others propose a change that the owner accepts or rejects.
/// </summary>
public abstract class SharedRecordOwnershipTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_role_in_your_pact_does_not_let_you_change_a_person_of_another_pact_but_a_proposal_the_owner_accepts_does()
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var techniekpact = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await PersonAsync("Eddy van Hijum");
        var before = await factory.InDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));

        // Step one of the escalation is allowed (a role in one's own pact); step two is not.
        Assert.Equal(HttpStatusCode.Created, (await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/roles", new { personId = id, kind = "Ambassador" })).StatusCode);
        var version = await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        var put = await zorgpact.PutAsJsonAsync($"/api/v1/people/{id}", new { name = before.Name, jobTitle = before.JobTitle, organisationId = before.OrganisationId, email = "overgenomen@zorgpact.demo", version });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Null(await factory.InDbAsync(db => db.People.Where(p => p.Id == id && p.Email == "overgenomen@zorgpact.demo").Select(p => (int?)p.Id).SingleOrDefaultAsync()));

        // A proposal instead; its maker cannot accept it, the owning pact can.
        var proposed = await zorgpact.PostAsJsonAsync($"/api/v1/people/{id}/proposals", new
        {
            changes = new { name = before.Name, jobTitle = before.JobTitle, organisationId = before.OrganisationId, email = "eddy@zorgpact.example", phone = before.Phone },
            reason = "Nieuw adres, doorgegeven op het zorgcongres.",
        });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var proposal = await proposed.ReadAsync<JsonElement>();
        Assert.Equal("Open", proposal.GetProperty("status").GetString());
        Assert.Contains(proposal.GetProperty("changed").EnumerateArray(), f => f.GetProperty("field").GetString() == "E-mailadres" && f.GetProperty("proposed").GetString() == "eddy@zorgpact.example");
        var proposalId = proposal.GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Forbidden, (await zorgpact.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/accept", new { version = 0 })).StatusCode);

        var waiting = await techniekpact.GetFromJsonAsync<JsonElement>("/api/v1/proposals?status=open");
        Assert.Contains(waiting.EnumerateArray(), p => p.GetProperty("id").GetInt32() == proposalId && p.GetProperty("mayDecide").GetBoolean());
        var acceptances = await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ProposalDesk.ProposalAccepted && a.EntityId == id.ToString()));
        var accepted = await techniekpact.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/accept", new { version = 0, note = "Klopt." });

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var after = await factory.InDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        Assert.Equal("eddy@zorgpact.example", after.Email);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal("Accepted", (await zorgpact.GetFromJsonAsync<JsonElement>($"/api/v1/proposals/{proposalId}")).GetProperty("status").GetString());
        // The change is the owner's edit in the audit trail, with the acceptance beside it.
        Assert.Equal(acceptances + 1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ProposalDesk.ProposalAccepted && a.EntityId == id.ToString())));
        Assert.Equal(HttpStatusCode.Conflict, (await techniekpact.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/accept", new { version = 1 })).StatusCode);
    }

    [Fact]
    public async Task Signing_an_organisation_into_your_pact_does_not_let_you_change_it_and_its_own_editor_rejects_a_proposal()
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var editor = await SignInAsync(factory, "redacteur@hva.demo");
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());
        var website = await factory.InDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Website).SingleAsync());

        // Another test of this class may have signed it already (then 400: already signed); either way it is linked now.
        var signed = await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/signatories", new { organisationId = id, signedOn = "2024-01-01", commitment = "Opleiden voor de zorg." });
        Assert.True(signed.StatusCode is HttpStatusCode.Created or HttpStatusCode.BadRequest, $"{signed.StatusCode}");
        Assert.True(await factory.InDbAsync(db => db.PactSignatories.AnyAsync(x => x.OrganisationId == id && db.Pacts.Any(p => p.Id == x.PactId && p.Code == "zorgpact"))));
        var put = await zorgpact.PutAsJsonAsync($"/api/v1/organisations/{id}", await OrganisationBodyAsync(zorgpact, id, "https://overgenomen.example"));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);

        var proposed = await zorgpact.PostAsJsonAsync($"/api/v1/organisations/{id}/proposals", new { changes = await OrganisationBodyAsync(zorgpact, id, "https://www.hva.nl/zorg") });
        Assert.Equal(HttpStatusCode.Created, proposed.StatusCode);
        var proposalId = (await proposed.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var rejected = await editor.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/reject", new { version = 0, note = "Dit is niet onze site." });

        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(website, await factory.InDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Website).SingleAsync()));
        var mine = await zorgpact.GetFromJsonAsync<JsonElement>("/api/v1/proposals");
        var outcome = mine.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == proposalId);
        Assert.Equal("Rejected", outcome.GetProperty("status").GetString());
        Assert.Equal("Dit is niet onze site.", outcome.GetProperty("decisionNote").GetString());
    }

    [Fact]
    public async Task A_proposal_on_a_record_changed_since_is_not_applied_and_stays_open()
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var techniekpact = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await PersonAsync("Cees Bijl");
        await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/roles", new { personId = id, kind = "Ambassador" });
        var person = await factory.InDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        var proposalId = (await (await zorgpact.PostAsJsonAsync($"/api/v1/people/{id}/proposals", new
        {
            changes = new { name = person.Name, jobTitle = "oud-gedeputeerde", organisationId = person.OrganisationId, email = person.Email, phone = person.Phone },
        })).ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await techniekpact.PutAsJsonAsync($"/api/v1/people/{id}", new
            { name = person.Name, jobTitle = "gedeputeerde Drenthe", organisationId = person.OrganisationId, email = person.Email, phone = person.Phone, version = person.Version })).StatusCode);

        var accepted = await techniekpact.PostAsJsonAsync($"/api/v1/proposals/{proposalId}/accept", new { version = 0 });

        Assert.Equal(HttpStatusCode.Conflict, accepted.StatusCode);
        Assert.Equal("gedeputeerde Drenthe", await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.JobTitle).SingleAsync()));
        Assert.Equal("Open", (await techniekpact.GetFromJsonAsync<JsonElement>($"/api/v1/proposals/{proposalId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_bad_proposal_or_one_by_someone_unlinked_is_refused_and_nothing_is_stored()
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var noord = await SignInAsync(factory, "noord@techniekpact.demo");
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Provincie Overijssel").Select(o => o.Id).SingleAsync());
        var count = await factory.InDbAsync(db => db.Set<ChangeProposal>().CountAsync());

        // The lead of Noord works in the Techniekpact, which the province signed: a proposal is theirs to make, a bad one is refused.
        var bad = await noord.PostAsJsonAsync($"/api/v1/organisations/{id}/proposals", new { changes = await OrganisationBodyAsync(zorgpact, id, "geen-adres") });
        var unlinked = await member.PostAsJsonAsync($"/api/v1/organisations/{id}/proposals", new { changes = await OrganisationBodyAsync(member, id, "https://www.overijssel.nl") });
        var zorgpactUnlinked = await zorgpact.PostAsJsonAsync($"/api/v1/organisations/{id}/proposals", new { changes = await OrganisationBodyAsync(zorgpact, id, "https://www.overijssel.nl") });

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("http://", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, unlinked.StatusCode);
        // The Zorgpact is not linked to the province until it signs.
        var linked = await factory.InDbAsync(db => db.PactSignatories.AnyAsync(s => s.OrganisationId == id && db.Pacts.Any(p => p.Id == s.PactId && p.Code == "zorgpact")));
        Assert.Equal(linked ? HttpStatusCode.Created : HttpStatusCode.Forbidden, zorgpactUnlinked.StatusCode);
        Assert.Equal(count + (linked ? 1 : 0), await factory.InDbAsync(db => db.Set<ChangeProposal>().CountAsync()));
    }

    [Theory]
    [InlineData("nl", "Voorgestelde wijzigingen", "Aanvaarden en doorvoeren", "Het voorstel is aanvaard en doorgevoerd.")]
    [InlineData("en", "Proposed changes", "Accept and apply", "The proposal was accepted and applied.")]
    public async Task The_owner_decides_on_the_proposals_page(string language, string title, string accept, string done)
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var owner = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var culture = language == "en" ? "&culture=en" : "";
        var id = await PersonAsync("Eddy van Hijum");
        await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/roles", new { personId = id, kind = "Ambassador" });
        var person = await factory.InDbAsync(db => db.People.AsNoTracking().SingleAsync(p => p.Id == id));
        var phone = language == "nl" ? "+31 6 1234 5678" : "+31 6 8765 4321";
        var proposal = await (await zorgpact.PostAsJsonAsync($"/api/v1/people/{id}/proposals", new
        {
            changes = new { name = person.Name, jobTitle = person.JobTitle, organisationId = person.OrganisationId, email = person.Email, phone },
        })).ReadAsync<JsonElement>();

        var page = await owner.GetStringAsync("/voorstellen?x=1" + culture);
        Assert.Contains(title, page);
        Assert.Contains(accept, page);
        Assert.Contains(phone[4..], page);
        var response = await PostFormAsync(owner, "/voorstellen?handler=Accept" + culture, new()
        {
            ["id"] = proposal.GetProperty("id").GetInt32().ToString(), ["version"] = proposal.GetProperty("version").GetInt32().ToString(), ["note"] = "",
        }, "/voorstellen?x=1" + culture);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(done, await owner.GetStringAsync(response.Headers.Location!.OriginalString + culture));
        Assert.Equal(phone, await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Phone).SingleAsync()));
    }

    [Fact]
    public async Task A_coordinator_of_another_linked_pact_proposes_through_the_organisation_form_and_nothing_changes_yet()
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());
        await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/signatories", new { organisationId = id, signedOn = "2024-01-01", commitment = "Opleiden voor de zorg." });
        var o = await factory.InDbAsync(db => db.Organisations.AsNoTracking().SingleAsync(x => x.Id == id));

        Assert.Contains("Wijziging voorstellen", await zorgpact.GetStringAsync($"/organisaties/{id}"));
        var response = await PostFormAsync(zorgpact, $"/organisaties/{id}/bewerken", new()
        {
            ["Input.Name"] = o.Name, ["Input.Helix"] = o.Helix.ToString(), ["Input.Kind"] = o.Kind.ToString(), ["Input.MunicipalityCode"] = "GM0363",
            ["Input.Website"] = "https://www.hva.nl/zorgopleidingen", ["Input.Version"] = o.Version.ToString(), ["Reason"] = "Via het formulier.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/voorstellen", response.Headers.Location!.OriginalString);
        Assert.Equal(o.Website, await factory.InDbAsync(db => db.Organisations.Where(x => x.Id == id).Select(x => x.Website).SingleAsync()));
        Assert.True(await factory.InDbAsync(db => db.Set<ChangeProposal>().AnyAsync(p => p.SubjectId == id && p.Subject == ProposalSubject.Organisation
            && p.Reason == "Via het formulier." && p.Changes.Contains("zorgopleidingen"))));
        Assert.Contains("zorgopleidingen", await zorgpact.GetStringAsync("/voorstellen"));
    }

    /// <summary>A person brought in by the Techniekpact (which owns them) and then given a role in the Zorgpact too.</summary>
    private async Task<(int Id, HttpClient Zorgpact, HttpClient Owner)> SharedPersonAsync(string name)
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var owner = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await owner.PostAsJsonAsync("/api/v1/people", new { name });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        Assert.Equal(HttpStatusCode.Created, (await owner.PostAsJsonAsync("/api/v1/pacts/techniekpact/roles", new { personId = id, kind = "Ambassador" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/roles", new { personId = id, kind = "Ambassador" })).StatusCode);
        return (id, zorgpact, owner);
    }

    [Theory]
    [InlineData("nl", "Wijziging voorstellen", "Deze persoon hoort bij een ander pact", "Aanvaarden en doorvoeren")]
    [InlineData("en", "Propose a change", "This person belongs to another pact", "Accept and apply")]
    public async Task A_coordinator_of_another_linked_pact_proposes_a_change_to_a_person_with_the_form_and_the_owner_accepts_it(
        string language, string propose, string notice, string accept)
    {
        var culture = language == "en" ? "?culture=en" : "";
        var name = $"Fenna Dijkstra {language}";
        var (id, zorgpact, owner) = await SharedPersonAsync(name);
        var version = await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());

        Assert.Contains(propose, await zorgpact.GetStringAsync($"/personen/{id}{culture}"));
        Assert.DoesNotContain(propose, await owner.GetStringAsync($"/personen/{id}{culture}"));
        var form = await zorgpact.GetStringAsync($"/personen/{id}/bewerken{culture}");
        Assert.Contains(notice, form);
        // Only the required field, changed; the reason is optional and left out.
        var response = await PostFormAsync(zorgpact, $"/personen/{id}/bewerken{culture}", new()
        {
            ["Input.Name"] = $"Fenna Dijkstra-Visser {language}", ["Input.Version"] = version.ToString(),
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/voorstellen", response.Headers.Location!.OriginalString);
        Assert.Equal(name, await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
        var proposal = await factory.InDbAsync(db => db.Set<ChangeProposal>().SingleAsync(p => p.SubjectId == id && p.Subject == ProposalSubject.Person));
        Assert.Equal(ProposalStatus.Open, proposal.Status);
        Assert.Null(proposal.Reason);

        var page = await owner.GetStringAsync("/voorstellen" + culture);
        Assert.Contains($"Fenna Dijkstra-Visser {language}", page);
        Assert.Contains(accept, page);
        var accepted = await PostFormAsync(owner, "/voorstellen?handler=Accept" + (language == "en" ? "&culture=en" : ""), new()
        {
            ["id"] = proposal.Id.ToString(), ["version"] = proposal.Version.ToString(), ["note"] = "",
        }, "/voorstellen" + culture);

        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal($"Fenna Dijkstra-Visser {language}", await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Name).SingleAsync()));
        Assert.Equal(version + 1, await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task The_owner_rejects_a_person_proposal_made_with_the_form_and_nothing_changes()
    {
        var (id, zorgpact, owner) = await SharedPersonAsync("Gerrit Wolters");
        var version = await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(zorgpact, $"/personen/{id}/bewerken", new()
        {
            ["Input.Name"] = "Gerrit Wolters", ["Input.JobTitle"] = "wethouder", ["Input.Version"] = version.ToString(), ["Reason"] = "Gezien op de website van de gemeente.",
        })).StatusCode);
        var proposal = await factory.InDbAsync(db => db.Set<ChangeProposal>().SingleAsync(p => p.SubjectId == id && p.Subject == ProposalSubject.Person));
        Assert.Equal("Gezien op de website van de gemeente.", proposal.Reason);

        var rejected = await PostFormAsync(owner, "/voorstellen?handler=Reject", new()
        {
            ["id"] = proposal.Id.ToString(), ["version"] = proposal.Version.ToString(), ["note"] = "Niet juist.",
        }, "/voorstellen");

        Assert.Equal(HttpStatusCode.Redirect, rejected.StatusCode);
        Assert.Equal(ProposalStatus.Rejected, await factory.InDbAsync(db => db.Set<ChangeProposal>().Where(p => p.Id == proposal.Id).Select(p => p.Status).SingleAsync()));
        Assert.Null(await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.JobTitle).SingleAsync()));
        Assert.Equal(version, await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()));
    }

    [Theory]
    [InlineData("nl", "Geef een naam.", "Dit voorstel verandert niets aan de huidige gegevens")]
    [InlineData("en", "Enter a name.", "This proposal changes nothing in the current details")]
    public async Task A_person_proposal_that_is_empty_or_changes_nothing_is_refused_with_a_message_and_creates_nothing(string language, string noName, string nothing)
    {
        var culture = language == "en" ? "?culture=en" : "";
        var (id, zorgpact, _) = await SharedPersonAsync($"Hanna Bosma {language}");
        var version = await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync());
        var count = await factory.InDbAsync(db => db.Set<ChangeProposal>().CountAsync());

        var empty = await PostFormAsync(zorgpact, $"/personen/{id}/bewerken{culture}", new() { ["Input.Name"] = "", ["Input.Version"] = version.ToString() });
        var unchanged = await PostFormAsync(zorgpact, $"/personen/{id}/bewerken{culture}", new() { ["Input.Name"] = $"Hanna Bosma {language}", ["Input.Version"] = version.ToString() });
        var unchangedApi = await zorgpact.PostAsJsonAsync($"/api/v1/people/{id}/proposals", new { changes = new { name = $"  Hanna Bosma {language} " } });
        var foreign = await SignInAsync(factory, "lid@pactwerk.demo");
        var notLinked = await foreign.GetAsync($"/personen/{id}/bewerken");

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains(noName, await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unchanged.StatusCode);
        Assert.Contains(nothing, System.Net.WebUtility.HtmlDecode(await unchanged.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, unchangedApi.StatusCode);
        Assert.Contains(ProposalDesk.NothingChanges, await unchangedApi.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, notLinked.StatusCode);
        Assert.Equal("/geen-toegang", notLinked.Headers.Location?.AbsolutePath);
        Assert.Equal(count, await factory.InDbAsync(db => db.Set<ChangeProposal>().CountAsync()));
        Assert.Equal(version, await factory.InDbAsync(db => db.People.Where(p => p.Id == id).Select(p => p.Version).SingleAsync()));
    }

    [Fact]
    public async Task An_organisation_proposal_that_changes_nothing_is_refused_and_creates_nothing()
    {
        var zorgpact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());
        await zorgpact.PostAsJsonAsync("/api/v1/pacts/zorgpact/signatories", new { organisationId = id, signedOn = "2024-01-01", commitment = "Opleiden voor de zorg." });
        var website = await factory.InDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Website).SingleAsync());
        var count = await factory.InDbAsync(db => db.Set<ChangeProposal>().CountAsync());

        var unchanged = await zorgpact.PostAsJsonAsync($"/api/v1/organisations/{id}/proposals", new { changes = await OrganisationBodyAsync(zorgpact, id, website!) });

        Assert.Equal(HttpStatusCode.BadRequest, unchanged.StatusCode);
        Assert.Contains(ProposalDesk.NothingChanges, await unchanged.Content.ReadAsStringAsync());
        Assert.Equal(count, await factory.InDbAsync(db => db.Set<ChangeProposal>().CountAsync()));
    }

    private Task<int> PersonAsync(string name) => factory.InDbAsync(db => db.People.Where(p => p.Name == name).Select(p => p.Id).SingleAsync());

    private static async Task<object> OrganisationBodyAsync(HttpClient client, int id, string website)
    {
        var o = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisations/{id}");
        return new
        {
            name = o.GetProperty("name").GetString(), helix = o.GetProperty("helix").GetString(), kind = o.GetProperty("kind").GetString(),
            sectors = o.GetProperty("sectors").EnumerateArray().Select(e => e.GetString()).ToArray(),
            municipalityCode = o.GetProperty("municipality").ValueKind == JsonValueKind.Null ? null : o.GetProperty("municipality").GetProperty("code").GetString(),
            kvkNumber = o.GetProperty("kvkNumber").GetString(), duoCode = o.GetProperty("duoCode").GetString(), website,
            description = o.GetProperty("description").GetString(), version = o.GetProperty("version").GetInt32(),
        };
    }
}

public sealed class SharedRecordOwnershipTestsSqlite(SqliteFactory factory) : SharedRecordOwnershipTests<SqliteFactory>(factory);
public sealed class SharedRecordOwnershipTestsPostgres(PostgresFactory factory) : SharedRecordOwnershipTests<PostgresFactory>(factory);
