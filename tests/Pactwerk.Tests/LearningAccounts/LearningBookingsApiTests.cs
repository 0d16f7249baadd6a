using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Tests.Vouchers;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// The holder spends their learning account through the API: a preview says which money pays and why, the booking
/// reserves exactly that, a cancellation gives it back to the same deposits, and the provider is paid through the
/// vouchers' payment path only once the provider and the holder both confirmed delivery. Nobody books or cancels on
/// another person's account; bad input and refusals change nothing; two bookings racing for the same money: one wins.
/// </summary>
public abstract partial class LearningBookingsApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "coordinator@techniekpact.demo";
    private const string ProviderUser = "lid@pactwerk.demo";

    private static decimal D(JsonElement e, string name) => e.GetProperty(name).GetDecimal();

    /// <summary>A person with a confirmed address and a learning account, signed in.</summary>
    private async Task<(HttpClient Client, long Account)> HolderAsync(string email)
    {
        await factory.InScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<PactwerkUser>>();
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await users.CreateAsync(user, DemoPassword)).Succeeded);
        });
        var account = await AccountAsync(factory, email);
        return (await SignInAsync(factory, email), account);
    }

    /// <summary>A vetted provider's course in a scheme with a debtor account, starting today (and a week on), with the provider's user linked.</summary>
    private async Task<(VoucherSchemeBuilder.Built Scheme, HttpClient Provider)> CourseAsync(string code, decimal price)
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, code, 50_000m, price);
        await factory.InDbAsync(async db =>
        {
            var course = await db.VoucherCourses.SingleAsync(c => c.Id == scheme.CourseId);
            course.StartDates = [Today, Today.AddDays(7)];
            await db.VoucherSchemes.Where(s => s.Code == code).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.DebtorName, "Provincie Gelderland (test)").SetProperty(x => x.DebtorIban, "NL20INGB0001234567").SetProperty(x => x.DebtorBic, "INGBNL2A"));
            return await db.SaveChangesAsync();
        });
        var officer = await SignInAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{code}/providers/{scheme.ProviderId}/users", new { email = ProviderUser })).StatusCode);
        return (scheme, await SignInAsync(factory, ProviderUser));
    }

    private static string Preview(int course, string? start = null) => $"/api/v1/learning-accounts/me/bookings/preview?course={course}" + (start is null ? "" : $"&start={start}");

    private Task<(int Bookings, int Postings, int Payments)> CountsAsync() => factory.InDbAsync(async db =>
        (await db.LearningBookings.CountAsync(), await db.LedgerPostings.CountAsync(), await db.VoucherPayments.CountAsync()));

    [Fact]
    public async Task The_preview_says_which_money_of_three_funders_pays_and_why_and_the_booking_reserves_exactly_that()
    {
        var fund = await FunderAsync(factory, "fonds-b1", FunderKind.SectorFund, priority: 1);
        var province = await FunderAsync(factory, "prov-b1", FunderKind.Province, priority: 2);
        var employer = await FunderAsync(factory, "werkg-b1", FunderKind.Employer, priority: 3);
        var municipality = await FunderAsync(factory, "gem-b1", FunderKind.Municipality, priority: 4);
        var (holder, account) = await HolderAsync("drie@example.org");
        var fundDeposit = await DepositAsync(factory, account, fund, 500_00, Today.AddDays(100), levels: ["mbo-4"]);
        var employerDeposit = await DepositAsync(factory, account, employer, 1000_00, Today.AddDays(100));
        var provinceDeposit = await DepositAsync(factory, account, province, 300_00, Today.AddDays(200), sectors: ["techniek"]);
        var careDeposit = await DepositAsync(factory, account, municipality, 400_00, Today.AddDays(50), sectors: ["zorg"]);
        var (scheme, _) = await CourseAsync("leer-b1", 1650.25m);

        // By hand: the municipality's money is for care only; of the rest, the fund and the employer expire first (the fund
        // is first in the scheme's order), so the fund pays 500,00, the employer 1000,00 and the province the last 150,25.
        var preview = await holder.GetFromJsonAsync<JsonElement>(Preview(scheme.CourseId));
        Assert.True(preview.GetProperty("mayBook").GetBoolean());
        Assert.Equal((1650.25m, 1650.25m, 0m), (D(preview, "price"), D(preview, "fromAccount"), D(preview, "coPayment")));
        Assert.Equal(Today.ToString("yyyy-MM-dd"), preview.GetProperty("start").GetString());
        var paying = preview.GetProperty("paying").EnumerateArray().ToList();
        Assert.Equal([fundDeposit, employerDeposit, provinceDeposit], paying.Select(p => p.GetProperty("depositId").GetInt64()));
        Assert.Equal([500m, 1000m, 150.25m], paying.Select(p => D(p, "amount")));
        Assert.Equal([1, 2, 3], paying.Select(p => p.GetProperty("order").GetInt32()));
        var fundWhy = paying[0].GetProperty("why").EnumerateArray().Select(w => w.GetString()).ToList();
        Assert.Contains("Het niveau mbo-4 valt onder de bestemming van de storting.", fundWhy);
        Assert.Contains($"Vervalt op {Today.AddDays(100):yyyy-MM-dd}: geld dat eerder vervalt, wordt eerst gebruikt.", fundWhy);
        Assert.Contains("Financier Fonds fonds-b1 komt in de regeling als nummer 1 aan de beurt bij geld dat op dezelfde dag vervalt.", fundWhy);
        Assert.Contains(LearningAccountMessages.FitsAny, paying[1].GetProperty("why").EnumerateArray().Select(w => w.GetString()));
        var unused = Assert.Single(preview.GetProperty("notPaying").EnumerateArray());
        Assert.Equal(careDeposit, unused.GetProperty("depositId").GetInt64());
        Assert.Equal("De sector techniek valt niet onder de bestemming van de storting (zorg).", Assert.Single(unused.GetProperty("why").EnumerateArray()).GetString());

        // The same preview in English.
        using var english = new HttpRequestMessage(HttpMethod.Get, Preview(scheme.CourseId));
        english.Headers.AcceptLanguage.ParseAdd("en");
        var inEnglish = await (await holder.SendAsync(english)).ReadAsync<JsonElement>();
        Assert.Equal("The sector techniek does not fall within the deposit's earmark (zorg).",
            inEnglish.GetProperty("notPaying")[0].GetProperty("why")[0].GetString());

        // A preview reserves nothing.
        Assert.Equal(0, (await SumsAsync(factory, account)).Where(s => s.Key.Bucket == LedgerBucket.Reserved).Sum(s => s.Value));

        var booked = await holder.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = await booked.ReadAsync<JsonElement>();
        Assert.Equal(BookingStatus.Reserved.ToString(), booking.GetProperty("status").GetString());
        Assert.Equal((1650.25m, 0m), (D(booking, "fromAccount"), D(booking, "coPayment")));
        Assert.Equal([(fundDeposit, 500m), (employerDeposit, 1000m), (provinceDeposit, 150.25m)],
            booking.GetProperty("paidBy").EnumerateArray().Select(p => (p.GetProperty("depositId").GetInt64(), D(p, "amount"))));

        // On the ledger, summed from its lines: reserved exactly as previewed, the rest still available.
        var sums = await SumsAsync(factory, account);
        Assert.Equal(500_00, sums[(fundDeposit, LedgerBucket.Reserved)]);
        Assert.Equal(1000_00, sums[(employerDeposit, LedgerBucket.Reserved)]);
        Assert.Equal(150_25, sums[(provinceDeposit, LedgerBucket.Reserved)]);
        Assert.Equal(149_75, sums[(provinceDeposit, LedgerBucket.Available)]);
        Assert.False(sums.ContainsKey((careDeposit, LedgerBucket.Reserved)));
        var mine = await holder.GetFromJsonAsync<JsonElement>("/api/v1/learning-accounts/me");
        Assert.Equal((1650.25m, 549.75m), (D(mine, "reserved"), D(mine, "available")));
        var id = booking.GetProperty("id").GetInt64();
        Assert.Equal(id, (await holder.GetFromJsonAsync<JsonElement>("/api/v1/learning-accounts/me/bookings"))[0].GetProperty("id").GetInt64());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Booked && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task Wrong_input_and_money_that_does_not_fit_or_cover_are_refused_with_a_clear_message_and_change_nothing()
    {
        var fund = await FunderAsync(factory, "fonds-b2", FunderKind.SectorFund);
        var (care, careAccount) = await HolderAsync("zorg@example.org");
        await DepositAsync(factory, careAccount, fund, 5000_00, sectors: ["zorg"]);
        var (short_, shortAccount) = await HolderAsync("krap@example.org");
        await DepositAsync(factory, shortAccount, fund, 1000_00);
        var (scheme, provider) = await CourseAsync("leer-b2", 1650.25m);
        var counts = await CountsAsync();

        var empty = await care.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(LearningAccountMessages.CourseMissing, (await empty.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("course")[0].GetString());
        var unknown = await care.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = 999_999 });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("999999", await unknown.Content.ReadAsStringAsync());
        var badDate = await care.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, start = "01-02-2027" });
        Assert.Equal(LearningAccountMessages.StartInvalid, (await badDate.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("start")[0].GetString());
        var notOffered = await care.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, start = Today.AddDays(1).ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, notOffered.StatusCode);

        // Money for care only does not pay for a technical course.
        var misfit = await care.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId });
        Assert.Equal(HttpStatusCode.Conflict, misfit.StatusCode);
        Assert.Equal(LearningAccountMessages.NoFittingMoney, (await misfit.ReadAsync<JsonElement>()).GetProperty("detail").GetString());

        // Not enough to cover the price, and the scheme allows no co-payment: refused in Dutch and English.
        var preview = await short_.GetFromJsonAsync<JsonElement>(Preview(scheme.CourseId));
        Assert.False(preview.GetProperty("mayBook").GetBoolean());
        Assert.Equal((1000m, 650.25m), (D(preview, "fromAccount"), D(preview, "coPayment")));
        var uncovered = await short_.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, coPayment = 650.25m });
        Assert.Equal(HttpStatusCode.Conflict, uncovered.StatusCode);
        Assert.Equal("Uw leerrekening dekt € 1.000,00 van de prijs van € 1.650,25; een eigen bijdrage is in deze regeling niet mogelijk. Er is niets geboekt.",
            (await uncovered.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        using var english = new HttpRequestMessage(HttpMethod.Post, "/api/v1/learning-accounts/me/bookings") { Content = JsonContent.Create(new { course = scheme.CourseId }) };
        english.Headers.AcceptLanguage.ParseAdd("en");
        Assert.Equal("Your learning account covers € 1,000.00 of the price of € 1,650.25; this scheme allows no co-payment of your own. Nothing was booked.",
            (await (await short_.SendAsync(english)).ReadAsync<JsonElement>()).GetProperty("detail").GetString());

        // A provider's user has no account of their own here, and cannot book for anyone: there is no way to name an account.
        Assert.Equal(HttpStatusCode.NotFound, (await provider.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, accountId = shortAccount })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.GetAsync(Preview(scheme.CourseId))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync(Preview(scheme.CourseId))).StatusCode);
        Assert.Equal(counts, await CountsAsync());
    }

    [Fact]
    public async Task Nobody_books_cancels_or_confirms_on_another_persons_account_and_a_cancellation_gives_the_money_back_to_the_same_deposits()
    {
        var fund = await FunderAsync(factory, "fonds-b3", FunderKind.SectorFund, priority: 1);
        var province = await FunderAsync(factory, "prov-b3", FunderKind.Province, priority: 2);
        var (anna, annaAccount) = await HolderAsync("anna@example.org");
        var annaDeposit = await DepositAsync(factory, annaAccount, fund, 2000_00);
        var (bram, bramAccount) = await HolderAsync("bram@example.org");
        var bramFund = await DepositAsync(factory, bramAccount, fund, 300_00, Today.AddDays(30));
        var bramProvince = await DepositAsync(factory, bramAccount, province, 800_00, Today.AddDays(60));
        var (scheme, provider) = await CourseAsync("leer-b3", 900.50m);
        var annaBefore = await SumsAsync(factory, annaAccount);

        // Bram names Anna's account: there is no such field; the booking is on his own account.
        var booked = await bram.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, accountId = annaAccount });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = (await booked.ReadAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(bramAccount, await factory.InDbAsync(db => db.LearningBookings.Where(b => b.Id == id).Select(b => b.AccountId).SingleAsync()));
        Assert.Equal(annaBefore, await SumsAsync(factory, annaAccount));
        var reserved = await SumsAsync(factory, bramAccount);
        Assert.Equal((300_00, 600_50), (reserved[(bramFund, LedgerBucket.Reserved)], reserved[(bramProvince, LedgerBucket.Reserved)]));

        // Anna cannot cancel or confirm Bram's booking, nor can the provider cancel it; nothing changes.
        var counts = await CountsAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/cancel", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anna.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/delivery", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await provider.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/cancel", null)).StatusCode);
        Assert.Equal(counts, await CountsAsync());
        Assert.Equal(reserved, await SumsAsync(factory, bramAccount));

        // Bram cancels: each deposit gets back exactly what it gave; a second cancellation is refused.
        var cancelled = await bram.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(BookingStatus.Cancelled.ToString(), (await cancelled.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        var after = await SumsAsync(factory, bramAccount);
        Assert.Equal((0, 0), (after[(bramFund, LedgerBucket.Reserved)], after[(bramProvince, LedgerBucket.Reserved)]));
        Assert.Equal((300_00, 800_00), (after[(bramFund, LedgerBucket.Available)], after[(bramProvince, LedgerBucket.Available)]));
        var again = await bram.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(LearningAccountMessages.NotCancellable, (await again.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        // Nor can a cancelled booking be delivered.
        Assert.Equal(HttpStatusCode.Conflict, (await provider.PostAsync($"/api/v1/learning-bookings/{id}/delivery", null)).StatusCode);
        Assert.Equal(after, await SumsAsync(factory, bramAccount));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Cancelled && e.EntityId == id.ToString())));
        Assert.Equal(2000_00, (await SumsAsync(factory, annaAccount))[(annaDeposit, LedgerBucket.Available)]);
    }

    [Fact]
    public async Task The_provider_is_paid_through_the_vouchers_payment_path_only_after_the_provider_and_the_holder_both_confirmed_delivery()
    {
        var fund = await FunderAsync(factory, "fonds-b4", FunderKind.SectorFund);
        var (holder, account) = await HolderAsync("levering@example.org");
        var deposit = await DepositAsync(factory, account, fund, 3000_00);
        var (scheme, provider) = await CourseAsync("leer-b4", 820.25m);
        var booked = await (await holder.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId })).ReadAsync<JsonElement>();
        var id = booked.GetProperty("id").GetInt64();
        var later = await (await holder.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId, start = Today.AddDays(7).ToString("yyyy-MM-dd") }))
            .ReadAsync<JsonElement>();
        Task<int> PaymentsAsync() => factory.InDbAsync(db => db.VoucherPayments.CountAsync(p => p.BookingId == id));

        // The provider sees its bookings, without the holder's address.
        var list = await provider.GetStringAsync("/api/v1/learning-bookings");
        Assert.Contains($"\"id\":{id},", list);
        Assert.DoesNotContain("levering@example.org", list);
        // Not before the course started, by either side.
        var early = await holder.PostAsync($"/api/v1/learning-accounts/me/bookings/{later.GetProperty("id").GetInt64()}/delivery", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal($"De levering kan pas worden bevestigd vanaf de startdatum ({Today.AddDays(7):yyyy-MM-dd}); er is niets veranderd.",
            (await early.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        // Someone who does not act for the provider cannot confirm for it.
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(factory, Officer)).PostAsync($"/api/v1/learning-bookings/{id}/delivery", null)).StatusCode);

        // The provider confirms: nothing is spent and nothing is paid yet.
        var byProvider = await provider.PostAsync($"/api/v1/learning-bookings/{id}/delivery", null);
        Assert.Equal(HttpStatusCode.OK, byProvider.StatusCode);
        Assert.Equal(BookingStatus.Reserved.ToString(), (await byProvider.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(0, await PaymentsAsync());
        var sums = await SumsAsync(factory, account);
        Assert.Equal(820_25 * 2, sums[(deposit, LedgerBucket.Reserved)]);
        Assert.False(sums.ContainsKey((deposit, LedgerBucket.Spent)));
        // Once delivery is confirmed the holder can no longer cancel.
        Assert.Equal(HttpStatusCode.Conflict, (await holder.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/cancel", null)).StatusCode);

        // The holder confirms: delivered, the reservation spent, the payment due in the provider's scheme.
        var byHolder = await holder.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/delivery", null);
        Assert.Equal(HttpStatusCode.OK, byHolder.StatusCode);
        var delivered = await byHolder.ReadAsync<JsonElement>();
        Assert.Equal(BookingStatus.Delivered.ToString(), delivered.GetProperty("status").GetString());
        // Due, and waiting for an officer of the scheme to sign it: the two confirmations alone never send money.
        Assert.Equal(PaymentStatus.AwaitingCoSignature.ToString(), delivered.GetProperty("payment").GetString());
        sums = await SumsAsync(factory, account);
        Assert.Equal((820_25, 820_25), (sums[(deposit, LedgerBucket.Spent)], sums[(deposit, LedgerBucket.Reserved)]));
        // A second confirmation by either side changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/v1/learning-bookings/{id}/delivery", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await holder.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/delivery", null)).StatusCode);
        Assert.Equal(1, await PaymentsAsync());
        Assert.Equal(sums, await SumsAsync(factory, account));

        // The scheme's officer sees it among the payments, batches it, and the SEPA file pays the provider with the booking's code.
        var officer = await SignInAsync(factory, Officer);
        var code = LearningBooking.CodeOf(id);
        var overview = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/voucher-schemes/{scheme.Code}/payments");
        var payment = Assert.Single(overview.GetProperty("payments").EnumerateArray(), p => p.GetProperty("voucher").GetString() == code);
        Assert.Equal((820.25m, "AwaitingCoSignature"), (D(payment, "amount"), payment.GetProperty("status").GetString()));
        // The officers see the confirmations as its first approval, not the holder's (or the provider user's) name.
        Assert.Equal(VoucherPayments.BookingApproval, payment.GetProperty("approvedBy").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null)).StatusCode);
        var signed = await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{payment.GetProperty("id").GetInt32()}/co-signature",
            new { reason = "Levering door beide bevestigd." });
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        var batch = await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/payment-batches", null);
        Assert.Equal(HttpStatusCode.Created, batch.StatusCode);
        var xml = await officer.GetStringAsync((await batch.ReadAsync<JsonElement>()).GetProperty("xmlUrl").GetString());
        Assert.Contains($"<EndToEndId>{code}-{payment.GetProperty("id").GetInt32()}</EndToEndId>", xml);
        Assert.Contains("<InstdAmt Ccy=\"EUR\">820.25</InstdAmt>", xml);
        // The bank's statement pays it: the payment is paid; the scheme's voucher budget is untouched (the money was the learning account's).
        var budget = await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == scheme.Code).Select(s => new ValueTuple<decimal, decimal>(s.Reserved, s.Paid)).SingleAsync());
        var endToEnd = $"{code}-{payment.GetProperty("id").GetInt32()}";
        var statement = $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
              <BkToCstmrStmt>
                <GrpHdr><MsgId>STMT-LR</MsgId><CreDtTm>2026-12-05T08:00:00</CreDtTm></GrpHdr>
                <Stmt>
                  <Id>STMT-LR-1</Id>
                  <Acct><Id><IBAN>NL20INGB0001234567</IBAN></Id></Acct>
                  <Ntry>
                    <Amt Ccy="EUR">820.25</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>
                    <BookgDt><Dt>2026-12-05</Dt></BookgDt>
                    <AcctSvcrRef>BANK-LR1</AcctSvcrRef>
                    <NtryDtls><TxDtls><Refs><EndToEndId>{endToEnd}</EndToEndId></Refs></TxDtls></NtryDtls>
                  </Ntry>
                </Stmt>
              </BkToCstmrStmt>
            </Document>
            """;
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(statement));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var reconciled = await (await officer.PostAsync($"/api/v1/voucher-schemes/{scheme.Code}/reconciliation", new MultipartFormDataContent { { file, "file", "afschrift.xml" } }))
            .ReadAsync<JsonElement>();
        Assert.Equal("Paid", reconciled.GetProperty("lines")[0].GetProperty("outcome").GetString());
        Assert.Equal(budget, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == scheme.Code).Select(s => new ValueTuple<decimal, decimal>(s.Reserved, s.Paid)).SingleAsync()));
        Assert.Equal(PaymentStatus.Paid.ToString(), (await holder.GetFromJsonAsync<JsonElement>("/api/v1/learning-accounts/me/bookings"))
            .EnumerateArray().Single(b => b.GetProperty("id").GetInt64() == id).GetProperty("payment").GetString());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Delivered && e.EntityId == id.ToString())));
        var paymentId = payment.GetProperty("id").GetInt32().ToString();
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == VoucherAuditActions.BookingPaymentDue && e.EntityId == paymentId)));
    }

    [Fact]
    public async Task A_provider_user_who_holds_the_account_cannot_confirm_the_delivery_for_the_provider_too()
    {
        var fund = await FunderAsync(factory, "fonds-b6", FunderKind.SectorFund);
        var (scheme, _) = await CourseAsync("leer-b6", 400m);
        // A second user of the provider (a demo account of its own, so no other test here meets its account) holds an
        // account and books its own provider's course.
        const string own = "noord@techniekpact.demo";
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync(factory, Officer)).PostAsJsonAsync($"/api/v1/voucher-schemes/leer-b6/providers/{scheme.ProviderId}/users",
            new { email = own })).StatusCode);
        var provider = await SignInAsync(factory, own);
        var account = await AccountAsync(factory, own);
        await DepositAsync(factory, account, fund, 1000_00);
        var booked = await provider.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var id = (await booked.ReadAsync<JsonElement>()).GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/v1/learning-accounts/me/bookings/{id}/delivery", null)).StatusCode);

        var refused = await provider.PostAsync($"/api/v1/learning-bookings/{id}/delivery", null);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(LearningAccountMessages.ProviderIsHolder, (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        var english = await provider.PostAsync($"/api/v1/learning-bookings/{id}/delivery?culture=en", null);
        Assert.Equal("You hold this learning account yourself: another user of the provider must confirm the delivery. Nothing has changed.",
            (await english.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Null(await factory.InDbAsync(db => db.LearningBookings.Where(b => b.Id == id).Select(b => b.ProviderConfirmedAt).SingleAsync()));
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherPayments.CountAsync(p => p.BookingId == id)));
    }

    [Fact]
    public async Task Eight_bookings_racing_through_two_app_instances_for_money_that_covers_four_exactly_four_win()
    {
        var fund = await FunderAsync(factory, "fonds-b5", FunderKind.SectorFund);
        var (_, account) = await HolderAsync("haast@example.org");
        var deposit = await DepositAsync(factory, account, fund, 4 * 250_00);
        var (scheme, _) = await CourseAsync("leer-b5", 250m);
        await using var other = await TargetFactory.SecondInstanceOfAsync(factory);
        var clients = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SignInAsync(i % 2 == 0 ? factory : other, "haast@example.org")));
        using var start = new SemaphoreSlim(0, 8);
        var racers = clients.Select(async c =>
        {
            await start.WaitAsync();
            return await c.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course = scheme.CourseId });
        }).ToList();
        start.Release(8);
        var answers = await Task.WhenAll(racers);
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        Assert.Equal(4, answers.Count(a => a.StatusCode == HttpStatusCode.Conflict));
        var sums = await SumsAsync(factory, account);
        Assert.Equal((1000_00, 0), (sums[(deposit, LedgerBucket.Reserved)], sums[(deposit, LedgerBucket.Available)]));
        Assert.Equal(4, await factory.InDbAsync(db => db.LearningBookings.CountAsync(b => b.AccountId == account)));
    }

    [Fact]
    public void A_booking_is_never_paid_before_both_sides_confirmed_and_the_ledger_spent_it()
    {
        Assert.Equal(VoucherPaymentRule.BookingNotDelivered, VoucherPaymentRule.DecideBooking(true, false, true, false));
        Assert.Equal(VoucherPaymentRule.BookingNotDelivered, VoucherPaymentRule.DecideBooking(false, true, true, false));
        Assert.Equal(VoucherPaymentRule.BookingNotDelivered, VoucherPaymentRule.DecideBooking(true, true, false, false));
        Assert.Equal(VoucherPaymentRule.BookingAlreadyPaid, VoucherPaymentRule.DecideBooking(true, true, true, true));
        Assert.Null(VoucherPaymentRule.DecideBooking(true, true, true, false));
    }
}

public sealed class LearningBookingsApiSqlite(SqliteFactory factory) : LearningBookingsApiTests<SqliteFactory>(factory);
public sealed class LearningBookingsApiPostgres(PostgresFactory factory) : LearningBookingsApiTests<PostgresFactory>(factory);

/// <summary>
/// Where the scheme allows a co-payment (here up to a quarter of the price), the holder may pay the rest of a course
/// themselves by accepting the very amount the preview showed; the account pays its share and the provider is paid that
/// share. When the amount is no longer the one shown (money taken by another booking meanwhile), nothing is reserved.
/// </summary>
public abstract class LearningCoPaymentTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Bookings = "/api/v1/learning-accounts/me/bookings";

    private async Task<(HttpClient Holder, long Account, long Deposit)> HolderAsync(string email, string funder, long cents)
    {
        var fund = await FunderAsync(factory, funder, FunderKind.SectorFund);
        await factory.InScopeAsync(async services =>
        {
            var user = new PactwerkUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email, CreatedAt = DateTime.UtcNow };
            Assert.True((await services.GetRequiredService<UserManager<PactwerkUser>>().CreateAsync(user, DemoPassword)).Succeeded);
        });
        var account = await AccountAsync(factory, email);
        var deposit = await DepositAsync(factory, account, fund, cents);
        return (await SignInAsync(factory, email), account, deposit);
    }

    private Task<(int Postings, int Bookings)> CountsAsync() => factory.InDbAsync(async db => (await db.LedgerPostings.CountAsync(), await db.LearningBookings.CountAsync()));

    private static (decimal Price, decimal FromAccount, decimal CoPayment) Amounts(JsonElement e) =>
        (e.GetProperty("price").GetDecimal(), e.GetProperty("fromAccount").GetDecimal(), e.GetProperty("coPayment").GetDecimal());

    [Fact]
    public async Task The_holder_pays_the_rest_themselves_up_to_the_allowed_share_once_they_accept_the_amount_shown()
    {
        var (holder, account, deposit) = await HolderAsync("eigen@example.org", "fonds-c1", 1000_00);
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-c1", 50_000m, 1200m);
        var before = await CountsAsync();

        // € 200,00 of € 1200,00 is 16,7 %: within the quarter, but only once accepted with that amount.
        var preview = await holder.GetFromJsonAsync<JsonElement>($"{Bookings}/preview?course={scheme.CourseId}");
        Assert.True(preview.GetProperty("mayBook").GetBoolean());
        Assert.Equal((1200m, 1000m, 200m), Amounts(preview));
        var unaccepted = await holder.PostAsJsonAsync(Bookings, new { course = scheme.CourseId });
        Assert.Equal(HttpStatusCode.Conflict, unaccepted.StatusCode);
        var problem = await unaccepted.ReadAsync<JsonElement>();
        Assert.Equal("Uw leerrekening dekt € 1.000,00 van de prijs van € 1.200,00; bevestig dat u zelf € 200,00 bijdraagt. Er is niets geboekt.", problem.GetProperty("detail").GetString());
        Assert.Equal((1200m, 1000m, 200m), Amounts(problem));
        // The yes/no of before is no acceptance of an amount: the same answer, not a crash.
        var yesNo = await holder.PostAsJsonAsync(Bookings, new { course = scheme.CourseId, acceptCoPayment = true });
        Assert.Equal(HttpStatusCode.Conflict, yesNo.StatusCode);
        Assert.Equal((1200m, 1000m, 200m), Amounts(await yesNo.ReadAsync<JsonElement>()));
        // An amount that is no amount of cents, or below zero: 400 naming the field.
        foreach (var bad in new[] { 200.001m, -1m })
        {
            var invalid = await holder.PostAsJsonAsync(Bookings, new { course = scheme.CourseId, coPayment = bad });
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
            Assert.Equal([LearningAccountMessages.CoPaymentInvalid], (await invalid.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("coPayment").EnumerateArray().Select(m => m.GetString()));
        }
        // Less than shown is not what the booking needs either.
        Assert.Equal(HttpStatusCode.Conflict, (await holder.PostAsJsonAsync(Bookings, new { course = scheme.CourseId, coPayment = 199.99m })).StatusCode);
        Assert.Equal(before, await CountsAsync());

        var booked = await holder.PostAsJsonAsync(Bookings, new { course = scheme.CourseId, coPayment = 200.00m });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = await booked.ReadAsync<JsonElement>();
        Assert.Equal((1200m, 1000m, 200m), Amounts(booking));
        Assert.Equal(1000_00, (await SumsAsync(factory, account))[(deposit, LedgerBucket.Reserved)]);

        // Cancelled, and the price raised: € 1500,00 leaves € 500,00 (33,3 %), more than a quarter.
        Assert.Equal(HttpStatusCode.OK, (await holder.PostAsync($"{Bookings}/{booking.GetProperty("id").GetInt64()}/cancel", null)).StatusCode);
        await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.Id == scheme.CourseId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Price, 1500m)));
        var counts = await CountsAsync();
        var tooMuch = await holder.PostAsJsonAsync(Bookings, new { course = scheme.CourseId, coPayment = 500m });
        Assert.Equal(HttpStatusCode.Conflict, tooMuch.StatusCode);
        Assert.Equal("Uw leerrekening dekt € 1.000,00 van de prijs van € 1.500,00; de eigen bijdrage van € 500,00 is meer dan het deel (25%) dat u zelf mag bijdragen. Er is niets geboekt.",
            (await tooMuch.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(counts, await CountsAsync());
        Assert.Equal(1000_00, (await SumsAsync(factory, account))[(deposit, LedgerBucket.Available)]);
    }

    [Fact]
    public async Task Money_taken_between_the_preview_and_the_booking_changes_the_co_payment_and_nothing_is_reserved_until_the_new_amount_is_accepted()
    {
        var (holder, account, deposit) = await HolderAsync("race-eigen@example.org", "fonds-c2", 1000_00);
        var course = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-c2", 50_000m, 1200m);
        var other = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-c3", 50_000m, 100m);

        // The preview shows € 200,00 to pay oneself; before the holder books, another booking takes € 100,00.
        var preview = await holder.GetFromJsonAsync<JsonElement>($"{Bookings}/preview?course={course.CourseId}");
        Assert.Equal((1200m, 1000m, 200m), Amounts(preview));
        Assert.Equal(HttpStatusCode.Created, (await holder.PostAsJsonAsync(Bookings, new { course = other.CourseId })).StatusCode);
        var before = await CountsAsync();
        var sums = await SumsAsync(factory, account);

        // The amount shown is no longer the amount: 409 with the amounts of now (1200 − 900 = 300, the quarter exactly), nothing reserved.
        var stale = await holder.PostAsJsonAsync(Bookings, new { course = course.CourseId, coPayment = preview.GetProperty("coPayment").GetDecimal() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var problem = await stale.ReadAsync<JsonElement>();
        Assert.Equal((1200m, 900m, 300m), Amounts(problem));
        Assert.Equal("De bedragen zijn veranderd sinds u ze zag: uw leerrekening dekt nu € 900,00 van de prijs van € 1.200,00 en uw eigen bijdrage is € 300,00, niet € 200,00. Er is niets geboekt.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(sums, await SumsAsync(factory, account));

        // The new amount accepted: booked, the account's € 900,00 reserved.
        var booked = await holder.PostAsJsonAsync(Bookings, new { course = course.CourseId, coPayment = 300m });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        Assert.Equal((1200m, 900m, 300m), Amounts(await booked.ReadAsync<JsonElement>()));
        Assert.Equal(1000_00, (await SumsAsync(factory, account))[(deposit, LedgerBucket.Reserved)]);
        Assert.Equal(0, (await SumsAsync(factory, account)).GetValueOrDefault((deposit, LedgerBucket.Available)));
    }

    [Fact]
    public async Task The_booking_page_sends_the_amount_it_showed_and_a_changed_amount_books_nothing()
    {
        var (holder, account, deposit) = await HolderAsync("pagina-eigen@example.org", "fonds-c4", 1000_00);
        var course = await VoucherSchemeBuilder.SchemeAsync(factory, "leer-c4", 50_000m, 1200m);
        var page = $"/leerrekening/boeken?course={course.CourseId}";
        var html = await holder.GetStringAsync(page);
        Assert.Contains("name=\"CoPaymentShown\" value=\"20000\"", html);
        var start = System.Text.RegularExpressions.Regex.Match(html, "<option value=\"([0-9-]+)\"").Groups[1].Value;
        var before = await CountsAsync();

        // Not ticked: said at the box, nothing booked.
        var unticked = await PostFormAsync(holder, "/leerrekening/boeken", new() { ["Course"] = course.CourseId.ToString(), ["Start"] = start, ["CoPaymentShown"] = "20000" }, page);
        Assert.Equal(HttpStatusCode.OK, unticked.StatusCode);
        Assert.Contains("id=\"fout-AcceptCoPayment\"", await unticked.Content.ReadAsStringAsync());
        // Ticked with an amount that is not the one needed now (as a page shown before the money changed would send it).
        var stale = await PostFormAsync(holder, "/leerrekening/boeken",
            new() { ["Course"] = course.CourseId.ToString(), ["Start"] = start, ["AcceptCoPayment"] = "true", ["CoPaymentShown"] = "15000" }, page);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("De bedragen zijn veranderd sinds u ze zag", System.Net.WebUtility.HtmlDecode(await stale.Content.ReadAsStringAsync()));
        Assert.Equal(before, await CountsAsync());

        // Ticked with the amount shown: booked.
        var booked = await PostFormAsync(holder, "/leerrekening/boeken",
            new() { ["Course"] = course.CourseId.ToString(), ["Start"] = start, ["AcceptCoPayment"] = "true", ["CoPaymentShown"] = "20000" }, page);
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Equal(1000_00, (await SumsAsync(factory, account))[(deposit, LedgerBucket.Reserved)]);
        Assert.Equal(20000, await factory.InDbAsync(db => db.LearningBookings.Where(b => b.AccountId == account).Select(b => b.CoPayment).SingleAsync()));
    }
}

public sealed class CoPaymentSqliteFactory : SqliteFactory
{
    public CoPaymentSqliteFactory() => With("LearningAccounts:CoPayment:Allowed", "true").With("LearningAccounts:CoPayment:MaxShare", "0.25");
}

public sealed class CoPaymentPostgresFactory : PostgresFactory
{
    public CoPaymentPostgresFactory() => With("LearningAccounts:CoPayment:Allowed", "true").With("LearningAccounts:CoPayment:MaxShare", "0.25");
}

public sealed class LearningCoPaymentSqlite(CoPaymentSqliteFactory factory) : LearningCoPaymentTests<CoPaymentSqliteFactory>(factory);
public sealed class LearningCoPaymentPostgres(CoPaymentPostgresFactory factory) : LearningCoPaymentTests<CoPaymentPostgresFactory>(factory);
