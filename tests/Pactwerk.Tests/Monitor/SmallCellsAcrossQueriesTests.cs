using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// The small-cell rule of a confidential source holds across queries: what a set hides, a single
/// region, a breakdown, a download, the status and an edition hide too. Made-up years in DUO's
/// layout, read into a confidential test source (<see cref="ConfidentialSource"/>), whose hidden
/// cells were worked out by hand.
/// </summary>
public abstract class SmallCellsAcrossQueriesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;";

    /// <summary>One year: Zwolle (GM0193) women and men, Deventer (GM0150) men; both in Overijssel (PV23); nothing elsewhere.</summary>
    private static byte[] Year(int year, int zwolleWomen, int zwolleMen, int deventerMen) => Encoding.UTF8.GetBytes(string.Join("\r\n",
        Header + year,
        $"Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;{zwolleWomen}",
        $"Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;man;{zwolleMen}",
        $"Overijssel;0150;Deventer;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;deeltijd onderwijs;man;{deventerMen}") + "\r\n");

    /// <summary>A count of people from a confidential source.</summary>
    private const string Indicator = "vertrouwelijk-aantal";

    private async Task<ImportReport> ImportAsync(byte[] content)
    {
        await ConfidentialSource.StoreProfileAsync(factory, "test-vertrouwelijk-aantal", Indicator);
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync("test-vertrouwelijk-aantal", $"test-{Guid.NewGuid():N}.csv", content, default);
        Assert.Equal(ImportStatus.Committed, report.Status);
        await ConfidentialSource.IndicatorAsync(factory, Indicator, "Aantal (vertrouwelijke test)", "personen", new
        {
            numerator = new { element = Indicator, filter = new Dictionary<string, string[]>() }, multiplier = 1, description = "Alle personen.",
        });
        return report;
    }

    private static JsonElement Row(List<JsonElement> rows, string region, string? category = null) =>
        rows.Single(r => r.GetProperty("region").GetProperty("code").GetString() == region
            && (category is null || r.GetProperty("breakdown").GetString() == category));

    private static string? Hidden(JsonElement row) => row.GetProperty("protected").ValueKind == JsonValueKind.Null ? null : row.GetProperty("protected").GetString();

    private const string Values = "/api/v1/monitor/values?indicator=" + Indicator + "&period=2035/2036";

    [Fact]
    public async Task What_a_set_hides_no_single_region_breakdown_download_or_status_shows()
    {
        await ImportAsync(Year(2035, zwolleWomen: 10, zwolleMen: 20, deventerMen: 3));
        var client = Anonymous(factory);

        // By hand: Deventer 3 is small. The municipalities add up to the country (33), so Zwolle (30) alone would give
        // Deventer away: hidden too. Overijssel (33) and the country stay: they hold both.
        var municipalities = (await client.GetFromJsonAsync<List<JsonElement>>(Values + "&regionSet=gemeenten"))!;
        Assert.Equal("Small", Hidden(Row(municipalities, "GM0150")));
        Assert.Equal("Secondary", Hidden(Row(municipalities, "GM0193")));
        Assert.Equal(JsonValueKind.Null, Row(municipalities, "GM0193").GetProperty("numerator").ValueKind);
        var provinces = (await client.GetFromJsonAsync<List<JsonElement>>(Values + "&regionSet=provincies"))!;
        Assert.Equal(33, Row(provinces, "PV23").GetProperty("value").GetDouble());
        Assert.Equal(33, Row((await client.GetFromJsonAsync<List<JsonElement>>(Values + "&region=NL"))!, "NL").GetProperty("value").GetDouble());

        // Zwolle asked alone is as hidden as in the set: before, its 30 gave Deventer away as 33 − 30.
        var zwolle = Row((await client.GetFromJsonAsync<List<JsonElement>>(Values + "&region=GM0193"))!, "GM0193");
        Assert.Equal("Secondary", Hidden(zwolle));
        Assert.Equal(JsonValueKind.Null, zwolle.GetProperty("value").ValueKind);

        // For every set and every region it hides, the region asked alone is hidden too; what it shows, it shows alike.
        var sets = new[] { "gemeenten", "provincies", "corop", "arbeidsmarktregios", "techniekpact-landsdelen" };
        var checkedHidden = 0;
        foreach (var set in sets)
            foreach (var row in (await client.GetFromJsonAsync<List<JsonElement>>(Values + "&regionSet=" + set))!)
            {
                if (Hidden(row) is null && row.GetProperty("value").ValueKind == JsonValueKind.Null)
                    continue;
                var code = row.GetProperty("region").GetProperty("code").GetString()!;
                var alone = Row((await client.GetFromJsonAsync<List<JsonElement>>(Values + "&region=" + code))!, code);
                Assert.Equal(Hidden(row), Hidden(alone));
                Assert.Equal(row.GetProperty("numerator").ToString(), alone.GetProperty("numerator").ToString());
                if (Hidden(row) is not null)
                    checkedHidden++;
                // A region with data holds Zwolle, Deventer or both: both is 33; only one of them must not be shown (it is that municipality).
                if (Hidden(row) is null)
                    Assert.Equal(33, row.GetProperty("value").GetDouble());
            }
        Assert.True(checkedHidden >= 2);

        // By gender: Deventer's 3 men are small; the men add up to the country's 23, so Zwolle's 20 men go too.
        // Zwolle's 10 women stay: with its total and its men hidden, they give neither away.
        var byGender = (await client.GetFromJsonAsync<List<JsonElement>>(Values + "&region=GM0193&breakdown=GESLACHT"))!;
        Assert.Equal(10, Row(byGender, "GM0193", "vrouw").GetProperty("value").GetDouble());
        Assert.Equal("Secondary", Hidden(Row(byGender, "GM0193", "man")));
        var overijssel = (await client.GetFromJsonAsync<List<JsonElement>>(Values + "&region=PV23&breakdown=GESLACHT"))!;
        Assert.True(Row(overijssel, "PV23", "man").GetProperty("value").ValueKind == JsonValueKind.Number, string.Join("\n", overijssel));
        Assert.Equal(23, Row(overijssel, "PV23", "man").GetProperty("value").GetDouble());

        // The page's download and the status of Zwolle show nothing of its 2035 figure either.
        var csv = await client.GetStringAsync("/monitor/indicatoren/" + Indicator + "/reeks.csv?regio=GM0193");
        var line = csv.Split("\r\n").Single(l => l.Contains(";GM0193;") && l.Contains(";2035/2036;"));
        Assert.Contains(";×;", line);
        Assert.DoesNotContain(";30;", line);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/monitor/status?indicator=" + Indicator + "&region=GM0193");
        Assert.NotEqual("2035/2036", status.GetProperty("latest").ValueKind == JsonValueKind.Null ? null : status.GetProperty("latest").GetProperty("period").GetString());
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/monitor/indicatoren/" + Indicator + "?regio=GM0193&periode=2035/2036&indeling=gemeenten"));
        Assert.DoesNotContain("Zwolle</th><td>2035/2036</td><td class=\"num\">30", page);

        // A coordinator sees every figure.
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var all = (await coordinator.GetFromJsonAsync<List<JsonElement>>(Values + "&regionSet=gemeenten"))!;
        Assert.Equal((3, 30), (Row(all, "GM0150").GetProperty("value").GetDouble(), Row(all, "GM0193").GetProperty("value").GetDouble()));
    }

    private static JsonElement Figure(JsonElement edition, string region, string period) =>
        edition.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == Indicator)
            .GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("region").GetProperty("code").GetString() == region && f.GetProperty("period").GetString() == period);

    [Fact]
    public async Task An_edition_hides_small_cells_as_published_and_as_revised_from_readers_who_are_not_coordinators()
    {
        await ImportAsync(Year(2036, zwolleWomen: 10, zwolleMen: 20, deventerMen: 3));
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2036, title = "Monitor 2036", indicators = new[] { Indicator } })).StatusCode);
        const string url = "/api/v1/pacts/techniekpact/editions/2036?regionSet=gemeenten";

        // As published, by hand as above: Deventer 3 small, Zwolle 30 hidden beside it, the country 33 shown.
        var edition = await Anonymous(factory).GetFromJsonAsync<JsonElement>(url);
        var deventer = Figure(edition, "GM0150", "2036/2037");
        Assert.Equal(("Small", JsonValueKind.Null, JsonValueKind.Null), (deventer.GetProperty("protected").GetString(), deventer.GetProperty("value").ValueKind, deventer.GetProperty("numerator").ValueKind));
        Assert.Equal("Secondary", Figure(edition, "GM0193", "2036/2037").GetProperty("protected").GetString());
        Assert.Equal(33, Figure(edition, "NL", "2036/2037").GetProperty("value").GetDouble());
        var full = await coordinator.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(3, Figure(full, "GM0150", "2036/2037").GetProperty("value").GetDouble());
        Assert.Equal(30, Figure(full, "GM0193", "2036/2037").GetProperty("value").GetDouble());

        // DUO revises: Deventer 4 men (still small), Zwolle 25 men. The current figures are hidden alike; the country's 39 is shown.
        await ImportAsync(Year(2036, zwolleWomen: 10, zwolleMen: 25, deventerMen: 4));
        edition = await Anonymous(factory).GetFromJsonAsync<JsonElement>(url);
        var zwolle = Figure(edition, "GM0193", "2036/2037");
        Assert.Equal("Secondary", zwolle.GetProperty("revised").GetProperty("protected").GetString());
        Assert.Equal(JsonValueKind.Null, zwolle.GetProperty("revised").GetProperty("currentValue").ValueKind);
        Assert.Equal(JsonValueKind.Null, zwolle.GetProperty("revised").GetProperty("currentNumerator").ValueKind);
        Assert.Equal(39, Figure(edition, "NL", "2036/2037").GetProperty("revised").GetProperty("currentValue").GetDouble());
        full = await coordinator.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal(35, Figure(full, "GM0193", "2036/2037").GetProperty("revised").GetProperty("currentValue").GetDouble());

        // The page shows the markers, not the figures.
        var page = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor/edities/2036?indeling=gemeenten&periode=2036/2037"));
        var row = page[page.IndexOf("<th scope=\"row\">Deventer</th>", StringComparison.Ordinal)..];
        row = row[..row.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td>2036/2037</td><td><5</td><td><5</td><td><5</td>", row);
        var zwolleRow = page[page.IndexOf("<th scope=\"row\">Zwolle</th>", StringComparison.Ordinal)..];
        zwolleRow = zwolleRow[..zwolleRow.IndexOf("</tr>", StringComparison.Ordinal)];
        Assert.Contains("<td>×</td><td>×</td><td>×</td>", zwolleRow);
        Assert.Contains("Nu: ×", zwolleRow);
        var coordinatorPage = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/pact/techniekpact/monitor/edities/2036?indeling=gemeenten&periode=2036/2037"));
        Assert.Contains("<th scope=\"row\">Deventer</th><td>2036/2037</td><td>3</td><td>3</td>", coordinatorPage);
    }
}

public sealed class SmallCellsAcrossQueriesTestsSqlite(SqliteFactory factory) : SmallCellsAcrossQueriesTests<SqliteFactory>(factory);
public sealed class SmallCellsAcrossQueriesTestsPostgres(PostgresFactory factory) : SmallCellsAcrossQueriesTests<PostgresFactory>(factory);
