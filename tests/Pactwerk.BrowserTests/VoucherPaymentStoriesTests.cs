using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.BrowserTests;

/// <summary>An officer approves a payment above the four-eyes threshold, a second officer co-signs, and the batch's pain.001 file holds the payment.</summary>
public sealed class VoucherPaymentStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_approves_a_second_co_signs_and_the_payment_file_holds_the_payment()
    {
        // A voucher for the dearest course, through the API as an applicant applies.
        var course = await browser.App.InDbAsync(db => db.VoucherCourses.Where(c => c.Provider.Vetted && db.VoucherSchemes.Any(s => s.Id == c.Provider.SchemeId && s.Code == "gelders-vakmanschap"))
            .OrderByDescending(c => c.Price).Select(c => new { c.Id, c.StartDates }).FirstAsync());
        using var applicant = new HttpClient { BaseAddress = new Uri(browser.BaseAddress) };
        var applied = await applicant.PostAsJsonAsync("/api/v1/voucher-schemes/gelders-vakmanschap/applications", new
        {
            email = "betaald@example.org", dateOfBirth = "1988-02-03", targetGroup = "technicus-doorgroeien", municipality = "GM0202", course = course.Id,
            courseStart = course.StartDates.Where(d => d >= DateOnly.FromDateTime(DateTime.UtcNow)).Min().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var answer = await applied.Content.ReadFromJsonAsync<JsonElement>();
        var amount = answer.GetProperty("amount").GetDecimal();
        Assert.True(amount > 1000m, "the story needs a payment above the € 1.000 threshold");
        // Enrolment, evidence and approval are the provider's and officer's stories elsewhere: here the voucher is set approved directly.
        var code = await browser.App.InDbAsync(async db =>
        {
            var application = await db.VoucherApplications.SingleAsync(a => a.Email == "betaald@example.org");
            await db.VoucherApplications.Where(a => a.Id == application.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, VoucherStatus.Approved));
            return application.VoucherCode;
        });

        var first = await browser.NewPageAsync();
        await first.SignInAsync(Pactwerk.Web.Features.Demo.DemoVouchers.OfficerEmail);
        await first.GotoAsync("/regelingen/gelders-vakmanschap/beheer");
        await first.GetByRole(AriaRole.Link, new() { Name = "Betalingen beheren" }).ClickAsync();
        await first.AssertNoSeriousViolationsAsync();
        var form = first.Locator("form", new() { Has = first.Locator($"input[name=Voucher][value='{code}']") });
        await form.GetByLabel("Reden").FillAsync("Certificaat en aanwezigheid gecontroleerd");
        await form.GetByRole(AriaRole.Button, new() { Name = "Betaling goedkeuren" }).ClickAsync();
        await Assertions.Expect(first.Locator("#gedaan")).ToContainTextAsync("wacht op medeondertekening");
        await first.AssertNoSeriousViolationsAsync();
        // The approver cannot co-sign their own payment.
        await first.Locator("form").Filter(new() { HasText = "Medeondertekenen" }).GetByLabel("Reden").FillAsync("zelf");
        await first.GetByRole(AriaRole.Button, new() { Name = "Medeondertekenen" }).ClickAsync();
        await Assertions.Expect(first.Locator("#fouten")).ToContainTextAsync("tweede, andere behandelaar");

        var second = await browser.NewPageAsync();
        await second.SignInAsync("coordinator@techniekpact.demo");
        // The second officer works in English, as the language switch leaves it in a cookie.
        await second.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = browser.BaseAddress }]);
        await second.GotoAsync("/regelingen/gelders-vakmanschap/beheer/betalingen");
        await second.AssertNoSeriousViolationsAsync();
        await second.Locator("form").Filter(new() { HasText = "Co-sign" }).GetByLabel("Reason").FillAsync("Four eyes: checked");
        await second.GetByRole(AriaRole.Button, new() { Name = "Co-sign" }).ClickAsync();
        await Assertions.Expect(second.Locator("#gedaan")).ToContainTextAsync("co-signed");
        await second.GetByRole(AriaRole.Button, new() { Name = "Make a batch of all approved payments" }).ClickAsync();
        await Assertions.Expect(second.Locator("#batches")).ToBeVisibleAsync();
        await second.AssertNoSeriousViolationsAsync();

        var href = await second.Locator("#batches a", new() { HasText = "pain.001" }).First.GetAttributeAsync("href");
        var file = await second.Context.APIRequest.GetAsync(browser.BaseAddress.TrimEnd('/') + href);
        Assert.True(file.Ok);
        var xml = XDocument.Parse(await file.TextAsync());
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
        var transfer = Assert.Single(xml.Descendants(ns + "CdtTrfTxInf"), t => t.Descendants(ns + "EndToEndId").Single().Value.StartsWith(code + "-", StringComparison.Ordinal));
        Assert.Equal(amount.ToString("0.00", CultureInfo.InvariantCulture), transfer.Element(ns + "Amt")!.Element(ns + "InstdAmt")!.Value);
    }
}
