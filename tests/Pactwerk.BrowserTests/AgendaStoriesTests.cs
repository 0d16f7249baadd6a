using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

/// <summary>The agenda in a real browser: a landsdeel lead works on the regional plan and an action; the coordinator follows it.</summary>
public sealed class AgendaStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_lead_of_Oost_proposes_the_next_revision_adds_an_action_with_a_subsidy_ending_soon_and_the_coordinator_sees_it_in_the_audit_trail()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("oost@techniekpact.demo");

        // From the annual review of the regional plan to a proposed next revision.
        await page.GotoAsync("/pact/techniekpact/plannen");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Regionale agenda Techniekpact Oost (demo)" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Jaarbeoordeling" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Jaarbeoordeling");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Volgende herziening voorbereiden" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/herzieningen/2$"));
        await Assertions.Expect(page.Locator(".meta .badge")).ToHaveTextAsync("concept");
        await page.AssertNoSeriousViolationsAsync();
        // A copy that changes nothing is not proposed: the lead adds a priority and says why.
        var priorities = page.Locator("#PrioritiesText");
        await priorities.FillAsync(await priorities.InputValueAsync() + "\nBehoud van techniekdocenten");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await page.Locator("#reason-0").FillAsync("Uit de jaarbeoordeling: docenten techniek vallen uit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/herzieningen/2\\?opgeslagen=true$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Voorstellen ter vaststelling" }).ClickAsync();
        await Assertions.Expect(page.Locator(".meta .badge")).ToHaveTextAsync("voorgesteld");
        await page.AssertNoSeriousViolationsAsync();

        // A new action in Enschede whose only subsidy ends in six months, without follow-up funding.
        var today = DateOnly.FromDateTime(DateTime.Today);
        await page.GotoAsync("/initiatieven/nieuw?pact=techniekpact");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Titel").FillAsync("Twente Techniek Werkt");
        await page.GetByLabel("Beschrijving").FillAsync("Omscholing van werkzoekenden naar de maakindustrie in Twente, met stages bij bedrijven.");
        await page.GetByLabel("Soort").SelectOptionAsync(new SelectOptionValue { Value = "TrainingProgramme" });
        await page.GetByLabel("Status").SelectOptionAsync(new SelectOptionValue { Value = "Running" });
        // A code typed in the region picker and not picked from its list is sent as typed, as without script.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Regio's" }).FillAsync("GM0153");
        await page.GetByLabel("Begint op").FillAsync(today.AddMonths(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Twente Techniek Werkt");
        await Assertions.Expect(page.Locator("#continuiteitsrisico")).ToHaveCountAsync(0);

        var funding = page.Locator("#financiering-formulier");
        await funding.GetByLabel("Financier").FillAsync("Provincie Overijssel");
        await funding.GetByLabel("Bedrag in euro's").FillAsync("250000");
        await funding.GetByLabel("Van").FillAsync(today.AddMonths(-6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await funding.GetByLabel("Tot en met").FillAsync(today.AddMonths(6).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await funding.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.Locator("#continuiteitsrisico")).ToContainTextAsync("Continuïteitsrisico: de financiering van Provincie Overijssel loopt af");
        await page.AssertNoSeriousViolationsAsync();

        // The pact coordinator finds both changes of the lead in the audit trail.
        var coordinator = await browser.NewPageAsync();
        await coordinator.SignInAsync("coordinator@techniekpact.demo");
        await coordinator.GotoAsync("/beheer/audit?entityType=FundingSource");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Eddy van Hijum (demo)" }).Filter(new() { HasText = "Provincie Overijssel" }))
            .ToHaveCountAsync(1);
        await coordinator.AssertNoSeriousViolationsAsync();
        await coordinator.GotoAsync("/beheer/audit?entityType=PlanRevision");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Eddy van Hijum (demo)" }).Filter(new() { HasText = "Proposed" }).First)
            .ToBeVisibleAsync();
        await coordinator.GotoAsync("/beheer/audit?entityType=PactAction");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Row).Filter(new() { HasText = "Twente Techniek Werkt" })).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task The_objectives_read_with_their_number_once()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/pact/techniekpact/doelen");
        var first = page.Locator("ol.cards > li").First;
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync(new Regex(@"^1\. \S"));
        // The heading carries the number, so the list must not draw a marker "1." in front of it.
        Assert.Equal("none", await first.EvaluateAsync<string>("li => getComputedStyle(li).listStyleType"));
        await page.AssertNoSeriousViolationsAsync();
    }
}
