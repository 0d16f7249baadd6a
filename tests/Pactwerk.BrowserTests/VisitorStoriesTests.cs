using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>User stories of a visitor without an account, in a real browser.</summary>
public sealed class VisitorStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_visitor_switches_to_English_and_finds_landsdeel_Oost_with_its_provinces_and_76_municipalities()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "nl");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("samen werken aan de arbeidsmarkt");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("working together on the labour market");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Table, new() { Name = "Landsdelen of the Techniekpact and their leads" })
            .GetByRole(AriaRole.Link, new() { Name = "Oost", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/regio/TP-OOST$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Oost");
        await Assertions.Expect(page.GetByText("76 municipalities")).ToBeVisibleAsync();
        var provinces = page.GetByRole(AriaRole.Table, new() { Name = "Regions in Provinces that share municipalities with Oost" });
        await Assertions.Expect(provinces.GetByRole(AriaRole.Row)).ToHaveCountAsync(3); // header + Overijssel + Gelderland
        await Assertions.Expect(provinces.GetByRole(AriaRole.Link, new() { Name = "Overijssel" })).ToBeVisibleAsync();
        await Assertions.Expect(provinces.GetByRole(AriaRole.Link, new() { Name = "Gelderland" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#gemeenten + ul > li")).ToHaveCountAsync(76);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_keyboard_user_can_skip_to_the_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/regio-indelingen");

        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Naar de inhoud" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("#inhoud$"));
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task An_unknown_region_shows_an_accessible_not_found_page()
    {
        var page = await browser.NewPageAsync();

        var response = await page.GotoAsync("/regio/GM9999");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Pagina niet gevonden");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task The_pages_work_on_a_phone_sized_screen()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress, ViewportSize = new ViewportSize { Width = 375, Height = 740 }, IsMobile = true,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/regio/TP-OOST");

        var scrollWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 375, $"The page is {scrollWidth}px wide on a 375px screen.");
        await page.AssertNoSeriousViolationsAsync();
    }
}
