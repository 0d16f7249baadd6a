using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.BrowserTests;

/// <summary>User stories with accounts, in a real browser.</summary>
public sealed class AccountStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_invites_a_regional_lead_who_sets_a_password_from_the_mail_and_sees_exactly_their_own_edit_rights()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo", Session.DemoPassword);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Uitnodigen" }).ClickAsync();
        await page.GetByLabel("Naam").FillAsync("Nieuwe Trekker Oost");
        await page.GetByLabel("E-mailadres").FillAsync("trekker.oost@example.org");
        await page.GetByLabel("Rol", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Regionale trekker" });
        await page.GetByLabel("Pact (voor coördinatoren en regionale rollen)").SelectOptionAsync(new SelectOptionValue { Label = "Techniekpact" });
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Regio (voor regionale rollen)" }).FillAsync("TP-OOST");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitnodiging versturen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Uitnodiging verstuurd naar trekker.oost@example.org");
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync("/account");
        await page.GetByRole(AriaRole.Button, new() { Name = "Uitloggen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Inloggen" })).ToBeVisibleAsync();

        var mail = Assert.Single(Session.MailTo(browser.App, "trekker.oost@example.org"));
        await page.GotoAsync(Session.LinkIn(mail));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Nieuw wachtwoord (minstens 12 tekens)").FillAsync("oost-is-mijn-landsdeel");
        await page.GetByLabel("Herhaal het wachtwoord").FillAsync("oost-is-mijn-landsdeel");
        await page.GetByRole(AriaRole.Button, new() { Name = "Wachtwoord opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Je wachtwoord is ingesteld");

        await page.SignInAsync("trekker.oost@example.org", "oost-is-mijn-landsdeel");
        await Assertions.Expect(page.Locator("#rollen + ul > li")).ToHaveTextAsync(["Regionale trekker · techniekpact · TP-OOST"]);
        // The Techniekpact actions whose region lies wholly in Overijssel or Gelderland, and no others.
        var expected = await browser.App.InDbAsync(db => db.PactActions
            .Where(a => a.Slug == "overijsselse-techniekuitdaging" || a.Slug == "levenlang-gelders-vakmanschap" || a.Slug == "acht-regionale-pacts-oost")
            .OrderBy(a => a.Title).Select(a => a.Title).ToListAsync());
        Assert.Equal(3, expected.Count);
        await Assertions.Expect(page.Locator(".editable-actions > li > a")).ToHaveTextAsync(expected.ToArray());
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Initiatieven" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Bewerken") })).ToHaveCountAsync(3);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Logboek" })).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Bewerken") }).First.ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Begint op").FillAsync("2019-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.Locator("dd").Filter(new() { HasText = "2019" }).First).ToContainTextAsync("1 januari 2019");
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_coordinator_reads_the_audit_log()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@zorgpact.demo", Session.DemoPassword);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Logboek" }).ClickAsync();
        await page.GetByLabel("Soort gegeven").SelectOptionAsync(new SelectOptionValue { Value = "Pact" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync("1 regel gevonden");
        await page.AssertNoSeriousViolationsAsync();
    }
}
