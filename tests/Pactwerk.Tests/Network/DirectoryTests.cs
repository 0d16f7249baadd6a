using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Network;

/// <summary>
/// The directory and the helix balance against the demo content, counted independently: the
/// expected sets come from DemoContent and the real region files (read with the BCL's own CSV
/// parser), never from the app's queries.
/// </summary>
public abstract class DirectoryTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly IReadOnlyDictionary<string, SharedData.Municipality> Municipalities =
        SharedData.Municipalities().ToDictionary(m => m.Code);

    /// <summary>The landsdeel code (TP-OOST) of a municipality, via its province.</summary>
    private static string LandsdeelOf(string municipalityCode) =>
        Web.Features.ReferenceData.RegionSetCodes.LandsdeelCode(SharedData.LandsdeelOfProvince()[Municipalities[municipalityCode].Province]);

    /// <summary>Demo organisations that signed the pact and did not withdraw (the demo has no future dates).</summary>
    private static List<DemoOrganisation> PartnersOf(string pact) =>
        DemoContent.Organisations.Where(o => DemoContent.Signatories.Any(s => s.PactCode == pact && s.OrganisationKey == o.Key && s.WithdrawnOn is null)).ToList();

    private static async Task<List<string>> AllNamesAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisations?pageSize=200&{query}");
        var names = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
        Assert.Equal(names.Count, page.GetProperty("total").GetInt32());
        return names;
    }

    [Fact]
    public async Task Region_Oost_returns_exactly_the_organisations_located_in_Overijssel_or_Gelderland()
    {
        var expected = DemoContent.Organisations.Where(o => o.MunicipalityCode is { } m && Municipalities[m].Province is "PV23" or "PV25")
            .Select(o => o.Name).Order().ToList();

        var names = await AllNamesAsync(Anonymous(factory), "region=TP-OOST");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, names.Order().ToList());
    }

    [Fact]
    public async Task A_region_of_any_set_filters_on_the_municipalities_inside_it()
    {
        var client = Anonymous(factory);
        // A labour-market region, a COROP area and a municipality, each against the region file's own columns.
        foreach (var (code, inside) in new (string, Func<SharedData.Municipality, bool>)[]
                 {
                     ("AM14", m => m.LabourMarketRegion == "AM14"), ("CR17", m => m.Corop == "CR17"), ("GM0193", m => m.Code == "GM0193"),
                 })
        {
            var expected = DemoContent.Organisations.Where(o => o.MunicipalityCode is { } m && inside(Municipalities[m])).Select(o => o.Name).Order().ToList();
            Assert.Equal(expected, (await AllNamesAsync(client, $"region={code}")).Order().ToList());
        }
    }

    [Fact]
    public async Task Filters_by_helix_kind_sector_pact_and_name_match_an_independent_count()
    {
        var client = Anonymous(factory);

        Assert.Equal(DemoContent.Organisations.Count(o => o.Helix == Helix.Education), (await AllNamesAsync(client, "helix=education")).Count);
        Assert.Equal(DemoContent.Organisations.Count(o => o.Kind == OrganisationKind.Province), (await AllNamesAsync(client, "kind=Province")).Count);
        Assert.Equal(DemoContent.Organisations.Count(o => o.Sectors.Contains("care")), (await AllNamesAsync(client, "sector=care")).Count);
        Assert.Equal(PartnersOf(DemoContent.Zorgpact).Select(o => o.Name).Order(), (await AllNamesAsync(client, "pact=zorgpact")).Order());
        Assert.Equal(DemoContent.Organisations.Where(o => o.Name.Contains("provincie", StringComparison.OrdinalIgnoreCase)).Select(o => o.Name).Order(),
            (await AllNamesAsync(client, "q=PROVINCIE")).Order());
        var oostBusiness = DemoContent.Organisations.Where(o => o.Helix == Helix.Business && o.MunicipalityCode is { } m && LandsdeelOf(m) == "TP-OOST");
        Assert.Equal(oostBusiness.Select(o => o.Name).Order(), (await AllNamesAsync(client, "region=TP-OOST&helix=Business")).Order());
    }

    [Fact]
    public async Task Pages_together_hold_every_organisation_once()
    {
        var client = Anonymous(factory);
        var seen = new List<int>();
        int total;
        var page = 1;
        do
        {
            var result = await client.GetFromJsonAsync<JsonElement>($"/api/v1/organisations?pageSize=4&page={page++}&sort=municipality");
            total = result.GetProperty("total").GetInt32();
            seen.AddRange(result.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt32()));
        }
        while (seen.Count < total && page < 100);

        var all = await AllNamesAsync(client, "");
        Assert.Equal(all.Count, total);
        Assert.Equal(total, seen.Distinct().Count());
        Assert.Equal(total, seen.Count);
    }

    [Fact]
    public async Task Sorting_by_name_descending_reverses_the_name_order()
    {
        var client = Anonymous(factory);
        var up = await AllNamesAsync(client, "sort=name");
        var down = await AllNamesAsync(client, "sort=-name");
        Assert.Equal(up.AsEnumerable().Reverse(), down);
    }

    [Theory]
    [InlineData("helix=triple", "helix", "Government, Education, Business, CivilSociety")]
    [InlineData("region=XX99", "region", "TP-OOST")]
    [InlineData("helix=Education,Business", "helix", "Onbekende helix 'Education,Business'")]
    [InlineData("helix=%2B1", "helix", "Onbekende helix '+1'")]
    [InlineData("page=2147483647", "page", "tussen 1 en")]
    [InlineData("kind=7", "kind", "Onbekende soort organisatie '7'")]
    [InlineData("sector=mining", "sector", "technology, care")]
    [InlineData("pact=bouwpact", "pact", "techniekpact")]
    [InlineData("pageSize=5000", "pageSize", "1 tot 200")]
    [InlineData("sort=size", "sort", "Onbekende sortering")]
    public async Task A_bad_filter_gets_400_naming_the_valid_values(string query, string parameter, string message)
    {
        var response = await Anonymous(factory).GetAsync($"/api/v1/organisations?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(parameter)[0].GetString());
    }

    [Fact]
    public async Task The_helix_balance_of_the_landsdelen_adds_up_to_the_partners_of_the_pact()
    {
        var partners = PartnersOf(DemoContent.Techniekpact);

        var balance = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/helix-balance?regionSet=techniekpact-landsdelen");

        var regions = balance.GetProperty("regions").EnumerateArray().ToList();
        Assert.Equal(5, regions.Count);
        Assert.Equal(partners.Count, balance.GetProperty("partners").GetInt32());
        Assert.Equal(partners.Count, regions.Sum(r => r.GetProperty("counts").GetProperty("total").GetInt32()) + balance.GetProperty("unplaced").GetProperty("total").GetInt32());
        foreach (var region in regions)
        {
            var code = region.GetProperty("code").GetString()!;
            var here = partners.Where(o => o.MunicipalityCode is { } m && LandsdeelOf(m) == code).ToList();
            foreach (var helix in Enum.GetValues<Helix>())
            {
                var name = JsonNamingPolicy.CamelCase.ConvertName(helix.ToString());
                Assert.True(here.Count(o => o.Helix == helix) == region.GetProperty("counts").GetProperty(name).GetInt32(), $"{code} {helix}");
            }
        }
    }

    [Fact]
    public async Task The_helix_balance_by_province_adds_up_too_and_a_bad_set_gets_the_list()
    {
        var client = Anonymous(factory);
        var partners = PartnersOf(DemoContent.Zorgpact);

        var balance = await client.GetFromJsonAsync<JsonElement>("/api/v1/pacts/zorgpact/helix-balance?regionSet=provincies");
        var bad = await client.GetAsync("/api/v1/pacts/zorgpact/helix-balance?regionSet=waterschappen");
        var unknownPact = await client.GetAsync("/api/v1/pacts/bouwpact/helix-balance");

        Assert.Equal(12, balance.GetProperty("regions").GetArrayLength());
        var overijssel = balance.GetProperty("regions").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "PV23");
        Assert.Equal(partners.Count(o => o.MunicipalityCode is { } m && Municipalities[m].Province == "PV23"), overijssel.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("arbeidsmarktregios", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownPact.StatusCode);
        // Another pact's own grouping is not offered: the Zorgpact has no landsdelen.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync("/api/v1/pacts/zorgpact/helix-balance?regionSet=techniekpact-landsdelen")).StatusCode);
    }

    [Fact]
    public async Task Roles_keep_their_history_and_current_leaves_out_ended_ones()
    {
        var client = Anonymous(factory);

        var all = await client.GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/roles");
        var current = await client.GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/roles?current=true");

        var demoRoles = DemoContent.People.SelectMany(p => p.Roles.Select(r => (p.Name, r))).Where(x => x.r.PactCode == DemoContent.Techniekpact).ToList();
        Assert.Equal(demoRoles.Count, all.GetArrayLength());
        Assert.Equal(demoRoles.Count(x => x.r.ValidTo is null), current.GetArrayLength());
        Assert.Contains(all.EnumerateArray(), r => r.GetProperty("person").GetString() == "Bertholt Leeftink" && !r.GetProperty("current").GetBoolean());
        Assert.Contains(current.EnumerateArray(), r => r.GetProperty("kind").GetString() == "RegionLead" && r.GetProperty("regionCode").GetString() == "TP-OOST"
            && r.GetProperty("person").GetString() == "Eddy van Hijum");
    }

    [Fact]
    public async Task Signatories_of_a_pact_are_listed_with_their_commitment()
    {
        var signatories = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/pacts/zorgpact/signatories");

        Assert.Equal(DemoContent.Signatories.Count(s => s.PactCode == DemoContent.Zorgpact), signatories.GetArrayLength());
        Assert.All(signatories.EnumerateArray(), s => Assert.False(string.IsNullOrWhiteSpace(s.GetProperty("commitment").GetString())));
    }

    [Fact]
    public async Task The_directory_page_filters_and_the_helix_page_shows_the_table()
    {
        var client = Anonymous(factory);
        var oostBusiness = DemoContent.Organisations.Where(o => o.Helix == Helix.Business && o.MunicipalityCode is { } m && LandsdeelOf(m) == "TP-OOST").ToList();
        var notInOost = DemoContent.Organisations.First(o => o.MunicipalityCode is { } m && LandsdeelOf(m) != "TP-OOST");

        var page = await client.GetStringAsync("/organisaties?region=TP-OOST&helix=Business");
        var bad = await client.GetAsync("/organisaties?helix=triple");
        var helix = await client.GetStringAsync("/pact/techniekpact/helixbalans?indeling=provincies");

        Assert.Contains(System.Net.WebUtility.HtmlEncode($"{oostBusiness.Count} organisaties"), page);
        Assert.All(oostBusiness, o => Assert.Contains(System.Net.WebUtility.HtmlEncode(o.Name), page));
        Assert.DoesNotContain($">{System.Net.WebUtility.HtmlEncode(notInOost.Name)}<", page);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Onbekende helix", await bad.Content.ReadAsStringAsync());
        Assert.Contains("Fryslân", helix);

        // Paging on the page itself ("page" is also a route value of Razor Pages, which must not get in the way).
        var total = DemoContent.Organisations.Count;
        var second = await client.GetStringAsync("/organisaties?pageSize=10&page=2");
        Assert.Contains($"pagina 2 van {(total + 9) / 10}", second);
        Assert.Contains("href=\"/organisaties?pageSize=10\" rel=\"prev\"", second.Replace("page=1&amp;", ""));
        var unreadable = await client.GetAsync("/organisaties?page=abc");
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("Ongeldige waarde", await unreadable.Content.ReadAsStringAsync());
        Assert.Contains("ontbreekt", helix);
    }
}

public sealed class DirectoryTestsSqlite(SqliteFactory factory) : DirectoryTests<SqliteFactory>(factory);
public sealed class DirectoryTestsPostgres(PostgresFactory factory) : DirectoryTests<PostgresFactory>(factory);
