using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// The public monitor pages, downloads and embeds on the DUO demo data: figures checked against
/// sums read from the file by <see cref="DuoReference"/> (DUO publishes them, so every figure is
/// shown to everyone; the small-cell rule for confidential sources is in <see cref="DisclosureTests{TFactory}"/>),
/// bad input, caching and its invalidation, Dutch and English.
/// </summary>
public abstract class MonitorPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static bool Techniek(Func<string, string> column) => column("ONDERDEEL") == "techniek";
    private static readonly CultureInfo Dutch = new("nl");

    /// <summary>A share as the pages write it, by hand: one decimal, rounded half away from zero, the % right after it.</summary>
    private static string Shown(double share, CultureInfo culture) => Math.Round(share, 1, MidpointRounding.AwayFromZero).ToString("0.0", culture) + "%";

    /// <summary>The share of technology per region of a set, from the file; DUO's figures are published, so nothing is hidden.</summary>
    private static List<SmallCellReference.Expected> ExpectedShares(string prefix, int year) =>
        SmallCellReference.Shares(prefix, year).Select(e => e with { Hidden = null }).ToList();

    private static List<Dictionary<string, string>> ParseCsv(byte[] bytes)
    {
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        return lines.Skip(1).Select(l => header.Zip(l.Split(';')).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public async Task The_home_of_a_pact_shows_its_indicators_with_the_latest_national_figure()
    {
        var country = DuoReference.Regions()["NL"];
        var share = 100.0 * DuoReference.Sum(2023, country, Techniek).Sum / DuoReference.Sum(2023, country).Sum;

        var html = await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor");
        var english = await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor?culture=en");

        Assert.Contains(Shown(share, Dutch), html);
        Assert.Contains("href=\"/monitor/indicatoren/hbo-aandeel-techniek?regio=NL\"", html);
        Assert.Contains("<svg class=\"sparkline\"", html);
        Assert.Contains("Op koers als ten minste 85%", html);
        Assert.Contains("Share of technology in hbo", english);
        Assert.Contains(Shown(share, CultureInfo.InvariantCulture), english);
        // A change in a share is in percentage points, never in %.
        Assert.Matches(@"Verandering sinds [^:<]+: [+-]?\d+,\d procentpunt<", html);
        Assert.Matches(@"Change since [^:<]+: [+-]?\d+\.\d percentage points<", english);
        Assert.DoesNotMatch(@"Verandering sinds [^:<]+: [^<]*%", html);
    }

    [Fact]
    public async Task The_region_picker_turns_the_home_into_that_regions_monitor()
    {
        var oost = DuoReference.Regions()["TP-OOST"];
        var share = 100.0 * DuoReference.Sum(2023, oost, Techniek).Sum / DuoReference.Sum(2023, oost).Sum;

        var html = await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor?regio=TP-OOST");

        Assert.Contains(Shown(share, Dutch), html);
        Assert.Contains("<option value=\"TP-OOST\" selected=\"selected\">", html);
    }

    [Fact]
    public async Task The_comparison_of_labour_market_regions_and_its_csv_hold_the_figures_of_the_published_file_for_every_region()
    {
        var expected = ExpectedShares("AM", 2022);
        var client = Anonymous(factory);

        var html = await client.GetStringAsync("/monitor/indicatoren/hbo-aandeel-techniek?regio=AM01&indeling=arbeidsmarktregios&periode=2022");
        var csv = await client.GetAsync("/monitor/indicatoren/hbo-aandeel-techniek/regios.csv?regio=AM01&indeling=arbeidsmarktregios&periode=2022");
        var rows = ParseCsv(await csv.Content.ReadAsByteArrayAsync());

        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected.Count, rows.Count);
        foreach (var e in expected)
        {
            var row = rows.Single(r => r["regiocode"] == e.Code);
            Assert.Equal("2022/2023", row["periode"]);
            Assert.Equal(e.Hidden ?? "", row["kleine_aantallen"]);
            if (e.Hidden is null && e.Denominator == 0)
                Assert.Equal("", row["waarde"]); // nothing measured: no value, and nothing to hide
            else if (e.Hidden is null)
            {
                Assert.Equal(e.Numerator, long.Parse(row["teller"], CultureInfo.InvariantCulture));
                Assert.Equal(e.Denominator, long.Parse(row["noemer"], CultureInfo.InvariantCulture));
                Assert.Equal(Math.Round(100.0 * e.Numerator / e.Denominator, 4), double.Parse(row["waarde"], CultureInfo.InvariantCulture), 4);
                // The page's table shows the same figure.
                Assert.Contains($"<th scope=\"row\">{e.Code}</th>", html);
            }
            else
                Assert.Equal(("", "", ""), (row["waarde"], row["teller"], row["noemer"]));
            Assert.Equal("DUO open onderwijsdata", row["bron"]);
            Assert.Equal("ingeschrevenen-hbo-2020-2023.csv", row["releasebestand"]);
        }
        var am01 = expected.Single(e => e.Code == "AM01");
        Assert.Contains(Shown(100.0 * am01.Numerator / am01.Denominator, Dutch), html);
    }

    [Fact]
    public async Task Municipalities_show_every_published_figure_to_the_public_api_as_a_coordinator_sees_it()
    {
        var expected = ExpectedShares("GM", 2023);
        // DUO's own small cells are left out of the sums, and the sums are shown: some are built on fewer than five students.
        Assert.Contains(SmallCellReference.Shares("GM", 2023), e => e.Hidden == "<5");
        const string url = "/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet=gemeenten&period=2023";

        var anonymous = await Anonymous(factory).GetFromJsonAsync<List<JsonElement>>(url);
        var coordinator = await (await SignInAsync(factory, "coordinator@techniekpact.demo")).GetFromJsonAsync<List<JsonElement>>(url);

        Assert.Equal(expected.Count, anonymous!.Count);
        foreach (var e in expected)
        {
            var shown = anonymous.Single(r => r.GetProperty("region").GetProperty("code").GetString() == e.Code);
            var full = coordinator!.Single(r => r.GetProperty("region").GetProperty("code").GetString() == e.Code);
            Assert.Equal(JsonValueKind.Null, shown.GetProperty("protected").ValueKind);
            if (e.Denominator > 0)
                Assert.Equal((e.Numerator, e.Denominator), ((long)shown.GetProperty("numerator").GetDouble(), (long)shown.GetProperty("denominator").GetDouble()));
            Assert.Equal(shown.ToString(), full.ToString());
        }
    }

    [Fact]
    public async Task The_breakdown_and_series_downloads_are_json_with_invariant_numbers_and_provenance()
    {
        var country = DuoReference.Regions()["NL"];
        var women = DuoReference.Sum(2023, country, c => c("GESLACHT") == "vrouw");
        var womenTechniek = DuoReference.Sum(2023, country, c => c("GESLACHT") == "vrouw" && Techniek(c));

        var breakdown = await Anonymous(factory).GetFromJsonAsync<List<JsonElement>>("/monitor/indicatoren/hbo-aandeel-techniek/uitsplitsing.json?periode=2023&uitsplitsing=GESLACHT");
        var series = await Anonymous(factory).GetFromJsonAsync<List<JsonElement>>("/monitor/indicatoren/hbo-aandeel-techniek/reeks.json?regio=PV21");

        var row = breakdown!.Single(r => r.GetProperty("breakdown").GetString() == "vrouw");
        Assert.Equal(womenTechniek.Sum, row.GetProperty("numerator").GetDouble());
        Assert.Equal(women.Sum, row.GetProperty("denominator").GetDouble());
        Assert.Equal("ingeschrevenen-hbo-2020-2023.csv", row.GetProperty("releaseFile").GetString());
        Assert.Equal(1, row.GetProperty("definitionVersion").GetInt32());
        // The region's four years and the country's four for comparison.
        Assert.Equal(8, series!.Count);
        Assert.Equal(["NL", "PV21"], series.Select(r => r.GetProperty("regionCode").GetString()).Distinct().Order());
        var friesland = DuoReference.Regions()["PV21"];
        Assert.Equal(DuoReference.Sum(2020, friesland).Sum, series.Single(r => r.GetProperty("regionCode").GetString() == "PV21" && r.GetProperty("period").GetString() == "2020/2021").GetProperty("denominator").GetDouble());
    }

    [Fact]
    public async Task The_csv_uses_invariant_numbers_in_english_too()
    {
        var csv = ParseCsv(await Anonymous(factory).GetByteArrayAsync("/monitor/indicatoren/hbo-aandeel-techniek/reeks.csv?culture=en"));
        var dutch = ParseCsv(await Anonymous(factory).GetByteArrayAsync("/monitor/indicatoren/hbo-aandeel-techniek/reeks.csv"));

        Assert.Equal(dutch.Select(r => r["waarde"]), csv.Select(r => r["waarde"]));
        Assert.All(csv, r => Assert.DoesNotContain(",", r["waarde"]));
        Assert.Contains(csv, r => r["waarde"].Contains('.'));
    }

    [Fact]
    public async Task The_map_geometry_of_every_set_names_its_regions_by_code()
    {
        foreach (var (set, count, sample) in new[] { ("provincies", 12, "PV27"), ("arbeidsmarktregios", 35, "AM01"), ("corop", 40, "CR01"), ("gemeenten", 342, "GM0363"), ("techniekpact-landsdelen", 5, "TP-OOST") })
        {
            var geo = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/geo/{set}");
            var features = geo.GetProperty("features").EnumerateArray().ToList();
            Assert.Equal(count, features.Count);
            Assert.Contains(features, f => f.GetProperty("properties").GetProperty("code").GetString() == sample);
        }
        // A landsdeel merged from its municipalities: its outline has far fewer rings than its municipalities have.
        var landsdelen = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/geo/techniekpact-landsdelen");
        var oost = landsdelen.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("properties").GetProperty("code").GetString() == "TP-OOST");
        Assert.InRange(oost.GetProperty("geometry").GetProperty("coordinates").GetArrayLength(), 1, 10);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync("/api/v1/geo/planeten")).StatusCode);
    }

    [Fact]
    public async Task The_embed_may_be_framed_by_other_sites_and_the_pages_may_not()
    {
        var embed = await Anonymous(factory).GetAsync("/embed/monitor/indicatoren/hbo-aandeel-techniek?indeling=techniekpact-landsdelen");
        var page = await Anonymous(factory).GetAsync("/monitor/indicatoren/hbo-aandeel-techniek");

        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Contains("frame-ancestors *", embed.Headers.GetValues("Content-Security-Policy").Single());
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.DoesNotContain("class=\"site-header\"", await embed.Content.ReadAsStringAsync());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("&lt;iframe src=&quot;http://localhost/embed/monitor/indicatoren/hbo-aandeel-techniek?", html.Replace("\"", "&quot;"));
        Assert.Contains("<label for=\"embed-code\">", html);
    }

    [Theory]
    [InlineData("/monitor/indicatoren/geluk", HttpStatusCode.NotFound, "Er is geen indicator met code &#x27;geluk&#x27;")]
    [InlineData("/monitor/indicatoren/geluk?culture=en", HttpStatusCode.NotFound, "There is no indicator with code &#x27;geluk&#x27;")]
    [InlineData("/pact/geen-pact/monitor", HttpStatusCode.NotFound, "Er is geen pact met code")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek?regio=XX99", HttpStatusCode.OK, "Er is geen regio met code &#x27;XX99&#x27;; hieronder staat heel Nederland.")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek?regio=PV27&indeling=arbeidsmarktregios", HttpStatusCode.OK, "hoort niet bij de indeling")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek?periode=1999", HttpStatusCode.OK, "Voor periode &#x27;1999&#x27; zijn geen gegevens; hieronder staat de laatste periode, 2023/2024.")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek?periode=twintig", HttpStatusCode.OK, "Voor periode &#x27;twintig&#x27; zijn geen gegevens")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek?indeling=planeten", HttpStatusCode.OK, "Er is geen regio-indeling &#x27;planeten&#x27;")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek?uitsplitsing=leeftijd", HttpStatusCode.OK, "kan niet worden uitgesplitst naar &#x27;leeftijd&#x27;")]
    [InlineData("/monitor/indicatoren/hbo-ingeschrevenen?regio=GM0363", HttpStatusCode.OK, "Geen streefwaarde")]
    [InlineData("/pact/techniekpact/monitor?regio=NERGENS", HttpStatusCode.OK, "Er is geen regio met code &#x27;NERGENS&#x27;")]
    public async Task Bad_input_gets_a_friendly_page_never_an_error(string url, HttpStatusCode status, string message)
    {
        var before = await factory.InDbAsync(db => db.Observations.CountAsync());

        var response = await Anonymous(factory).GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.InDbAsync(db => db.Observations.CountAsync()));
    }

    [Fact]
    public async Task A_cached_page_switches_language_by_a_link_that_keeps_the_choice_and_stays_on_the_site()
    {
        var client = Anonymous(factory);
        var html = await client.GetStringAsync("/monitor");

        Assert.Contains("href=\"/taal?culture=en&amp;returnUrl=%2Fmonitor\"", html);
        Assert.DoesNotContain("__RequestVerificationToken", html);
        var switched = await client.GetAsync("/taal?culture=en&returnUrl=%2Fmonitor");
        var foreign = await client.GetAsync("/taal?culture=en&returnUrl=https%3A%2F%2Fexample.org%2F");
        var unknown = await client.GetAsync("/taal?culture=fr&returnUrl=%2Fmonitor");

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/monitor", switched.Headers.Location!.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.Contains("Culture") && c.Contains("en"));
        Assert.Equal("/", foreign.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("<h1>Monitor</h1>", await client.GetStringAsync("/monitor"));
        Assert.Contains("All indicators", await client.GetStringAsync("/monitor"));
    }

    [Theory]
    [InlineData("/monitor/indicatoren/geluk/regios.csv")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek/taart.csv")]
    [InlineData("/monitor/indicatoren/hbo-aandeel-techniek/regios.xlsx")]
    public async Task A_download_of_something_that_does_not_exist_is_a_404(string url) =>
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync(url)).StatusCode);
}

public sealed class MonitorPagesTestsSqlite(SqliteFactory factory) : MonitorPagesTests<SqliteFactory>(factory);
public sealed class MonitorPagesTestsPostgres(PostgresFactory factory) : MonitorPagesTests<PostgresFactory>(factory);
