using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Regions;

public sealed record RegionSetJson(string Code, string Name, string Kind, string? Pact, int RegionCount);
public sealed record RegionJson(string Code, string Name, int MunicipalityCount);
public sealed record MunicipalityJson(string Code, string Name);
public sealed record OverlapJson(string Code, string Name, string Set, int SharedMunicipalities);
public sealed record RegionDetailJson(string Code, string Name, string Set, int MunicipalityCount, List<MunicipalityJson> Municipalities, List<OverlapJson> Overlaps);

/// <summary>The regions API against the real 2025 files, checked against counts made from the files directly.</summary>
public abstract class RegionsApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    private Task<List<RegionJson>?> RegionsOf(string set) => _client.GetFromJsonAsync<List<RegionJson>>($"/api/v1/region-sets/{set}/regions");

    [Fact]
    public async Task Provinces_are_twelve_and_their_municipalities_add_up_to_342()
    {
        var provinces = await RegionsOf("provincies");

        Assert.Equal(12, provinces!.Count);
        Assert.Equal(342, provinces.Sum(p => p.MunicipalityCount));
    }

    [Fact]
    public async Task Landsdelen_are_five_and_Oost_holds_76_municipalities()
    {
        var landsdelen = await RegionsOf("techniekpact-landsdelen");

        Assert.Equal(["Noord", "Noordwest", "Oost", "Zuidoost", "Zuidwest"], landsdelen!.Select(l => l.Name).Order());
        Assert.Equal(76, landsdelen!.Single(l => l.Name == "Oost").MunicipalityCount);
    }

    [Theory]
    [InlineData("provincies")]
    [InlineData("corop")]
    [InlineData("arbeidsmarktregios")]
    [InlineData("techniekpact-landsdelen")]
    public async Task Every_region_holds_as_many_municipalities_as_the_file_says(string set)
    {
        var municipalities = SharedData.Municipalities();
        var landsdeel = SharedData.LandsdeelOfProvince();
        Func<SharedData.Municipality, string> key = set switch
        {
            "provincies" => m => m.Province,
            "corop" => m => m.Corop,
            "arbeidsmarktregios" => m => m.LabourMarketRegion,
            _ => m => "TP-" + landsdeel[m.Province].ToUpperInvariant(),
        };
        var expected = municipalities.GroupBy(key).ToDictionary(g => g.Key, g => g.Count());

        var actual = (await RegionsOf(set))!.ToDictionary(r => r.Code, r => r.MunicipalityCount);

        Assert.Equal(expected.OrderBy(e => e.Key), actual.OrderBy(a => a.Key));
    }

    [Fact]
    public async Task Region_sets_list_every_set_with_its_region_count()
    {
        var sets = await _client.GetFromJsonAsync<List<RegionSetJson>>("/api/v1/region-sets");

        var counts = sets!.ToDictionary(s => s.Code, s => s.RegionCount);
        Assert.Equal(342, counts["gemeenten"]);
        Assert.Equal(12, counts["provincies"]);
        Assert.Equal(40, counts["corop"]);
        Assert.Equal(35, counts["arbeidsmarktregios"]);
        Assert.Equal(5, counts["techniekpact-landsdelen"]);
        Assert.Equal(1, counts["land"]);
        Assert.Equal("techniekpact", sets!.Single(s => s.Code == "techniekpact-landsdelen").Pact);
    }

    [Fact]
    public async Task Landsdeel_Oost_lists_its_municipalities_and_overlaps_Overijssel_and_Gelderland_whole()
    {
        var expected = SharedData.Municipalities().Where(m => m.Province is "PV23" or "PV25").Select(m => m.Code).Order().ToList();

        var oost = await _client.GetFromJsonAsync<RegionDetailJson>("/api/v1/regions/TP-OOST");

        Assert.Equal("Oost", oost!.Name);
        Assert.Equal(76, oost.MunicipalityCount);
        Assert.Equal(expected, oost.Municipalities.Select(m => m.Code).Order());
        var provinces = oost.Overlaps.Where(o => o.Set == "provincies").ToDictionary(o => o.Code, o => o.SharedMunicipalities);
        Assert.Equal(new Dictionary<string, int> { ["PV23"] = 25, ["PV25"] = 51 }, provinces);
    }

    [Fact]
    public async Task Ten_labour_market_regions_cross_a_province_border()
    {
        var expected = SharedData.Municipalities().GroupBy(m => m.LabourMarketRegion)
            .Where(g => g.Select(m => m.Province).Distinct().Count() > 1).Select(g => g.Key).Order().ToList();
        var crossing = new List<string>();

        foreach (var region in (await RegionsOf("arbeidsmarktregios"))!)
        {
            var detail = await _client.GetFromJsonAsync<RegionDetailJson>($"/api/v1/regions/{region.Code}");
            if (detail!.Overlaps.Count(o => o.Set == "provincies") > 1)
                crossing.Add(region.Code);
        }

        Assert.Equal(10, expected.Count);
        Assert.Equal(expected, crossing.Order());
    }

    [Fact]
    public async Task A_municipality_is_a_region_too_and_shows_the_regions_it_lies_in()
    {
        var groningen = await _client.GetFromJsonAsync<RegionDetailJson>("/api/v1/regions/gm0014");

        Assert.Equal("GM0014", groningen!.Code);
        Assert.Equal(["AM01", "CR03", "NL", "PV20", "TP-NOORD"], groningen.Overlaps.Select(o => o.Code).Order());
    }

    [Theory]
    [InlineData("/api/v1/regions/XX999")]
    [InlineData("/api/v1/region-sets/planeten/regions")]
    [InlineData("/api/v1/bestaat-niet")]
    public async Task Unknown_codes_get_a_problem_details_404(string url)
    {
        var response = await _client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
    }
}

public sealed class RegionsApiTestsSqlite(SqliteFactory factory) : RegionsApiTests<SqliteFactory>(factory);
public sealed class RegionsApiTestsPostgres(PostgresFactory factory) : RegionsApiTests<PostgresFactory>(factory);
