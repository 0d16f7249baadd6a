using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>A coordinator defines an indicator in the UI, checks its preview, saves it and makes a new version.</summary>
public sealed class IndicatorDefinitionStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_creates_an_indicator_sees_the_preview_saves_it_and_makes_a_new_version()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");
        await page.GotoAsync("/");
        // From the monitor, where a coordinator finds the way to define indicators.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Monitor", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Indicatoren beheren: nieuwe indicator of nieuwe versie" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Indicatoren beheren");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Nieuwe indicator" }).ClickAsync();
        await page.GetByLabel("Naam (Nederlands)").FillAsync("Vrouwen in het technisch hbo");
        await page.GetByLabel("Naam (Engels)").FillAsync("Women in technical higher education");
        await page.GetByLabel("Eenheid (zoals %, aantal)").FillAsync("aantal");
        await page.GetByLabel("Gegevenselement van de teller").SelectOptionAsync("hbo-ingeschrevenen");
        await page.GetByLabel("Beschrijving in gewone taal (Nederlands)").FillAsync("Vrouwen ingeschreven in een technische hbo-opleiding.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();

        // The preview offers the element's dimensions; the coordinator narrows the numerator and looks again.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Voorbeeld: wat deze definitie berekent" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Code (leeg: afgeleid van de naam)")).ToHaveValueAsync("vrouwen-in-het-technisch-hbo");
        await page.GetByLabel("Teller: alleen deze waarden van ONDERDEEL (niets gekozen: alle)").SelectOptionAsync("techniek");
        await page.GetByLabel("Teller: alleen deze waarden van GESLACHT (niets gekozen: alle)").SelectOptionAsync("vrouw");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorbeeld tonen" }).ClickAsync();
        var preview = page.Locator("#voorbeeld-resultaat tbody tr");
        await Assertions.Expect(preview.First).ToBeVisibleAsync();
        Assert.True(await preview.CountAsync() > 0);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Indicator opslaan" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/beheer/indicatoren/vrouwen-in-het-technisch-hbo\\?opgeslagen=true$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Versie 1 · huidig" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByLabel("Vermenigvuldiger (1 voor een aantal, 100 voor een percentage)").FillAsync("0,001");
        await page.GetByLabel("Geldt vanaf (periode, zoals 2024 of 2024/2025)").FillAsync("2024");
        await page.GetByLabel("Reden voor de nieuwe versie").FillAsync("In duizendtallen, zoals in de jaarrapportage.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nieuwe versie opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Versie 2 · huidig" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("In duizendtallen, zoals in de jaarrapportage.")).ToBeVisibleAsync();
        var change = page.GetByRole(AriaRole.Row, new() { Name = "Vermenigvuldiger" });
        await Assertions.Expect(change).ToContainTextAsync("1");
        await Assertions.Expect(change).ToContainTextAsync("0,001");
        await page.AssertNoSeriousViolationsAsync();
    }
}
