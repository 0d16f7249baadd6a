using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

public sealed record LookupJson(string Value, string Label, string? Hint);

/// <summary>
/// The pickers' lookups: what they find and in which order, who may look people up, and bad queries.
/// Orders are checked against a plain reading of the rule (case and diacritics folded by hand, prefix
/// before infix), not against the endpoint's own output.
/// </summary>
public abstract class LookupApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly HttpClient _anonymous = Anonymous(factory);

    private static async Task<List<LookupJson>> ListAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<List<LookupJson>>())!;
    }

    /// <summary>Folds the way a Dutch reader would expect, written out here instead of reusing the app's folding.</summary>
    private static string Plain(string text) => new(text.ToLowerInvariant().Normalize(NormalizationForm.FormD)
        .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());

    [Theory]
    [InlineData("fryslan", "PV21", "Fryslân")]
    [InlineData("FRYSLÂN", "PV21", "Fryslân")]
    [InlineData("GM0363", "GM0363", "Amsterdam")]
    [InlineData("gm0363", "GM0363", "Amsterdam")]
    [InlineData("amsterdam", "GM0363", "Amsterdam")]
    [InlineData("tp-oost", "TP-OOST", "Oost")]
    public async Task A_region_is_found_by_code_or_name_whatever_the_case_and_accents(string q, string code, string name)
    {
        var found = await ListAsync(_anonymous, $"/api/v1/lookup/regions?q={Uri.EscapeDataString(q)}");

        Assert.Equal((code, name), (found[0].Value, found[0].Label));
    }

    [Theory]
    [InlineData("gron")]
    [InlineData("oost")]
    [InlineData("berg")]
    public async Task Regions_whose_name_starts_with_the_text_come_before_those_that_only_contain_it_and_at_most_twenty(string q)
    {
        var found = await ListAsync(_anonymous, $"/api/v1/lookup/regions?q={q}");

        Assert.InRange(found.Count, 1, 20);
        Assert.All(found, r => Assert.True(Plain(r.Label).Contains(q) || Plain(r.Value).Contains(q) || Plain(r.Hint ?? "").Contains(q), r.Label));
        var starts = found.Select(r => Plain(r.Value).StartsWith(q) || Plain(r.Label).StartsWith(q)).ToList();
        // Once a result does not start with the text, none after it does.
        Assert.DoesNotContain(true, starts.SkipWhile(s => s).ToList());
    }

    [Fact]
    public async Task A_region_set_limits_the_regions_to_that_set_and_gron_is_then_only_the_province()
    {
        var found = await ListAsync(_anonymous, "/api/v1/lookup/regions?q=gron&set=provincies");

        Assert.Equal(["PV20"], found.Select(r => r.Value));
        var all = await ListAsync(_anonymous, "/api/v1/lookup/regions?q=gron");
        // Groningen the province, the labour-market region and the municipality: the larger sets first.
        Assert.Equal(["PV20", "AM01", "GM0014"], all.Where(r => r.Label == "Groningen").Select(r => r.Value));
    }

    [Theory]
    [InlineData("/api/v1/lookup/regions?set=planeten", "set")]
    [InlineData("/api/v1/lookup/regions?q=", "q")]
    [InlineData("/api/v1/lookup/organisations?q=", "q")]
    [InlineData("/api/v1/lookup/indicators?q=", "q")]
    public async Task A_too_long_query_or_an_unknown_set_gets_a_400_that_names_the_parameter(string url, string parameter)
    {
        var full = url.EndsWith("q=") ? url + new string('a', 101) : url;

        var response = await _anonymous.GetAsync(full);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(parameter, out var messages));
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task Organisations_are_public_and_found_by_a_word_of_their_name_with_their_place_as_hint()
    {
        var found = await ListAsync(_anonymous, "/api/v1/lookup/organisations?q=gron");

        var province = found.Single(o => o.Label == "Provincie Groningen");
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Provincie Groningen").Select(o => o.Id).SingleAsync());
        Assert.Equal((id.ToString(), "Groningen"), (province.Value, province.Hint));
    }

    [Fact]
    public async Task Organisations_of_a_pact_are_its_current_signatories_only()
    {
        var found = await ListAsync(_anonymous, "/api/v1/lookup/organisations?pact=zorgpact&q=");
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var signatories = await factory.InDbAsync(db => db.PactSignatories
            .Where(s => s.PactId == db.Pacts.Single(p => p.Code == "zorgpact").Id && s.SignedOn <= today && (s.WithdrawnOn == null || s.WithdrawnOn > today))
            .Select(s => s.OrganisationId.ToString()).ToListAsync());

        Assert.NotEmpty(found);
        Assert.All(found, o => Assert.Contains(o.Value, signatories));
        Assert.Equal(HttpStatusCode.NotFound, (await _anonymous.GetAsync("/api/v1/lookup/organisations?pact=planetenpact")).StatusCode);
    }

    [Fact]
    public async Task Indicators_are_found_by_name_or_code()
    {
        var indicator = await factory.InDbAsync(db => db.Indicators.OrderBy(i => i.Code).Select(i => new { i.Code, i.Name }).FirstAsync());

        var byCode = await ListAsync(_anonymous, $"/api/v1/lookup/indicators?q={indicator.Code.ToUpperInvariant()}");
        var byName = await ListAsync(_anonymous, $"/api/v1/lookup/indicators?q={Uri.EscapeDataString(indicator.Name[..Math.Min(6, indicator.Name.Length)])}");

        Assert.Equal(indicator.Code, byCode[0].Value);
        Assert.Contains(byName, i => i.Value == indicator.Code);
    }

    [Fact]
    public async Task People_are_not_for_visitors_nor_for_members_nor_for_another_pacts_coordinator()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await _anonymous.GetAsync("/api/v1/lookup/people?pact=techniekpact&q=eddy")).StatusCode);
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/lookup/people?pact=techniekpact&q=eddy")).StatusCode);
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await zorg.GetAsync("/api/v1/lookup/people?pact=techniekpact&q=eddy")).StatusCode);
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await lead.GetAsync("/api/v1/lookup/people?q=eddy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lead.GetAsync("/api/v1/lookup/people?pact=planetenpact&q=eddy")).StatusCode);
    }

    [Fact]
    public async Task A_coordinator_finds_the_people_of_their_pact_without_contact_details_and_nobody_of_another_pact()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await factory.InDbAsync(async db =>
        {
            var zorgpact = await db.Pacts.SingleAsync(p => p.Code == "zorgpact");
            db.People.Add(new Person { Name = $"Zorgmens {suffix}", Email = $"zorg-{suffix}@example.org", Roles = [new PactRole { PactId = zorgpact.Id, Kind = PactRoleKind.Ambassador }] });
            return await db.SaveChangesAsync();
        });
        var techniek = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var zorg = await SignInAsync(factory, "coordinator@zorgpact.demo");

        Assert.Empty(await ListAsync(techniek, $"/api/v1/lookup/people?pact=techniekpact&q={suffix}"));
        var response = await zorg.GetStringAsync($"/api/v1/lookup/people?pact=zorgpact&q={suffix}");
        Assert.Equal([$"Zorgmens {suffix}"], JsonSerializer.Deserialize<List<LookupJson>>(response, JsonSerializerOptions.Web)!.Select(p => p.Label));
        Assert.DoesNotContain("@", response);

        var eddy = await ListAsync(techniek, "/api/v1/lookup/people?pact=techniekpact&q=eddy");
        Assert.Equal("Eddy van Hijum", eddy[0].Label);
        // Every answer for Techniekpact is someone with a role in it or at one of its signatories (checked person by person).
        var all = await ListAsync(techniek, "/api/v1/lookup/people?pact=techniekpact&q=van");
        foreach (var person in all)
        {
            var id = int.Parse(person.Value);
            var belongs = await factory.InDbAsync(async db =>
            {
                var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
                var p = await db.People.Include(x => x.Roles).SingleAsync(x => x.Id == id);
                return p.Roles.Any(r => r.PactId == pact.Id) || (p.OrganisationId is { } o && await db.PactSignatories.AnyAsync(s => s.PactId == pact.Id && s.OrganisationId == o));
            });
            Assert.True(belongs, person.Label);
        }
    }
}

public sealed class LookupApiTestsSqlite(SqliteFactory factory) : LookupApiTests<SqliteFactory>(factory);
public sealed class LookupApiTestsPostgres(PostgresFactory factory) : LookupApiTests<PostgresFactory>(factory);
