using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Network;

namespace Pactwerk.BrowserTests;

/// <summary>The network directory in a real browser.</summary>
public sealed class NetworkStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_coordinator_filters_the_directory_to_business_partners_in_Oost_opens_one_and_finds_its_contact()
    {
        // The publication names no company in Oost, so the story brings its own: a machine builder in
        // Enschede with a contact person, as a coordinator would have entered them.
        await browser.App.InDbAsync(async db =>
        {
            var enschede = db.Regions.Single(r => r.Code == "GM0153");
            var pact = db.Pacts.Single(p => p.Code == "techniekpact");
            var company = new Organisation { Name = "Twentse Machinefabriek", Helix = Helix.Business, Kind = OrganisationKind.Company, Municipality = enschede, Sectors = ["technology"] };
            var contact = new Person { Name = "Marleen Smit", JobTitle = "HR-manager", Email = "m.smit@example.org", Phone = "+31 53 123 4567", Organisation = company };
            contact.Roles.Add(new PactRole { PactId = pact.Id, Kind = PactRoleKind.OrganisationContact, Organisation = company, ValidFrom = new DateOnly(2019, 1, 1) });
            db.People.Add(contact);
            db.PactSignatories.Add(new PactSignatory { PactId = pact.Id, Organisation = company, SignedOn = new DateOnly(2019, 1, 1), Commitment = "Twintig stageplaatsen per jaar." });
            return await db.SaveChangesAsync();
        });
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Hoofdmenu" }).GetByRole(AriaRole.Link, new() { Name = "Organisaties" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Regio").SelectOptionAsync(new SelectOptionValue { Value = "TP-OOST" });
        await page.GetByLabel("Helix").SelectOptionAsync(new SelectOptionValue { Label = "bedrijfsleven" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Zoeken" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("region=TP-OOST"));
        var rows = page.GetByRole(AriaRole.Table).Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.First).ToContainTextAsync("Enschede");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Twentse Machinefabriek" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Twentse Machinefabriek");
        await Assertions.Expect(page.GetByRole(AriaRole.Table, new() { Name = "Rollen in de pacts, ook eerdere" })).ToContainTextAsync("contactpersoon");
        await page.AssertNoSeriousViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Marleen Smit" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "m.smit@example.org" })).ToHaveAttributeAsync("href", "mailto:m.smit@example.org");
        await Assertions.Expect(page.GetByText("+31 53 123 4567")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_visitor_reads_the_helix_balance_per_province_as_a_chart_and_a_table()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/pact/techniekpact/netwerk");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Helixbalans per regio" }).ClickAsync();
        await page.GetByLabel("Regio-indeling").SelectOptionAsync(new SelectOptionValue { Value = "provincies" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tonen" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Table).Locator("tbody tr")).ToHaveCountAsync(12);
        await Assertions.Expect(page.Locator("figure svg rect").First).ToBeAttachedAsync();
        await page.AssertNoSeriousViolationsAsync();
    }

    [Fact]
    public async Task A_coordinator_adds_a_person_and_makes_them_the_contact_of_an_organisation()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@zorgpact.demo");

        await page.GotoAsync("/organisaties?q=siza");
        await page.GetByRole(AriaRole.Link, new() { Name = "Siza" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Persoon toevoegen" }).ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Naam").FillAsync("Jolien Verpleegkundige");
        await page.GetByLabel("E-mail").FillAsync("jolien@example.org");
        await page.GetByLabel("Telefoon").FillAsync("bel me maar");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("telefoonnummer");
        await Assertions.Expect(page.GetByLabel("Telefoon")).ToHaveAttributeAsync("aria-describedby", "fout-Phone");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Telefoon").FillAsync("+31 26 123 4567");
        await page.GetByRole(AriaRole.Button, new() { Name = "Opslaan" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Jolien Verpleegkundige");

        await page.GotoAsync("/pact/zorgpact/netwerk");
        await page.GetByText("Rol toekennen", new() { Exact = true }).First.ClickAsync();
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Persoon", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Jolien Verpleegkundige" });
        await page.GetByLabel("Rol", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "contactpersoon" });
        // The organisation is a search-as-you-type picker: type, then choose the option.
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Organisatie (voor een contactpersoon)" }).FillAsync("Siza");
        await page.Locator("#Role_OrganisationId-listbox").GetByRole(AriaRole.Option).Filter(new() { HasText = "Siza" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Rol toekennen" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Opgeslagen.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Jolien Verpleegkundige" })).ToContainTextAsync("Siza");
        await page.AssertNoSeriousViolationsAsync();
    }
}
