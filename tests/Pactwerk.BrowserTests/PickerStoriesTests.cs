using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>The pickers in a real browser: chosen with the keyboard alone, announced, and accessible with the list open.</summary>
public sealed class PickerStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_picks_a_region_and_a_partner_with_the_keyboard_saves_the_action_and_sees_them()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");
        await page.GotoAsync("/initiatieven/nieuw?pact=techniekpact");
        await page.GetByLabel("Titel").FillAsync("Noordelijke techniekroute");
        await page.GetByLabel("Beschrijving").FillAsync("Leerlingen uit het noorden lopen mee bij technische bedrijven.");

        // The region: type "gron", the list opens and says how many it found, ArrowDown, Enter.
        var regions = page.GetByRole(AriaRole.Combobox, new() { Name = "Regio's" });
        await regions.FocusAsync();
        await page.Keyboard.TypeAsync("gron");
        var regionList = page.Locator("#Input_Regions-listbox");
        await Assertions.Expect(regionList).ToBeVisibleAsync();
        await Assertions.Expect(regions).ToHaveAttributeAsync("aria-expanded", "true");
        // The live region says how many options the list shows.
        var announced = page.Locator(".picker", new() { Has = page.Locator("#Input_Regions") }).Locator(".picker-status");
        await Assertions.Expect(announced).ToHaveTextAsync(new Regex("^[0-9]+ resultaten$"));
        var count = int.Parse((await announced.TextContentAsync())!.Split(' ')[0]);
        await Assertions.Expect(regionList.GetByRole(AriaRole.Option)).ToHaveCountAsync(count);
        Assert.True(count > 1);
        // axe with the listbox open: the combobox, its listbox and options must be valid ARIA.
        await page.AssertNoSeriousViolationsAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        var first = regionList.GetByRole(AriaRole.Option).First;
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(regions).ToHaveAttributeAsync("aria-activedescendant", (await first.GetAttributeAsync("id"))!);
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(regionList).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Groningen verwijderen" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("input[type=hidden][name=RegionCodes]")).ToHaveValueAsync("PV20");

        // The first partner: the same keys; Escape first closes a list without choosing.
        var partner = page.GetByRole(AriaRole.Combobox, new() { Name = "Partner 1", Exact = true });
        await partner.FocusAsync();
        await page.Keyboard.TypeAsync("gron");
        var partnerList = page.Locator("#Input_Partners_0_OrganisationId-listbox");
        await Assertions.Expect(partnerList).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(partnerList).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(partnerList).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(partnerList).ToBeHiddenAsync();
        var organisation = await partner.InputValueAsync();
        Assert.Contains("Groningen", organisation);

        await page.GetByLabel("Rol van partner 1").FillAsync("stageplaatsen");

        // On to the save button and press Enter: no mouse anywhere.
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Noordelijke techniekroute");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/initiatieven/[0-9]+$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Groningen", Exact = true })).ToHaveAttributeAsync("href", "/regio/PV20");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = organisation, Exact = true })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }
}
