using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Vouchers;

namespace Pactwerk.BrowserTests;

/// <summary>
/// Issue 18's story "a provider confirms an enrolment and submits evidence": the provider's account confirms the
/// enrolment, the participant confirms it through the link on their status page, the provider uploads the
/// certificate, and the officer approves it; the voucher's state is read on screen at each step.
/// </summary>
public sealed class VoucherLifeStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static string Dutch(DateOnly day) => day.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task A_provider_confirms_an_enrolment_the_participant_too_the_provider_submits_evidence_and_the_officer_approves()
    {
        // A voucher for a course of the demo provider's, applied for through the API as an applicant does.
        var course = await browser.App.InDbAsync(db => db.VoucherCourses
            .Where(c => c.Provider.Vetted && db.VoucherProviderUsers.Any(u => u.ProviderId == c.ProviderId))
            .Select(c => new { c.Id, c.StartDates }).FirstAsync());
        var start = course.StartDates.Where(d => d >= DateOnly.FromDateTime(DateTime.UtcNow)).Min();
        using var api = new HttpClient { BaseAddress = new Uri(browser.BaseAddress) };
        var applied = await api.PostAsJsonAsync($"/api/v1/voucher-schemes/{DemoVouchers.Gelderland}/applications", new
        {
            email = "levensloop@example.org", dateOfBirth = "1990-05-06", targetGroup = "technicus-doorgroeien", municipality = "GM0202", course = course.Id,
            courseStart = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.True(applied.IsSuccessStatusCode, await applied.Content.ReadAsStringAsync());
        var answer = await applied.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Granted", answer.GetProperty("status").GetString());
        var code = answer.GetProperty("voucherCode").GetString()!;
        var statusUrl = answer.GetProperty("statusUrl").GetString()!;

        // The provider confirms the enrolment with the code the participant gave them.
        var provider = await browser.NewPageAsync();
        await provider.SignInAsync(DemoVouchers.ProviderUserEmail);
        await provider.GotoAsync("/aanbieder");
        await provider.AssertNoSeriousViolationsAsync();
        await provider.GetByLabel("Vouchercode").FillAsync(code);
        await provider.GetByLabel("Startdatum").FillAsync(Dutch(start));
        await provider.GetByRole(AriaRole.Button, new() { Name = "Inschrijving bevestigen" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#gedaan")).ToBeVisibleAsync();
        await provider.AssertNoSeriousViolationsAsync();

        // The participant's status page asks first for the address to be confirmed: the link in their mail does it.
        var participant = await browser.NewPageAsync();
        await participant.GotoAsync(statusUrl);
        await Assertions.Expect(participant.Locator("#e-mailadres")).ToContainTextAsync("Bevestig je e-mailadres");
        await participant.AssertNoSeriousViolationsAsync();
        var mails = await Pactwerk.Tests.Infrastructure.Session.MailToAsync(browser.App, "levensloop@example.org");
        var confirmLink = System.Text.RegularExpressions.Regex.Match(mails[0].HtmlBody!, "href=\"[^\"]*(/regelingen/e-mailadres\\?[^\"]+)\"").Groups[1].Value;
        await participant.GotoAsync(System.Net.WebUtility.HtmlDecode(confirmLink));
        await participant.AssertNoSeriousViolationsAsync();
        await participant.GetByRole(AriaRole.Button, new() { Name = "Ja, dit is mijn e-mailadres" }).ClickAsync();
        await Assertions.Expect(participant.Locator("#gedaan")).ToContainTextAsync("Je e-mailadres is bevestigd");

        // Then they follow the link on their status page and confirm the enrolment too: now enrolled.
        await participant.GotoAsync(statusUrl);
        await Assertions.Expect(participant.Locator("#e-mailadres")).ToHaveCountAsync(0);
        await participant.GetByRole(AriaRole.Link, new() { Name = "Je inschrijving bevestigen" }).ClickAsync();
        await Assertions.Expect(participant.Locator("#opleider")).Not.ToHaveTextAsync("nog niet");
        await participant.AssertNoSeriousViolationsAsync();
        await participant.GetByRole(AriaRole.Button, new() { Name = "Ja, ik ben ingeschreven" }).ClickAsync();
        await Assertions.Expect(participant.Locator("#gedaan")).ToContainTextAsync("je bent ingeschreven");
        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(code));

        // The provider hands in the evidence: attendance, the day it ended, the certificate.
        await provider.GotoAsync("/aanbieder");
        var evidence = provider.Locator($"form[aria-labelledby='bewijs-{code}']");
        await evidence.GetByLabel("Aanwezigheid (procent)").FillAsync("92");
        await evidence.GetByLabel("Datum van afronding").FillAsync(Dutch(DateOnly.FromDateTime(DateTime.UtcNow)));
        await evidence.GetByLabel("Certificaat of diploma").SetInputFilesAsync(new FilePayload
        {
            Name = "certificaat.pdf", MimeType = "application/pdf",
            Buffer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"),
        });
        await evidence.GetByRole(AriaRole.Button, new() { Name = "Bewijs indienen" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#gedaan")).ToBeVisibleAsync();
        await provider.AssertNoSeriousViolationsAsync();
        Assert.Equal(VoucherStatus.Delivered, await StatusAsync(code));

        // The officer reads the evidence and approves it.
        var officer = await browser.NewPageAsync();
        await officer.SignInAsync(DemoVouchers.OfficerEmail);
        await officer.GotoAsync($"/regelingen/{DemoVouchers.Gelderland}/beheer");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Bewijs beoordelen" }).ClickAsync();
        await officer.AssertNoSeriousViolationsAsync();
        var section = officer.Locator("section", new() { Has = officer.Locator($"#voucher-{code}") });
        await section.Locator($"#Decision-{code}").CheckAsync();
        await section.GetByLabel("Reden").FillAsync("Certificaat en aanwezigheid kloppen");
        await section.GetByRole(AriaRole.Button, new() { Name = "Besluit opslaan" }).ClickAsync();
        await Assertions.Expect(officer.Locator("#gedaan")).ToBeVisibleAsync();
        await officer.AssertNoSeriousViolationsAsync();
        Assert.Equal(VoucherStatus.Approved, await StatusAsync(code));

        // The provider's page in English shows the approved voucher under its state.
        await provider.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = browser.BaseAddress }]);
        await provider.GotoAsync("/aanbieder");
        await Assertions.Expect(provider.Locator("main")).ToContainTextAsync(code);
        await Assertions.Expect(provider.Locator("h1")).Not.ToContainTextAsync("Vouchers van");
        await provider.AssertNoSeriousViolationsAsync();
    }

    private Task<VoucherStatus> StatusAsync(string code) =>
        browser.App.InDbAsync(db => db.VoucherApplications.Where(a => a.VoucherCode == code).Select(a => a.Status).SingleAsync());
}
