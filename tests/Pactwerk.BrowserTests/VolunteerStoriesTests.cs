using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;

namespace Pactwerk.BrowserTests;

/// <summary>A volunteer signs up for a shift of the demo's Techniek Driedaagse on a phone, confirms the address from the mail and sees the shift; the coordinator sees them on the roster.</summary>
public sealed class VolunteerStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_volunteer_signs_up_for_a_shift_on_a_phone_and_the_coordinator_sees_them_on_the_roster()
    {
        // The demo's days are in 2018, and a shift whose day is over takes nobody: the shift's day moves to 2030.
        var shift = await browser.App.InDbAsync(async db =>
        {
            var first = await db.VolunteerShifts.Where(s => db.WorkshopDayEvents.Any(e => e.Id == s.EventId && e.Slug == DemoWorkshopDays.Slug))
                .OrderBy(s => s.Id).Select(s => new { s.Id, s.Task, s.DayId }).FirstAsync();
            await db.EventDays.Where(d => d.Id == first.DayId).ExecuteUpdateAsync(u => u.SetProperty(d => d.Date, new DateOnly(2030, 11, 6)));
            return first;
        });
        var page = await browser.NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);

        await page.GotoAsync($"/workshopdagen/{DemoWorkshopDays.Slug}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Helpen als vrijwilliger", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/workshopdagen/{DemoWorkshopDays.Slug}/vrijwilligers$"));
        await page.AssertNoSeriousViolationsAsync();
        await AssertFitsAsync(page, "the volunteers' page");

        await page.GetByLabel("Dienst").SelectOptionAsync(shift.Id.ToString());
        await page.GetByLabel("Je naam").FillAsync("Sanne Bakker");
        await page.GetByLabel("Je e-mailadres").FillAsync("sanne@vrijwilliger.example");
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanmelden als vrijwilliger", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#aangemeld")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();
        await AssertFitsAsync(page, "the volunteers' page after signing up");

        var mail = (await Pactwerk.Tests.Infrastructure.Session.MailToAsync(browser.App, "sanne@vrijwilliger.example"))[0];
        var links = Regex.Matches(mail.HtmlBody!, "href=\"([^\"]+)\"").Select(m => new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)).PathAndQuery).ToList();
        await page.GotoAsync(links.Single(l => l.StartsWith("/workshopdagen/vrijwilliger-bevestigen")));
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ja, dit is mijn e-mailadres", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#gedaan")).ToBeVisibleAsync();
        await page.AssertNoSeriousViolationsAsync();

        await page.GotoAsync(links.Single(l => l.StartsWith("/workshopdagen/mijn-diensten")));
        await Assertions.Expect(page.Locator("#diensten")).ToContainTextAsync(shift.Task);
        await page.AssertNoSeriousViolationsAsync();
        await AssertFitsAsync(page, "the volunteer's shifts");

        var coordinator = await browser.NewPageAsync();
        await coordinator.SignInAsync("coordinator@techniekpact.demo");
        await coordinator.GotoAsync($"/workshopdagen/{DemoWorkshopDays.Slug}");
        await coordinator.GetByRole(AriaRole.Link, new() { Name = "Vrijwilligersrooster", Exact = true }).ClickAsync();
        await Assertions.Expect(coordinator.Locator($"#dienst-{shift.Id}")).ToContainTextAsync("1 van");
        await Assertions.Expect(coordinator.Locator("main")).ToContainTextAsync("sanne@vrijwilliger.example");
        await coordinator.AssertNoSeriousViolationsAsync();
    }

    /// <summary>The page fits the phone's width; when it does not, the message names the elements that stick out.</summary>
    private static async Task AssertFitsAsync(IPage page, string what) =>
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 390"), $"{what} is wider than 390 px: " + await page.EvaluateAsync<string>(
            "[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')"));
}
