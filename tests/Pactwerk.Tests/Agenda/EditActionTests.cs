using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Audit;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

public sealed record RegionJson(string Code, string Name);

/// <summary>An action as GET /api/v1/actions/{id} shows it (the fields an edit sends back).</summary>
public sealed record ActionJson(int Id, string Pact, string Slug, string Title, string Summary, string Kind, string Status, string? StopReason,
    List<RegionJson> Regions, int? LeadOrganisationId, string? LeadOrganisation, DateOnly? StartsOn, DateOnly? EndsOn, decimal? Budget, int Version)
{
    /// <summary>The body of a PUT that keeps everything but what is given.</summary>
    public object Edit(string? title = null, string? region = null, int? version = null, string? kind = null, string? summary = null) => new
    {
        title = title ?? Title, summary = summary ?? Summary, kind = kind ?? Kind, regions = region is null ? Regions.Select(r => r.Code).ToArray() : [region],
        leadOrganisationId = LeadOrganisationId, startsOn = StartsOn, endsOn = EndsOn, budget = Budget, version = version ?? Version,
    };

    /// <summary>Everything, as text: records holding lists do not compare by value.</summary>
    public string Snapshot() => JsonSerializer.Serialize(this);
}

/// <summary>Editing an action: scope by region and organisation, stale versions, bad and hostile input.</summary>
public abstract class EditActionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<int> IdOf(string slug) => factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());

    private static async Task<ActionJson> GetAsync(HttpClient client, int id) => (await client.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;

    private static object Edit(ActionJson a, string? title = null, string? region = null, int? version = null, string? kind = null, string? summary = null) =>
        a.Edit(title, region, version, kind, summary);

    [Fact]
    public async Task The_lead_of_Oost_edits_an_action_in_Overijssel_and_the_change_is_audited_with_before_and_after()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await IdOf("overijsselse-techniekuitdaging");
        var before = await GetAsync(lead, id);

        var response = await lead.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, title: "Overijsselse Techniekuitdaging 2027"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var after = await response.ReadAsync<ActionJson>();
        Assert.Equal(("Overijsselse Techniekuitdaging 2027", before.Version + 1), (after.Title, after.Version));
        var audit = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == "PactAction" && a.EntityId == id.ToString() && a.Action == AuditActions.Updated)
            .OrderByDescending(a => a.Id).FirstAsync());
        Assert.Equal("Eddy van Hijum (demo)", audit.Actor);
        Assert.Equal(before.Title, JsonDocument.Parse(audit.Before!).RootElement.GetProperty("Title").GetString());
        Assert.Equal("Overijsselse Techniekuitdaging 2027", JsonDocument.Parse(audit.After!).RootElement.GetProperty("Title").GetString());
    }

    [Theory]
    [InlineData("noord@techniekpact.demo", "overijsselse-techniekuitdaging")]
    [InlineData("oost@techniekpact.demo", "pps-zuidwest")]
    [InlineData("oost@techniekpact.demo", "smart-health")]
    [InlineData("coordinator@zorgpact.demo", "pps-zuidwest")]
    [InlineData("redacteur@hva.demo", "gas-2-0")]
    [InlineData("lid@pactwerk.demo", "gas-2-0")]
    public async Task An_edit_outside_ones_scope_gets_403_even_with_a_crafted_id_and_changes_nothing(string email, string slug)
    {
        var client = await SignInAsync(factory, email);
        var id = await IdOf(slug);
        var before = await GetAsync(client, id);

        var response = await client.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, title: "Gekaapt"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(before.Snapshot(), (await GetAsync(client, id)).Snapshot());
    }

    [Theory]
    [InlineData("redacteur@hva.demo", "make-it-work")]
    [InlineData("coordinator@techniekpact.demo", "pps-zuidwest")]
    [InlineData("coordinator@zorgpact.demo", "smart-health")]
    [InlineData("beheerder@pactwerk.demo", "smart-health")]
    public async Task Editors_within_their_scope_may_edit(string email, string slug)
    {
        var client = await SignInAsync(factory, email);
        var id = await IdOf(slug);
        var before = await GetAsync(client, id);

        var response = await client.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, summary: before.Summary + " Bijgewerkt door " + email + "."));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_lead_of_Oost_cannot_move_an_action_out_of_Oost()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await IdOf("acht-regionale-pacts-oost");
        var before = await GetAsync(lead, id);

        var toZuidwest = await lead.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, region: "TP-ZUIDWEST"));
        // Regio Zwolle (AM) holds municipalities outside Oost too, so it is not wholly inside the lead's region.
        var toCrossingRegion = await lead.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, region: "AM36"));
        var toZwolle = await lead.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, region: "GM0193"));

        Assert.Equal(HttpStatusCode.Forbidden, toZuidwest.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, toCrossingRegion.StatusCode);
        Assert.Equal(HttpStatusCode.OK, toZwolle.StatusCode);
    }

    [Fact]
    public async Task A_stale_edit_is_refused_with_what_the_other_person_changed_and_overwrites_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var lead = await SignInAsync(factory, "noord@techniekpact.demo");
        var id = await IdOf("gas-2-0");
        var seenByBoth = await GetAsync(lead, id);

        var first = await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(seenByBoth, title: "GAS 2.0 (versie van de coördinator)"));
        var second = await lead.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(seenByBoth, title: "GAS 2.0 (versie van de trekker)"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var conflict = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
        var change = conflict.RootElement.GetProperty("changes")[0];
        Assert.Equal("Coördinator Techniekpact (demo)", change.GetProperty("actor").GetString());
        Assert.Equal("GAS 2.0 (versie van de coördinator)", change.GetProperty("after").GetProperty("Title").GetString());
        Assert.Equal("GAS 2.0 (versie van de coördinator)", (await GetAsync(lead, id)).Title);
    }

    [Theory]
    [InlineData("", null, null, "Geef een titel.")]
    [InlineData("Goed", "XX999", null, "Er is geen regio met code 'XX999'.")]
    [InlineData("Goed", null, "Toverij", "ongeldige waarde bij $.kind")]
    public async Task Bad_input_gets_a_clear_400_and_changes_nothing(string title, string? region, string? kind, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await IdOf("technieketen");
        var before = await GetAsync(coordinator, id);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, title: title, region: region, kind: kind));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before.Snapshot(), (await GetAsync(coordinator, id)).Snapshot());
    }

    [Fact]
    public async Task A_huge_summary_is_refused()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await IdOf("technieketen");
        var before = await GetAsync(coordinator, id);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, summary: new string('x', 100_000)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("te lang", await response.Content.ReadAsStringAsync());
        Assert.Equal(before.Snapshot(), (await GetAsync(coordinator, id)).Snapshot());
    }

    [Fact]
    public async Task Script_in_a_text_field_is_stored_as_text_and_shown_escaped()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await IdOf("techniek-driedaagse");
        var before = await GetAsync(coordinator, id);
        const string hostile = "<script>alert('x')</script><img src=x onerror=alert(1)>";

        await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}", Edit(before, summary: hostile));
        var page = await Anonymous(factory).GetStringAsync($"/initiatieven/{id}");

        Assert.Equal(hostile, (await GetAsync(coordinator, id)).Summary);
        Assert.DoesNotContain(hostile, page);
        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;", page);
    }

    [Fact]
    public async Task Anonymous_edits_get_401_and_the_edit_page_sends_visitors_to_sign_in()
    {
        var id = await IdOf("gas-2-0");
        var client = Anonymous(factory);

        var api = await client.PutAsJsonAsync($"/api/v1/actions/{id}", new { title = "x" });
        var page = await client.GetAsync($"/initiatieven/{id}/bewerken");

        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/inloggen", page.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_edit_form_saves_and_a_second_post_of_the_same_form_is_refused_as_stale()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await IdOf("levenlang-gelders-vakmanschap");
        var form = await lead.GetStringAsync($"/initiatieven/{id}/bewerken");
        var before = await GetAsync(lead, id);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(form), ["Input.Version"] = before.Version.ToString(),
            ["Input.Title"] = "Leve(n)lang Gelders Vakmanschap", ["Input.Summary"] = "Nieuwe beschrijving.", ["Input.Kind"] = before.Kind,
            ["RegionCodes"] = string.Join(", ", before.Regions.Select(r => r.Code)), ["Input.StartsOn"] = before.StartsOn?.ToString("yyyy-MM-dd") ?? "",
            ["Input.LeadOrganisationId"] = before.LeadOrganisationId?.ToString() ?? "", ["Input.Status"] = before.Status,
        };

        var first = await lead.PostAsync($"/initiatieven/{id}/bewerken", new FormUrlEncodedContent(fields));
        var again = await lead.PostAsync($"/initiatieven/{id}/bewerken", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Iemand anders was je voor", await again.Content.ReadAsStringAsync());
        Assert.Equal(before.Version + 1, (await GetAsync(lead, id)).Version);
    }
}

public sealed class EditActionTestsSqlite(SqliteFactory factory) : EditActionTests<SqliteFactory>(factory);
public sealed class EditActionTestsPostgres(PostgresFactory factory) : EditActionTests<PostgresFactory>(factory);
