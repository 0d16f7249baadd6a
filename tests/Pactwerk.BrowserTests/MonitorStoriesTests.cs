using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>A visitor reads the public monitor: cards, the map of labour-market regions, the table and its download.</summary>
public sealed class MonitorStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_compares_the_share_of_technology_students_across_labour_market_regions_and_downloads_the_table()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Monitor" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Monitor Techniekpact" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pact/techniekpact/monitor$"));
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Aandeel techniek in het hbo" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Aandeel techniek in het hbo");
        await page.GetByLabel("Vergelijken per", new() { Exact = true }).SelectOptionAsync("arbeidsmarktregios");
        await page.GetByLabel("Periode", new() { Exact = true }).SelectOptionAsync("2022/2023");
        await page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vergelijking van alle regio's: Arbeidsmarktregio's, 2022/2023" })).ToBeVisibleAsync();
        // The map is drawn (ECharts renders SVG into the box) and the table waits behind its button.
        await Assertions.Expect(page.Locator("[data-chart=map] svg path").First).ToBeAttachedAsync();
        var table = page.Locator("#tabel-regios table");
        await Assertions.Expect(table).ToBeHiddenAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.Locator("[data-toggle-table=tabel-regios]").ClickAsync();
        await Assertions.Expect(table).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-toggle-table=tabel-regios]")).ToHaveTextAsync("Toon als grafiek");
        var shown = new Dictionary<string, (string Value, string Numerator, string Denominator)>();
        foreach (var row in await table.Locator("tbody tr").AllAsync())
        {
            var cells = await row.Locator("th, td").AllInnerTextsAsync();
            shown[cells[0].Trim()] = (cells[2].Trim(), cells[3].Trim(), cells[4].Trim());
        }
        Assert.Equal(35, shown.Count);
        await page.AssertNoSeriousViolationsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.Locator("section:has(#vergelijking)").GetByRole(AriaRole.Link, new() { Name = "CSV" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        var lines = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(';');
        var rows = lines.Skip(1).Select(l => header.Zip(l.Split(';')).ToDictionary(p => p.First, p => p.Second)).ToList();
        Assert.Equal(shown.Count, rows.Count);
        var dutch = new CultureInfo("nl");
        foreach (var row in rows)
        {
            var (value, numerator, denominator) = shown[row["regiocode"]];
            if (row["kleine_aantallen"].Length > 0)
                Assert.Equal((row["kleine_aantallen"], row["kleine_aantallen"]), (value, numerator));
            else if (row["waarde"].Length == 0)
                Assert.Equal("–", value); // no hbo enrolments counted there: no value
            else
            {
                Assert.Equal(Math.Round(double.Parse(row["waarde"], CultureInfo.InvariantCulture), 1, MidpointRounding.AwayFromZero).ToString("#,0.0", dutch) + "%", value);
                Assert.Equal(double.Parse(row["teller"], CultureInfo.InvariantCulture).ToString("#,0.##", dutch), numerator);
                Assert.Equal(double.Parse(row["noemer"], CultureInfo.InvariantCulture).ToString("#,0.##", dutch), denominator);
            }
        }
    }

    [Fact]
    public async Task A_keyboard_user_picks_a_region_and_shows_a_chart_as_a_table()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/pact/techniekpact/monitor");

        await TabToAsync(page, "#regio");
        // Typing in a closed select chooses the first option that starts with the letters, as a keyboard user would.
        await page.Keyboard.TypeAsync("Zuidwest");
        var code = await page.Locator("#regio").InputValueAsync();
        var name = await page.Locator("#regio option:checked").InnerTextAsync();
        Assert.NotEqual("NL", code);
        Assert.StartsWith("Zuidwest", name);
        await TabToAsync(page, "form.filters button");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("regio=" + code + "$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);

        await TabToAsync(page, "a[href^='/monitor/indicatoren/hbo-aandeel-techniek']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/monitor/indicatoren/hbo-aandeel-techniek\\?regio=" + code));
        await TabToAsync(page, "[data-toggle-table=tabel-reeks]");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#tabel-reeks table")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-toggle-table=tabel-reeks]")).ToHaveAttributeAsync("aria-expanded", "true");
    }

    [Fact]
    public async Task The_embed_shows_map_and_table_and_passes_axe()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/embed/monitor/indicatoren/hbo-aandeel-techniek?indeling=techniekpact-landsdelen");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator("[data-chart=map] svg path").First).ToBeAttachedAsync();
        await Assertions.Expect(page.Locator(".site-header")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
    }

    /// <summary>Presses Tab until the element matching the selector has the focus (at most 150 times).</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => { const e = document.querySelector(s); return e !== null && document.activeElement === e; }", selector))
                return;
        }
        Assert.Fail($"Tab never reached {selector}.");
    }
}
