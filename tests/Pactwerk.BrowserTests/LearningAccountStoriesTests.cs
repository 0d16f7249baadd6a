using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.LearningAccounts;

namespace Pactwerk.BrowserTests;

/// <summary>
/// A person with money from three funders books a course, sees which money pays and why, and the provider is paid after
/// both confirm delivery: the provider confirms, the person confirms, and the payment lands in the scheme's payment batch.
/// A funder's officer uploads a deposit file with one bad row and nothing is written, then a good one, and the money is on the holder's account.
/// </summary>
public sealed class LearningAccountStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Holder = "drie-financiers@example.org";

    [Fact]
    public async Task A_person_with_money_from_three_funders_books_a_course_sees_which_money_pays_and_why_and_the_provider_is_paid_after_both_confirm()
    {
        // The area's day is the Dutch one (late in the UTC evening it is tomorrow already).
        var today = Pactwerk.Web.Features.LearningAccounts.LearningDay.Today(TimeProvider.System);
        // A course of the demo provider, starting today, at € 900,00.
        var course = await browser.App.InDbAsync(async db =>
        {
            var c = await db.VoucherCourses.Where(c => c.Provider.Vetted && db.VoucherProviderUsers.Any(u => u.ProviderId == c.ProviderId)).OrderBy(c => c.Id).FirstAsync();
            c.StartDates = [today, .. c.StartDates.Where(d => d > today)];
            c.Price = 900m;
            await db.SaveChangesAsync();
            return new { c.Id, c.Title, c.Sector };
        });
        // Three funders pay into the person's account, a fourth for care only.
        await browser.App.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<PactwerkDb>();
            var user = new PactwerkUser { UserName = Holder, Email = Holder, EmailConfirmed = true, DisplayName = "Drie Financiers", CreatedAt = DateTime.UtcNow };
            Assert.True((await services.GetRequiredService<UserManager<PactwerkUser>>().CreateAsync(user, Pactwerk.Tests.Infrastructure.Session.DemoPassword)).Succeeded);
            var organisation = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
            Funder Funder(string code, string name, FunderKind kind, int priority) => new() { Code = code, Name = name, Kind = kind, Priority = priority, OrganisationId = organisation };
            var fund = Funder("verhaal-fonds", "Opleidingsfonds Techniek", FunderKind.SectorFund, 1);
            var province = Funder("verhaal-prov", "Provincie Gelderland", FunderKind.Province, 2);
            var employer = Funder("verhaal-werkg", "Installatiebedrijf Jansen", FunderKind.Employer, 3);
            var municipality = Funder("verhaal-gem", "Gemeente Apeldoorn", FunderKind.Municipality, 4);
            db.LearningFunders.AddRange(fund, province, employer, municipality);
            var account = new LearningAccount { HolderEmail = Holder, OpenedAt = DateTime.UtcNow };
            db.LearningAccounts.Add(account);
            await db.SaveChangesAsync();
            var ledger = services.GetRequiredService<LearningLedger>();
            foreach (var (funder, cents, days, sectors) in new[] { (fund, 300_00L, 100, new[] { course.Sector }), (employer, 400_00L, 100, Array.Empty<string>()),
                         (province, 1000_00L, 200, Array.Empty<string>()), (municipality, 300_00L, 50, new[] { "zorg" }) })
            {
                var deposit = new Deposit
                {
                    AccountId = account.Id, FunderId = funder.Id, Amount = cents, ValidFrom = today.AddDays(-1), ValidUntil = today.AddDays(days), Sectors = [.. sectors],
                    FollowsPerson = true, Reference = $"verhaal-{funder.Code}", DepositedAt = DateTime.UtcNow,
                };
                db.LearningDeposits.Add(deposit);
                await db.SaveChangesAsync();
                Assert.IsType<PostingOutcome.Posted>(await ledger.DepositAsync(account.Id, deposit.Id, cents, null, CancellationToken.None));
            }
        });

        // The person finds their account from their account page.
        var person = await browser.NewPageAsync();
        await person.SignInAsync(Holder);
        await person.GetByRole(AriaRole.Link, new() { Name = "Mijn leerrekening", Exact = true }).ClickAsync();
        await Assertions.Expect(person.Locator("#beschikbaar")).ToHaveTextAsync("€ 2.000,00");
        await person.AssertNoSeriousViolationsAsync();
        await person.GetByRole(AriaRole.Link, new() { Name = "Een opleiding boeken", Exact = true }).ClickAsync();
        await person.AssertNoSeriousViolationsAsync();
        await person.GetByRole(AriaRole.Link, new() { Name = course.Title, Exact = true }).First.ClickAsync();

        // Which money pays and why: the fund and the employer expire first (the fund first in the scheme's order), then the province; the care money does not fit.
        var paying = person.Locator("#betaalt tbody tr");
        await Assertions.Expect(paying).ToHaveCountAsync(3);
        await Assertions.Expect(paying.Nth(0)).ToContainTextAsync("Opleidingsfonds Techniek");
        await Assertions.Expect(paying.Nth(0)).ToContainTextAsync("€ 300,00");
        await Assertions.Expect(paying.Nth(0)).ToContainTextAsync($"De sector {course.Sector} valt onder de bestemming van de storting.");
        await Assertions.Expect(paying.Nth(1)).ToContainTextAsync("Installatiebedrijf Jansen");
        await Assertions.Expect(paying.Nth(1)).ToContainTextAsync("€ 400,00");
        await Assertions.Expect(paying.Nth(1)).ToContainTextAsync("komt in de regeling als nummer 3 aan de beurt");
        await Assertions.Expect(paying.Nth(2)).ToContainTextAsync("Provincie Gelderland");
        await Assertions.Expect(paying.Nth(2)).ToContainTextAsync("€ 200,00");
        await Assertions.Expect(person.Locator("#betaalt-niet")).ToContainTextAsync($"De sector {course.Sector} valt niet onder de bestemming van de storting (zorg).");
        await Assertions.Expect(person.Locator("#eigen-bijdrage")).ToHaveTextAsync("€ 0,00");
        await person.AssertNoSeriousViolationsAsync();
        await person.GetByRole(AriaRole.Button, new() { Name = "Boeking bevestigen", Exact = true }).ClickAsync();
        await Assertions.Expect(person).ToHaveURLAsync(new Regex("/leerrekening\\?geboekt="));
        await Assertions.Expect(person.Locator("#gereserveerd")).ToHaveTextAsync("€ 900,00");
        await person.AssertNoSeriousViolationsAsync();
        var booking = await browser.App.InDbAsync(db => db.LearningBookings.Where(b => db.LearningAccounts.Any(a => a.Id == b.AccountId && a.HolderEmail == Holder)).Select(b => b.Id).SingleAsync());
        var code = LearningBooking.CodeOf(booking);

        // The provider confirms the delivery; nothing is paid yet.
        var provider = await browser.NewPageAsync();
        await provider.SignInAsync(DemoVouchers.ProviderUserEmail);
        await provider.GotoAsync("/aanbieder");
        await provider.GetByRole(AriaRole.Link, new() { Name = "Boekingen van leerrekeningen", Exact = true }).ClickAsync();
        await provider.AssertNoSeriousViolationsAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = $"Levering bevestigen ({code})", Exact = true }).ClickAsync();
        await Assertions.Expect(provider.Locator("#gedaan")).ToContainTextAsync("nu bevestigt de deelnemer haar nog");
        await provider.AssertNoSeriousViolationsAsync();
        Assert.Equal(0, await browser.App.InDbAsync(db => db.VoucherPayments.CountAsync(p => p.BookingId == booking)));

        // The person confirms too: delivered, and the payment is due.
        await person.GotoAsync("/leerrekening");
        await person.GetByRole(AriaRole.Button, new() { Name = $"Levering bevestigen ({code})", Exact = true }).ClickAsync();
        await Assertions.Expect(person.Locator("#gedaan")).ToContainTextAsync($"U hebt bevestigd dat opleiding {code} is geleverd.");
        await person.AssertNoSeriousViolationsAsync();

        // The scheme's officer finds the payment among the payments and puts it in a batch; the SEPA file pays the provider.
        var officer = await browser.NewPageAsync();
        await officer.SignInAsync(DemoVouchers.OfficerEmail);
        await officer.GotoAsync($"/regelingen/{DemoVouchers.Gelderland}/beheer/betalingen");
        await Assertions.Expect(officer.GetByText(code).First).ToBeVisibleAsync();
        // It waits for the officer's signature: the two confirmations alone never send money.
        var paymentId = await browser.App.InDbAsync(db => db.VoucherPayments.Where(p => p.BookingId == booking).Select(p => p.Id).SingleAsync());
        await officer.Locator($"#CoSignReason-{paymentId}").FillAsync("Levering door beide bevestigd.");
        await officer.Locator("form", new() { Has = officer.Locator($"#CoSignReason-{paymentId}") })
            .GetByRole(AriaRole.Button, new() { Name = "Medeondertekenen", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.GetByText($"Betaling {paymentId} is medeondertekend en gaat mee in de volgende batch.")).ToBeVisibleAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Batch maken van alle goedgekeurde betalingen", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.Locator("#batches")).ToBeVisibleAsync();
        await officer.AssertNoSeriousViolationsAsync();
        var href = await officer.Locator("#batches a", new() { HasText = "pain.001" }).First.GetAttributeAsync("href");
        var file = await officer.Context.APIRequest.GetAsync(browser.BaseAddress.TrimEnd('/') + href);
        Assert.True(file.Ok);
        XNamespace ns = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03";
        var transfer = Assert.Single(XDocument.Parse(await file.TextAsync()).Descendants(ns + "CdtTrfTxInf"),
            t => t.Descendants(ns + "EndToEndId").Single().Value.StartsWith(code + "-", StringComparison.Ordinal));
        Assert.Equal("900.00", transfer.Element(ns + "Amt")!.Element(ns + "InstdAmt")!.Value);
    }

    [Fact]
    public async Task A_funder_uploads_a_deposit_file_with_one_bad_row_and_nothing_is_written_then_a_good_one_and_the_holder_sees_the_money()
    {
        const string holder = "upload-verhaal@example.org";
        await browser.App.InScopeAsync(async services =>
        {
            var user = new PactwerkUser { UserName = holder, Email = holder, EmailConfirmed = true, DisplayName = "Upload Verhaal", CreatedAt = DateTime.UtcNow };
            Assert.True((await services.GetRequiredService<UserManager<PactwerkUser>>().CreateAsync(user, Pactwerk.Tests.Infrastructure.Session.DemoPassword)).Succeeded);
        });
        Task<int> DepositsAsync() => browser.App.InDbAsync(db => db.LearningDeposits.CountAsync(d => d.Reference.StartsWith("UPLOAD-VERHAAL-")));

        // The sector fund's officer finds the upload page from the learning-account page.
        var officer = await browser.NewPageAsync();
        await officer.SignInAsync(DemoLearningAccounts.SectorFundOfficerEmail);
        await officer.GotoAsync("/leerrekening");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Stortingen uploaden voor TechniekTalent.nu", Exact = true }).ClickAsync();
        await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/leerrekening/fondsen/techniektalent/stortingen$"));
        await officer.AssertNoSeriousViolationsAsync();

        // Before the upload, the funder's report: what the funder had deposited by the end of the period.
        async Task<decimal> DepositedByEndAsync()
        {
            await officer.GetByRole(AriaRole.Link, new() { Name = "Rapport voor TechniekTalent.nu", Exact = true }).ClickAsync();
            await Assertions.Expect(officer).ToHaveURLAsync(new Regex("/leerrekening/fondsen/techniektalent/rapport$"));
            await Assertions.Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Rapport voor TechniekTalent.nu");
            await officer.AssertNoSeriousViolationsAsync();
            var text = await officer.Locator("#einde td:nth-child(3)").InnerTextAsync();
            await officer.GetByRole(AriaRole.Link, new() { Name = "Stortingen uploaden", Exact = true }).ClickAsync();
            return decimal.Parse(text.Replace("€", "").Trim(), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.GetCultureInfo("nl-NL"));
        }
        var depositedBefore = await DepositedByEndAsync();

        // A file whose third line has an amount that could be 1.25 or 1250: the report names the line, nothing is written.
        const string header = "email;amount;reference;validUntil;sectors\n";
        var good = header + $"{holder};500,00;UPLOAD-VERHAAL-1;2030-12-31;techniek\n" + $"{holder};250,50;UPLOAD-VERHAAL-2;2031-06-30;\n";
        var bad = header + $"{holder};500,00;UPLOAD-VERHAAL-1;2030-12-31;techniek\n" + $"{holder};1.250;UPLOAD-VERHAAL-2;2031-06-30;\n";
        await officer.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = "stortingen.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(bad) });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Bestand uploaden", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.Locator("#verslag")).ToHaveTextAsync("Niets opgeslagen: 1 regel is niet in orde");
        var badRows = officer.Locator("#foute-regels tbody tr");
        await Assertions.Expect(badRows).ToHaveCountAsync(1);
        await Assertions.Expect(badRows.First.Locator("th")).ToHaveTextAsync("3");
        await Assertions.Expect(badRows.First).ToContainTextAsync("amount");
        await officer.AssertNoSeriousViolationsAsync();
        Assert.Equal(0, await DepositsAsync());

        // The corrected file: both rows written, the totals shown.
        await officer.Locator("#upload").SetInputFilesAsync(new FilePayload { Name = "stortingen.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await officer.GetByRole(AriaRole.Button, new() { Name = "Bestand uploaden", Exact = true }).ClickAsync();
        await Assertions.Expect(officer.Locator("#verslag")).ToHaveTextAsync("Opgeslagen: alle regels zijn verwerkt.");
        await Assertions.Expect(officer.Locator("#totalen")).ToContainTextAsync("€ 750,50");
        await officer.AssertNoSeriousViolationsAsync();
        Assert.Equal(2, await DepositsAsync());
        // The report counts the file's two rows (500,00 + 250,50, as written in the file above) and nothing else.
        Assert.Equal(depositedBefore + 750.50m, await DepositedByEndAsync());

        // The holder's account shows the money.
        var person = await browser.NewPageAsync();
        await person.SignInAsync(holder);
        await person.GotoAsync("/leerrekening");
        await Assertions.Expect(person.Locator("#beschikbaar")).ToHaveTextAsync("€ 750,50");
        await Assertions.Expect(person.GetByRole(AriaRole.Rowheader, new() { Name = "TechniekTalent.nu", Exact = true }).First).ToBeVisibleAsync();
        await person.AssertNoSeriousViolationsAsync();
    }
}
