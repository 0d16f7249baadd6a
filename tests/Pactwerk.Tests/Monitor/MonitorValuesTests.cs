using System.Net;
using System.Net.Http.Json;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;

namespace Pactwerk.Tests.Monitor;

public sealed record RegionRefJson(string Code, string Name);
public sealed record ValueJson(RegionRefJson Region, string Period, double? Value, double? Numerator, double? Denominator, int SuppressedCells, string? Breakdown, int DefinitionVersion);

/// <summary>
/// The figures of the DUO file, as the API serves them after the demo import, against the same
/// figures computed separately from the file.
/// </summary>
public abstract class MonitorValuesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    // A coordinator sees every figure: these tests check the engine's sums for every region, small ones
    // included; what anonymous readers get under the small-cell rule is tested in MonitorPagesTests.
    private HttpClient? _client;

    private async Task<HttpClient> ClientAsync() => _client ??= await Session.SignInAsync(factory, "coordinator@techniekpact.demo");

    private static bool Techniek(Func<string, string> column) => column("ONDERDEEL") == "techniek";

    private async Task<List<ValueJson>> Values(string query) => (await (await ClientAsync()).GetFromJsonAsync<List<ValueJson>>("/api/v1/monitor/values?" + query))!;

    [Fact]
    public async Task National_techniek_share_in_2023_is_94857_of_458721()
    {
        var all = DuoReference.Regions()["NL"];
        var techniek = DuoReference.Sum(2023, all, Techniek);
        var total = DuoReference.Sum(2023, all);

        var row = Assert.Single(await Values("indicator=hbo-aandeel-techniek&region=NL&period=2023"));

        Assert.Equal((94_857L, 458_721L), (techniek.Sum, total.Sum));
        Assert.Equal((94_857d, 458_721d), (row.Numerator!.Value, row.Denominator!.Value));
        Assert.Equal(100.0 * 94_857 / 458_721, row.Value!.Value, 0.0001);
        Assert.Equal("20.68", row.Value!.Value.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("2023/2024", row.Period);
        Assert.Equal(total.Suppressed, row.SuppressedCells);
    }

    [Theory]
    [InlineData("provincies", 2020)]
    [InlineData("provincies", 2023)]
    [InlineData("techniekpact-landsdelen", 2023)]
    [InlineData("arbeidsmarktregios", 2021)]
    [InlineData("corop", 2022)]
    public async Task Every_region_of_a_set_gets_sum_over_sum_of_its_municipalities(string set, int year)
    {
        var regions = DuoReference.Regions();

        var rows = await Values($"indicator=hbo-aandeel-techniek&regionSet={set}&period={year}");
        var counts = await Values($"indicator=hbo-ingeschrevenen&regionSet={set}&period={year}/{year + 1}");

        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var members = regions[row.Region.Code];
            var techniek = DuoReference.Sum(year, members, Techniek);
            var total = DuoReference.Sum(year, members);
            Assert.Equal(techniek.Sum, row.Numerator!.Value);
            Assert.Equal(total.Sum, row.Denominator);
            Assert.Equal(total.Suppressed, row.SuppressedCells);
            if (total.Sum > 0)
                Assert.Equal(100.0 * techniek.Sum / total.Sum, row.Value!.Value, 0.0001);
            var count = counts.Single(c => c.Region.Code == row.Region.Code);
            Assert.Equal(total.Sum, count.Value ?? 0);
        }
    }

    [Fact]
    public async Task A_labour_market_region_across_a_province_border_is_summed_over_its_own_municipalities()
    {
        // Region Groningen (AM01) holds four Drenthe municipalities: it is not a sum of provinces.
        var members = DuoReference.Regions()["AM01"];
        Assert.Contains(SharedData.Municipalities(), m => m.LabourMarketRegion == "AM01" && m.Province == "PV22");

        var row = Assert.Single(await Values("indicator=hbo-ingeschrevenen&region=AM01&period=2023"));

        Assert.Equal(DuoReference.Sum(2023, members).Sum, row.Value);
    }

    [Fact]
    public async Task The_share_of_a_landsdeel_is_not_the_average_of_its_provinces_shares()
    {
        var oost = Assert.Single(await Values("indicator=hbo-aandeel-techniek&region=TP-OOST&period=2023"));
        var provinces = (await Values("indicator=hbo-aandeel-techniek&regionSet=provincies&period=2023")).Where(r => r.Region.Code is "PV23" or "PV25").ToList();

        Assert.Equal(provinces.Sum(p => p.Numerator!.Value) / provinces.Sum(p => p.Denominator!.Value) * 100, oost.Value!.Value, 0.0001);
        Assert.NotEqual(Math.Round(provinces.Average(p => p.Value!.Value), 3), Math.Round(oost.Value!.Value, 3));
    }

    [Fact]
    public async Task A_breakdown_by_gender_adds_up_to_the_total()
    {
        var total = Assert.Single(await Values("indicator=hbo-ingeschrevenen&region=NL&period=2022"));
        var byGender = await Values("indicator=hbo-ingeschrevenen&region=NL&period=2022&breakdown=GESLACHT");
        var women = DuoReference.Sum(2022, DuoReference.Regions()["NL"], c => c("GESLACHT") == "vrouw");

        Assert.Equal(["man", "onbekend", "vrouw"], byGender.Select(b => b.Breakdown));
        Assert.Equal(total.Value, byGender.Sum(b => b.Value));
        Assert.Equal(total.SuppressedCells, byGender.Sum(b => b.SuppressedCells));
        Assert.Equal(women.Sum, byGender.Single(b => b.Breakdown == "vrouw").Value);
    }

    [Fact]
    public async Task A_municipality_with_only_suppressed_cells_has_no_value_and_counts_them()
    {
        var regions = DuoReference.Regions();
        var (code, totals) = regions.Where(r => r.Key.StartsWith("GM")).Select(r => (r.Key, DuoReference.Sum(2023, r.Value)))
            .First(r => r.Item2.Sum > 0 && r.Item2.Suppressed > 0);

        var row = Assert.Single(await Values($"indicator=hbo-ingeschrevenen&region={code}&period=2023"));

        // Suppressed cells are left out and counted: the sum is of the published cells only, not plus 0 or 5 per cell.
        Assert.Equal(totals.Sum, row.Value);
        Assert.Equal(totals.Suppressed, row.SuppressedCells);
    }

    [Theory]
    [InlineData("indicator=geluk&region=NL", "indicator", "Onbekende indicator 'geluk'")]
    [InlineData("indicator=hbo-ingeschrevenen&region=XX1", "region", "Er is geen regio met code 'XX1'")]
    [InlineData("indicator=hbo-ingeschrevenen&regionSet=planeten", "regionSet", "Er is geen regio-indeling")]
    [InlineData("indicator=hbo-ingeschrevenen&region=NL&period=twintig", "period", "is geen periode")]
    [InlineData("indicator=hbo-ingeschrevenen&region=NL&period=2023/2025", "period", "is geen periode")]
    [InlineData("indicator=hbo-ingeschrevenen&region=NL&breakdown=leeftijd", "breakdown", "GESLACHT")]
    [InlineData("indicator=hbo-ingeschrevenen", "region", "Geef een regio")]
    public async Task Bad_queries_get_a_400_that_says_what_is_wrong(string query, string parameter, string message)
    {
        var response = await (await ClientAsync()).GetAsync("/api/v1/monitor/values?" + query);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{parameter}\"", body);
        Assert.Contains(message, body);
    }

    [Fact]
    public async Task The_status_compares_the_latest_value_with_the_path_from_baseline_to_target()
    {
        // Goals hold from an adopted plan revision; whatever plans the demo brings, this test sets its own.
        await Agenda.PlanData.ClearAsync(factory, "techniekpact");
        await Agenda.PlanData.ClearAsync(factory, "zorgpact");
        var indicator = await Agenda.PlanData.IndicatorIdAsync(factory, "hbo-aandeel-techniek");
        var nl = await Agenda.PlanData.RegionIdAsync(factory, "NL");
        await Agenda.PlanData.CreateAsync(factory, null, Web.Features.Agenda.RevisionStatus.Adopted, fill: r =>
        {
            r.Goals.Add(Agenda.PlanData.Goal(indicator, nl, GoalKind.Baseline, 2020, 20.75));
            r.Goals.Add(Agenda.PlanData.Goal(indicator, nl, GoalKind.Target, 2030, 25.75));
        });

        var status = await (await ClientAsync()).GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/monitor/status?indicator=hbo-aandeel-techniek&region=NL");

        Assert.Equal("2020/2021", status.GetProperty("baseline").GetProperty("period").GetString());
        Assert.Equal(20.75, status.GetProperty("baseline").GetProperty("value").GetDouble(), 2);
        Assert.Equal("2023/2024", status.GetProperty("latest").GetProperty("period").GetString());
        // 20.68% in 2023 against an expected 20.75 + 3/10 × 5 = 22.25: behind, and moving the wrong way.
        Assert.Equal("WrongDirection", status.GetProperty("status").GetString());
        Assert.Contains("85%", status.GetProperty("rule").GetString());
        Assert.Equal("Testplan landelijk 2019–2022", status.GetProperty("plan").GetString());
    }

    [Fact]
    public async Task Indicators_are_listed_with_their_versioned_definition()
    {
        var indicators = await (await ClientAsync()).GetFromJsonAsync<List<System.Text.Json.JsonElement>>("/api/v1/indicators");

        // The demo's DUO indicators, the shared rooms' utilisation and its three counts (fed at start), and the three of each
        // demo voucher scheme (its confidential source, fed at start).
        string[] vouchers = [.. new[] { "gelders-vakmanschap", "techniekuitdaging" }.SelectMany(s => new[] { "afgerond", "gestart", "toegekend" }.Select(k => $"vouchers-{s}-{k}"))];
        string[] rooms = ["technieklokalen-bezettingsgraad", "technieklokalen-minuten-geboekt", "technieklokalen-minuten-gebruikt", "technieklokalen-minuten-open"];
        // And the three of each demo funder of learning accounts.
        string[] learning = [.. new[] { "fn-kempen", "gelderland", "techniektalent" }.SelectMany(f => new[] { "afgerond", "geboekt", "houders" }.Select(k => $"leerrekening-{f}-{k}"))];
        // And the demo's learning places: three counts and their occupancy.
        string[] places = ["leerplekken-bezetting", "leerplekken-gevuld", "leerplekken-weken-aangeboden", "leerplekken-weken-gevuld"];
        // And the retraining programmes' four counts and two rates.
        string[] retraining = ["omscholing-aanmeldingen", "omscholing-baan-percentage", "omscholing-banen", "omscholing-certificaat-percentage", "omscholing-certificaten", "omscholing-gestart"];
        Assert.Equal(["hbo-aandeel-techniek", "hbo-ingeschrevenen", "hbo-nieuwe-studenten-techniek", .. places, .. learning, .. retraining, .. rooms, .. vouchers], indicators!.Select(i => i.GetProperty("code").GetString()));
        Assert.All(indicators!, i => Assert.Equal(1, i.GetProperty("version").GetInt32()));
        Assert.Contains("techniek", indicators![0].GetProperty("definition").GetString());
    }
}

public sealed class MonitorValuesTestsSqlite(SqliteFactory factory) : MonitorValuesTests<SqliteFactory>(factory);
public sealed class MonitorValuesTestsPostgres(PostgresFactory factory) : MonitorValuesTests<PostgresFactory>(factory);
