using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>
/// A coordinator writes the chapter text of an objective, publishes the edition, reads it as a publication with charts,
/// and prints it: on paper the navigation is gone and every chapter starts on a new page.
/// </summary>
public sealed class EditionPublicationStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_publishes_an_edition_with_a_text_per_objective_reads_it_with_charts_and_prints_it()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");
        await page.GotoAsync("/pact/techniekpact/monitor/edities");
        var form = page.Locator("#publiceer-formulier");
        await form.GetByLabel("Jaar").FillAsync("2038");
        await form.GetByLabel("Titel").FillAsync("Monitor Techniekpact 2038");
        var objective = form.Locator("textarea[name^='Input.ObjectiveTexts']").First;
        var objectiveLabel = (await form.Locator($"label[for='{await objective.GetAttributeAsync("id")}']").TextContentAsync())!.Trim();
        await objective.FillAsync("Meer studenten kozen techniek.");
        await page.AssertNoSeriousViolationsAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Publiceren" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pact/techniekpact/monitor/edities/2038$"), new() { Timeout = 60_000 });
        var chapter = page.Locator("section.edition-chapter").Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = objectiveLabel }) });
        await Assertions.Expect(chapter).ToHaveCountAsync(1);
        await Assertions.Expect(chapter.Locator(".edition-text")).ToHaveTextAsync("Meer studenten kozen techniek.");
        // The monitor's chart script drew each indicator's line chart and map from the indicator's own data block.
        var indicator = page.Locator("section.edition-indicator").First;
        await Assertions.Expect(indicator.Locator("[data-chart='series'] svg")).ToBeVisibleAsync();
        await Assertions.Expect(indicator.Locator("[data-chart='map'] svg")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" })).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".site-footer")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("nav.edition-toc")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Tonen" })).ToBeHiddenAsync();
        await Assertions.Expect(chapter.Locator(".edition-text")).ToBeVisibleAsync();
        Assert.Equal("page", await chapter.EvaluateAsync<string>("e => getComputedStyle(e).breakBefore"));
        Assert.Equal("avoid", await indicator.Locator("table").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        Assert.Equal("avoid", await indicator.Locator("figure").First.EvaluateAsync<string>("e => getComputedStyle(e).breakInside"));
        await page.AssertNoSeriousViolationsAsync();
    }
}
