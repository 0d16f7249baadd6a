using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Pactwerk.BrowserTests;

/// <summary>An applicant applies during an opening, lands on the waiting list and follows their place until they move up.</summary>
public sealed class VoucherStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_applicant_applies_when_the_budget_is_taken_follows_their_place_and_moves_up_when_someone_withdraws()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/regelingen/gelders-vakmanschap");
        await page.AssertNoSeriousViolationsAsync();
        await page.GotoAsync("/regelingen/gelders-vakmanschap/aanvragen");
        await page.AssertNoSeriousViolationsAsync();
        var choice = (await page.Locator("#Input_Choice option").Nth(1).GetAttributeAsync("value"))!;
        var course = int.Parse(choice.Split(':')[0]);
        var start = choice.Split(':')[1];

        // The opening rush: the budget holds one more voucher for this course, and someone else takes it first.
        await browser.App.InDbAsync(async db =>
        {
            var scheme = await db.VoucherSchemes.SingleAsync(s => s.Code == "gelders-vakmanschap");
            var price = await db.VoucherCourses.Where(c => c.Id == course).Select(c => c.Price).SingleAsync();
            return await db.VoucherSchemes.Where(s => s.Id == scheme.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Ceiling, scheme.Reserved + scheme.Paid + scheme.VoucherAmount(price)));
        });
        using var other = new HttpClient { BaseAddress = new Uri(browser.BaseAddress) };
        var first = await (await other.PostAsJsonAsync("/api/v1/voucher-schemes/gelders-vakmanschap/applications",
            new { email = "snel@example.org", dateOfBirth = "1985-01-01", targetGroup = "werkzoekend-naar-techniek", municipality = "GM0200", course, courseStart = start })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Granted", first.GetProperty("status").GetString());

        await page.GetByLabel("E-mailadres").FillAsync("geduldig@example.org");
        await page.GetByLabel("Geboortedatum").FillAsync("17-05-1990");
        await page.GetByLabel("iemand die werk zoekt in de techniek en zich daarvoor wil omscholen").CheckAsync();
        await page.GetByLabel("Gemeente waar je woont").SelectOptionAsync(new SelectOptionValue { Label = "Apeldoorn" });
        await page.GetByLabel("Opleiding en startdatum").SelectOptionAsync(choice);
        await page.GetByRole(AriaRole.Button, new() { Name = "Aanvraag versturen" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/regelingen/aanvraag\\?key="));
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Op de wachtlijst");
        await Assertions.Expect(page.Locator("#plaats")).ToHaveTextAsync("1");
        await page.AssertNoSeriousViolationsAsync();

        // The one who was quicker withdraws; the waiting list moves up by itself, and a reload shows it.
        var key = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + first.GetProperty("statusUrl").GetString()).Query)["key"];
        Assert.True((await other.PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key })).IsSuccessStatusCode);
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("Toegekend");
        await Assertions.Expect(page.Locator("#plaats")).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();
    }
}
