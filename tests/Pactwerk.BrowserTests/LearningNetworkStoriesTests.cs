using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;

namespace Pactwerk.BrowserTests;

/// <summary>The learning network's confidential cases in a real browser.</summary>
public sealed class LearningNetworkStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_member_adds_a_case_that_a_coordinator_outside_the_network_cannot_find()
    {
        var network = await browser.App.InDbAsync(db => db.LearningNetworks.Where(n => n.Name == DemoEventsAndLearningNetworks.NetworkName).Select(n => n.Id).SingleAsync());
        var member = await browser.NewPageAsync();
        await member.SignInAsync(DemoEventsAndLearningNetworks.NetworkMemberEmail);
        await member.GotoAsync($"/lerende-netwerken/{network}");
        await member.AssertNoSeriousViolationsAsync();
        await member.GetByRole(AriaRole.Link, new() { Name = "Casus inbrengen" }).ClickAsync();
        await member.AssertNoSeriousViolationsAsync();
        await member.GetByLabel("Korte beschrijving").FillAsync("Wachtlijst voor zij-instromers in de wijkverpleging");
        await member.GetByLabel("Vraag aan de groep").FillAsync("Hoe houden we zij-instromers vast terwijl ze op een opleidingsplek wachten?");
        await member.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(member.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Wachtlijst voor zij-instromers in de wijkverpleging");
        await member.AssertNoSeriousViolationsAsync();
        var caseAddress = new Uri(member.Url).PathAndQuery;

        var coordinator = await browser.NewPageAsync();
        await coordinator.SignInAsync("coordinator@zorgpact.demo");
        await coordinator.GotoAsync($"/lerende-netwerken/{network}");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DemoEventsAndLearningNetworks.NetworkName);
        await Assertions.Expect(coordinator.GetByText("Wachtlijst voor zij-instromers")).ToHaveCountAsync(0);
        await coordinator.AssertNoSeriousViolationsAsync();

        // Search does not find it either: the site's search holds published practices, never cases.
        await coordinator.GotoAsync("/praktijken");
        await coordinator.GetByLabel("Zoeken in praktijken").FillAsync("wachtlijst zij-instromers wijkverpleging");
        await coordinator.GetByLabel("Zoeken in praktijken").PressAsync("Enter");
        await Assertions.Expect(coordinator.GetByRole(AriaRole.Heading, new() { Name = "0 praktijken" })).ToBeVisibleAsync();
        await Assertions.Expect(coordinator.GetByText("Wachtlijst voor zij-instromers")).ToHaveCountAsync(0);
        await coordinator.AssertNoSeriousViolationsAsync();

        var refused = await coordinator.GotoAsync(caseAddress);
        Assert.Equal(404, refused!.Status);
        await Assertions.Expect(coordinator.GetByText("Wachtlijst voor zij-instromers")).ToHaveCountAsync(0);
        await coordinator.AssertNoSeriousViolationsAsync();
        Assert.True(await browser.App.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "CaseAccessRefused" && a.Actor == "Coördinator Zorgpact (demo)")));
    }

    [Fact]
    public async Task A_visitor_finds_the_college_tour_in_the_events_and_registers()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/evenementen");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Regio", Exact = true }).FillAsync("TP-OOST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).Locator("tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Regio TP-OOST (.ics)" })).ToHaveAttributeAsync("href", "/api/v1/regions/TP-OOST/calendar.ics");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Techniekpact Collegetours met André Kuipers" }).ClickAsync();
        await page.GetByLabel("Naam").FillAsync("Sanne de Vries");
        await page.GetByLabel("E-mailadres").FillAsync("sanne@example");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("geldig e-mailadres");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("E-mailadres").FillAsync("sanne@example.org");
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Aanmelden" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Je bent aangemeld. Je krijgt een bevestiging per mail");
        await page.AssertNoSeriousViolationsAsync();
        Assert.Equal(1, await browser.App.InDbAsync(db => db.EventRegistrations.CountAsync(r => r.Email == "sanne@example.org")));
    }
}
