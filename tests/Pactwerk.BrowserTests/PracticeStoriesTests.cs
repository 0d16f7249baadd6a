using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

/// <summary>Good practices in a real browser: a lead learns from what worked in another landsdeel.</summary>
public sealed class PracticeStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_lead_of_Noord_searches_omscholing_opens_Make_IT_Work_and_follows_a_related_practice_from_another_landsdeel()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("noord@techniekpact.demo");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Praktijken" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Zoeken in praktijken").FillAsync("omscholing");
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("q=omscholing"));
        // "omscholen" in a text counts: the snippet marks the word forms it matched.
        await Assertions.Expect(page.Locator("mark").First).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Make IT Work", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Make IT Work");
        await page.AssertNoSeriousViolationsAsync();

        var related = page.Locator("section[aria-labelledby=elders] li");
        await Assertions.Expect(related.First).ToBeVisibleAsync();
        // Make IT Work is in Amsterdam (Noordwest): what it offers to learn from comes from elsewhere.
        await Assertions.Expect(related.Filter(new() { HasText = "Noordwest" })).ToHaveCountAsync(0);
        var title = await related.First.GetByRole(AriaRole.Link).InnerTextAsync();
        await related.First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(title);
        await page.AssertNoSeriousViolationsAsync();
    }
}
