using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Knowledge;

namespace Pactwerk.BrowserTests;

/// <summary>An organiser runs an event (registrants, export, waiting list, cancellation); an administrator finds who holds which rights.</summary>
public sealed class EventAndPeopleStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_organiser_exports_the_registrants_and_a_registrant_cancels_through_the_link_so_the_next_on_the_waiting_list_moves_up()
    {
        var app = browser.App;
        var e = new Event
        {
            PactId = await app.InDbAsync(db => db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync()),
            Title = "Praktijkmiddag (browser)", IsPublic = true, Kind = EventKind.Event, Place = "Zwolle", Capacity = 1,
            StartsAt = DateTime.UtcNow.AddDays(30), EndsAt = DateTime.UtcNow.AddDays(30).AddHours(3),
        };
        await app.InDbAsync(db => { db.Events.Add(e); return db.SaveChangesAsync(); });

        // Two visitors register for the one place: the first gets it, the second goes onto the waiting list.
        var first = await browser.NewPageAsync();
        await first.GotoAsync($"/evenementen/{e.Id}");
        await first.AssertNoSeriousViolationsAsync();
        await first.GetByLabel("Naam").FillAsync("Fleur Jansen");
        await first.GetByLabel("E-mailadres").FillAsync("fleur@example.org");
        await first.GetByRole(AriaRole.Button, new() { Name = "Aanmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Je bent aangemeld");
        var second = await browser.NewPageAsync();
        await second.GotoAsync($"/evenementen/{e.Id}");
        await second.GetByLabel("Naam").FillAsync("Gijs de Boer");
        await second.GetByLabel("E-mailadres").FillAsync("gijs@example.org");
        await second.GetByRole(AriaRole.Button, new() { Name = "Op de wachtlijst" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status)).ToContainTextAsync("je staat op de wachtlijst");
        await second.AssertNoSeriousViolationsAsync();

        // The organiser sees both and downloads the list.
        var organiser = await browser.NewPageAsync();
        await organiser.SignInAsync("coordinator@techniekpact.demo");
        await organiser.GotoAsync($"/evenementen/{e.Id}");
        var table = organiser.GetByRole(AriaRole.Table, new() { Name = "1 met een plaats, 1 op de wachtlijst" });
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Fleur Jansen" })).ToContainTextAsync("1");
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "Gijs de Boer" })).ToContainTextAsync("wachtlijst 1");
        await organiser.AssertNoSeriousViolationsAsync();
        var download = await organiser.RunAndWaitForDownloadAsync(() =>
            organiser.GetByRole(AriaRole.Link, new() { Name = "Aanmeldingen downloaden (CSV)" }).ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("aangemeld;1;;Fleur Jansen;fleur@example.org;", lines[1]);
        Assert.StartsWith("wachtlijst;;1;Gijs de Boer;gijs@example.org;", lines[2]);

        // Fleur cancels through the link in her confirmation mail, without an account.
        var mail = (await Session.MailToAsync(app, "fleur@example.org")).Single();
        Assert.Contains(mail.Attachments, a => a.ContentType.MimeType == "text/calendar");
        await first.GotoAsync(Session.LinkIn(mail));
        await first.AssertNoSeriousViolationsAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Ja, afmelden" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToContainTextAsync("Je bent afgemeld voor Praktijkmiddag (browser)");
        await first.AssertNoSeriousViolationsAsync();

        // Gijs moves up into the place and hears it by mail.
        await organiser.ReloadAsync();
        var after = organiser.GetByRole(AriaRole.Table, new() { Name = "1 met een plaats, 0 op de wachtlijst" });
        await Assertions.Expect(after.GetByRole(AriaRole.Row).Filter(new() { HasText = "Gijs de Boer" })).ToContainTextAsync("van de wachtlijst op");
        var moved = await Session.MailToAsync(app, "gijs@example.org", 2);
        Assert.StartsWith("Er is een plaats voor je", moved[1].Subject);
    }

    [Fact]
    public async Task The_events_page_and_its_archive_fit_a_phone()
    {
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        foreach (var path in new[] { "/evenementen", "/evenementen/archief" })
        {
            await page.GotoAsync(path);
            await page.AssertNoSeriousViolationsAsync();
            // Nothing wider than the screen: the table scrolls inside itself.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), $"{path} is wider than 390 px");
        }
    }

    [Fact]
    public async Task An_administrator_finds_who_may_edit_the_actions_of_Oost()
    {
        var admin = await browser.NewPageAsync();
        await admin.SignInAsync("beheerder@pactwerk.demo");
        await admin.GotoAsync("/beheer/mensen");
        await admin.AssertNoSeriousViolationsAsync();
        await admin.GetByLabel("Pact").SelectOptionAsync(new SelectOptionValue { Label = "Techniekpact" });
        await admin.GetByLabel("Mag wijzigen in regio (regiocode, bijvoorbeeld TP-OOST)").FillAsync("TP-OOST");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Filteren" }).ClickAsync();
        var table = admin.GetByRole(AriaRole.Table);
        await Assertions.Expect(table.Locator("caption")).ToContainTextAsync("mag wijzigen in");
        // The landsdeel lead of Oost and the pact's coordinator may; the lead of Noord may not.
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "oost@techniekpact.demo" })).ToHaveCountAsync(1);
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "coordinator@techniekpact.demo" })).ToHaveCountAsync(1);
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "noord@techniekpact.demo" })).ToHaveCountAsync(0);
        await Assertions.Expect(table.GetByRole(AriaRole.Row).Filter(new() { HasText = "coordinator@zorgpact.demo" })).ToHaveCountAsync(0);
        await admin.AssertNoSeriousViolationsAsync();
    }
}
