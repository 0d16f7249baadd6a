using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>The homes of a region and a pact, and the main menu on a phone and on a laptop, in a real browser.</summary>
public sealed class HomeStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> PageAsync(int width, int height, bool javaScript = true)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = browser.BaseAddress, Locale = "nl-NL", ViewportSize = new ViewportSize { Width = width, Height = height }, JavaScriptEnabled = javaScript,
        });
        return await context.NewPageAsync();
    }

    private static ILocator Menu(IPage page) => page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" });

    [Fact]
    public async Task The_lead_of_Oost_opens_the_home_of_Oost_and_follows_an_action_and_a_practice()
    {
        var page = await PageAsync(1280, 900);
        await page.SignInAsync("oost@techniekpact.demo");

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Table, new() { Name = "Landsdelen van het Techniekpact en hun trekkers" })
            .GetByRole(AriaRole.Link, new() { Name = "Oost", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/regio/TP-OOST$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Oost");
        await Assertions.Expect(page.Locator("#trekkers ~ ul").First).ToContainTextAsync("Eddy van Hijum");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Register van publiek-private samenwerkingen in Oost" })).ToBeVisibleAsync();
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Regio's" })).ToHaveAttributeAsync("aria-current", "page");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Acht regionale pacts in Oost" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/initiatieven/\\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Acht regionale pacts in Oost");
        await page.AssertNoSeriousViolationsAsync();

        await page.GoBackAsync();
        var practice = page.Locator("section[aria-labelledby=praktijken] li > a").First;
        var title = (await practice.TextContentAsync())!.Trim();
        await practice.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/praktijken/\\d+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task On_a_phone_the_menu_opens_with_its_button_from_the_keyboard_and_marks_the_section_of_the_page()
    {
        var page = await PageAsync(390, 844);
        await page.GotoAsync("/pact/techniekpact");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Techniekpact");
        var button = Menu(page).GetByRole(AriaRole.Button, new() { Name = "Menu" });
        await Assertions.Expect(button).ToBeVisibleAsync();
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Monitor", Exact = true })).ToBeHiddenAsync();
        await page.AssertNoSeriousViolationsAsync();

        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Home" })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Organisaties" })).Not.ToHaveAttributeAsync("aria-current", "page");
        await page.AssertNoSeriousViolationsAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(button).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(button).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Space");
        await Menu(page).GetByRole(AriaRole.Link, new() { Name = "Monitor", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/monitor$"));
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The page is {width} px wide at 390 px.");
    }

    [Fact]
    public async Task Without_script_the_menu_is_simply_shown_on_a_phone()
    {
        var page = await PageAsync(390, 844, javaScript: false);
        await page.GotoAsync("/pact/techniekpact");
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Monitor", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_coordinators_menu_fits_on_one_line_at_1280_px_and_a_pact_monitor_page_marks_Monitor()
    {
        var page = await PageAsync(1280, 800);
        await page.SignInAsync("coordinator@techniekpact.demo");
        await page.GotoAsync("/pact/techniekpact/monitor");

        var links = Menu(page).GetByRole(AriaRole.Link);
        await Assertions.Expect(links).ToHaveCountAsync(10);
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Button, new() { Name = "Menu" })).ToBeHiddenAsync();
        var tops = await links.EvaluateAllAsync<double[]>("links => links.map(l => l.getBoundingClientRect().top)");
        Assert.Single(tops.Distinct());
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Monitor", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Assertions.Expect(Menu(page).GetByRole(AriaRole.Link, new() { Name = "Organisaties" })).Not.ToHaveAttributeAsync("aria-current", "page");
        await page.AssertNoSeriousViolationsAsync();
    }
}
