using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Network;

namespace Pactwerk.BrowserTests;

/// <summary>A change to a shared record, proposed by another pact and accepted by the owner, in a real browser.</summary>
public sealed class ProposalStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task The_Zorgpact_proposes_a_new_website_for_a_Techniekpact_partner_and_the_Techniekpact_accepts_it()
    {
        // The Hogeschool van Amsterdam signed the Techniekpact first; the Zorgpact signs it too.
        var id = await browser.App.InDbAsync(async db =>
        {
            var hva = await db.Organisations.SingleAsync(o => o.Name == "Hogeschool van Amsterdam");
            db.PactSignatories.Add(new PactSignatory { PactId = db.Pacts.Single(p => p.Code == "zorgpact").Id, OrganisationId = hva.Id, SignedOn = new DateOnly(2024, 1, 1), Commitment = "Opleiden voor de zorg." });
            await db.SaveChangesAsync();
            return hva.Id;
        });
        var zorg = await browser.NewPageAsync();
        await zorg.SignInAsync("coordinator@zorgpact.demo");

        await zorg.GotoAsync($"/organisaties/{id}");
        await zorg.GetByRole(AriaRole.Link, new() { Name = "Wijziging voorstellen" }).ClickAsync();
        await zorg.AssertNoSeriousViolationsAsync();
        await zorg.GetByLabel("Website").FillAsync("https://www.hva.nl/zorg");
        await zorg.GetByLabel("Toelichting voor de eigenaar (niet verplicht)").FillAsync("Nieuwe pagina voor de zorgopleidingen.");
        await zorg.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Wijziging voorstellen" }).ClickAsync();

        await Assertions.Expect(zorg).ToHaveURLAsync(new Regex("/voorstellen$"));
        await Assertions.Expect(zorg.GetByRole(AriaRole.Region, new() { Name = "Mijn voorstellen" })).ToContainTextAsync("Wacht op de eigenaar");
        await zorg.AssertNoSeriousViolationsAsync();

        var techniek = await browser.NewPageAsync();
        await techniek.SignInAsync("coordinator@techniekpact.demo");
        await techniek.GotoAsync("/voorstellen");
        var proposal = techniek.GetByRole(AriaRole.Article).Filter(new() { HasText = "Hogeschool van Amsterdam" });
        await Assertions.Expect(proposal.GetByRole(AriaRole.Table)).ToContainTextAsync("https://www.hva.nl/zorg");
        await techniek.AssertNoSeriousViolationsAsync();
        await proposal.GetByRole(AriaRole.Button, new() { Name = "Aanvaarden en doorvoeren" }).ClickAsync();

        await Assertions.Expect(techniek.GetByRole(AriaRole.Status)).ToContainTextAsync("Het voorstel is aanvaard en doorgevoerd.");
        await techniek.AssertNoSeriousViolationsAsync();
        Assert.Equal("https://www.hva.nl/zorg", await browser.App.InDbAsync(db => db.Organisations.Where(o => o.Id == id).Select(o => o.Website).SingleAsync()));
    }
}
