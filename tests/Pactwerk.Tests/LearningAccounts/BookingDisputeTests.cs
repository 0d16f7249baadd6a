using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Web.Features.LearningAccounts;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.LearningAccounts.LearningAccountBuilder;

namespace Pactwerk.Tests.LearningAccounts;

/// <summary>
/// A booking that is not delivered as agreed: the holder says so, or the deadline passes; the money is never stuck in a
/// reservation, never paid on the provider's word alone, and a scheme officer's decision that it was delivered still
/// needs a second officer's signature. Checked against the ledger's lines summed in the test.
/// </summary>
public abstract partial class LearningBookingsApiTests<TFactory>
{
    private static string Mine(long id, string step) => $"/api/v1/learning-accounts/me/bookings/{id}/{step}";

    private async Task<long> BookAsync(HttpClient holder, int course, DateOnly? start = null)
    {
        var booked = await holder.PostAsJsonAsync("/api/v1/learning-accounts/me/bookings", new { course, start = start?.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        return (await booked.ReadAsync<JsonElement>()).GetProperty("id").GetInt64();
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response) => (await response.ReadAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task The_holder_says_a_course_was_not_delivered_and_the_scheme_officer_gives_the_money_back_to_the_same_deposits()
    {
        var fund = await FunderAsync(factory, "fonds-d1", FunderKind.SectorFund);
        var (holder, account) = await HolderAsync("geschil@example.org");
        var deposit = await DepositAsync(factory, account, fund, 3000_00);
        var (scheme, provider) = await CourseAsync("leer-d1", 820.25m);
        var id = await BookAsync(holder, scheme.CourseId);
        var later = await BookAsync(holder, scheme.CourseId, Today.AddDays(7));
        var counts = await CountsAsync();

        // Without words, or before the start (then it is cancelled instead): refused, nothing changed.
        var empty = await holder.PostAsJsonAsync(Mine(id, "dispute"), new { reason = "  " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(LearningAccountMessages.DisputeReasonMissing, (await empty.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());
        var early = await holder.PostAsJsonAsync(Mine(later, "dispute"), new { reason = "Nog niet begonnen." });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(LearningAccountMessages.Format(LearningAccountMessages.DisputeBeforeStart, Today.AddDays(7).ToString("yyyy-MM-dd")), await DetailAsync(early));
        // In English too.
        var english = await holder.PostAsJsonAsync(Mine(id, "dispute") + "?culture=en", new { reason = "" });
        Assert.Equal("Write what was not delivered, so the scheme can look into it.",
            (await english.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("reason")[0].GetString());
        Assert.Equal(counts, await CountsAsync());

        var disputed = await holder.PostAsJsonAsync(Mine(id, "dispute"), new { reason = "De docent is nooit gekomen." });
        Assert.Equal(HttpStatusCode.OK, disputed.StatusCode);
        Assert.Equal(BookingStatus.Disputed.ToString(), (await disputed.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        // Saying it again answers the same; nothing else moves it now: not the provider, not the holder, no cancellation.
        Assert.Equal(HttpStatusCode.OK, (await holder.PostAsJsonAsync(Mine(id, "dispute"), new { reason = "Nogmaals." })).StatusCode);
        var byProvider = await provider.PostAsync($"/api/v1/learning-bookings/{id}/delivery", null);
        Assert.Equal(HttpStatusCode.Conflict, byProvider.StatusCode);
        Assert.Equal(LearningAccountMessages.DisputeWaits, await DetailAsync(byProvider));
        Assert.Equal(HttpStatusCode.Conflict, (await holder.PostAsync(Mine(id, "delivery"), null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await holder.PostAsync(Mine(id, "cancel"), null)).StatusCode);
        var sums = await SumsAsync(factory, account);
        Assert.Equal(820_25 * 2, sums[(deposit, LedgerBucket.Reserved)]);

        // The provider sees that it is disputed, not the holder's words; the scheme's officer sees the words, not who the holder is.
        var providerList = await provider.GetStringAsync("/api/v1/learning-bookings");
        Assert.Contains("\"status\":\"Disputed\"", providerList);
        Assert.DoesNotContain("De docent is nooit gekomen.", providerList);
        var officer = await SignInAsync(factory, Officer);
        var open = await officer.GetFromJsonAsync<JsonElement>("/api/v1/learning-bookings/disputes");
        var row = Assert.Single(open.EnumerateArray(), r => r.GetProperty("id").GetInt64() == id);
        Assert.Equal("De docent is nooit gekomen.", row.GetProperty("disputeReason").GetString());
        Assert.DoesNotContain("geschil@example.org", open.GetRawText());

        // Who does not decide for the scheme learns nothing; a decision needs both fields; "delivered" needs the provider's word.
        Assert.Equal(HttpStatusCode.NotFound, (await provider.PostAsJsonAsync($"/api/v1/learning-bookings/{id}/resolution", new { delivered = false, reason = "x" })).StatusCode);
        var incomplete = await officer.PostAsJsonAsync($"/api/v1/learning-bookings/{id}/resolution", new { });
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        var errors = (await incomplete.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("delivered", out _) && errors.TryGetProperty("reason", out _));
        var unconfirmed = await officer.PostAsJsonAsync($"/api/v1/learning-bookings/{id}/resolution", new { delivered = true, reason = "Aanbieder zegt geleverd." });
        Assert.Equal(HttpStatusCode.Conflict, unconfirmed.StatusCode);
        Assert.Equal(LearningAccountMessages.ProviderDidNotConfirm, await DetailAsync(unconfirmed));
        Assert.Equal(sums, await SumsAsync(factory, account));

        var decided = await officer.PostAsJsonAsync($"/api/v1/learning-bookings/{id}/resolution", new { delivered = false, reason = "Aanbieder bevestigt dat de les uitviel." });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var after = await decided.ReadAsync<JsonElement>();
        Assert.Equal((BookingStatus.NotDelivered.ToString(), "Aanbieder bevestigt dat de les uitviel."), (after.GetProperty("status").GetString(), after.GetProperty("resolution").GetString()));
        // The money is back on the same deposit: only the later booking's reservation is left, nothing spent, nobody paid.
        sums = await SumsAsync(factory, account);
        Assert.Equal(820_25, sums[(deposit, LedgerBucket.Reserved)]);
        Assert.Equal(3000_00 - 820_25, sums[(deposit, LedgerBucket.Available)]);
        Assert.False(sums.ContainsKey((deposit, LedgerBucket.Spent)));
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherPayments.CountAsync(p => p.BookingId == id)));
        // Decided once.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/learning-bookings/{id}/resolution", new { delivered = false, reason = "Nogmaals." })).StatusCode);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Disputed && e.EntityId == id.ToString())));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.DisputeResolved && e.EntityId == id.ToString())));
    }

    [Fact]
    public async Task After_the_deadline_an_unconfirmed_booking_lapses_and_one_only_the_provider_confirmed_waits_for_an_officer_whose_yes_needs_a_second_signature()
    {
        var fund = await FunderAsync(factory, "fonds-d2", FunderKind.SectorFund);
        var (holder, account) = await HolderAsync("termijn@example.org");
        var deposit = await DepositAsync(factory, account, fund, 3000_00);
        var (scheme, provider) = await CourseAsync("leer-d2", 820.25m);
        var silent = await BookAsync(holder, scheme.CourseId);
        var providerOnly = await BookAsync(holder, scheme.CourseId);
        var notYetDue = await BookAsync(holder, scheme.CourseId, Today.AddDays(7));
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/v1/learning-bookings/{providerOnly}/delivery", null)).StatusCode);

        async Task<(int Lapsed, int Disputed)> DeadlineAsync(DateOnly day)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<BookingDisputes>().ApplyDeadlineAsync(day, default);
        }
        // Sixty days after the start (the default) nothing of this account is due yet; the day after, its two started bookings are.
        // (The deadline is the whole scheme's: other tests' bookings of this database that started today are due too.)
        Task<Dictionary<long, BookingStatus>> StatusesAsync() => factory.InDbAsync(db => db.LearningBookings.Where(b => b.AccountId == account).ToDictionaryAsync(b => b.Id, b => b.Status));
        await DeadlineAsync(Today.AddDays(60));
        Assert.All((await StatusesAsync()).Values, s => Assert.Equal(BookingStatus.Reserved, s));
        var (lapsedNow, disputedNow) = await DeadlineAsync(Today.AddDays(61));
        Assert.True(lapsedNow >= 1 && disputedNow >= 1, $"{lapsedNow} lapsed, {disputedNow} disputed");
        Assert.Equal((0, 0), await DeadlineAsync(Today.AddDays(61)));
        var statuses = await StatusesAsync();
        Assert.Equal(BookingStatus.Lapsed, statuses[silent]);
        Assert.Equal(BookingStatus.Disputed, statuses[providerOnly]);
        Assert.Equal(BookingStatus.Reserved, statuses[notYetDue]);
        // The lapsed booking's money is back; the disputed one's and the later one's stay reserved.
        var sums = await SumsAsync(factory, account);
        Assert.Equal(820_25 * 2, sums[(deposit, LedgerBucket.Reserved)]);
        Assert.Equal(3000_00 - 820_25 * 2, sums[(deposit, LedgerBucket.Available)]);

        // The officer finds it delivered: spent, and the payment waits for a second officer, since this one approved it.
        var officer = await SignInAsync(factory, Officer);
        var decided = await officer.PostAsJsonAsync($"/api/v1/learning-bookings/{providerOnly}/resolution", new { delivered = true, reason = "Presentielijst van de aanbieder gezien." });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var after = await decided.ReadAsync<JsonElement>();
        Assert.Equal((BookingStatus.Delivered.ToString(), PaymentStatus.AwaitingCoSignature.ToString()), (after.GetProperty("status").GetString(), after.GetProperty("payment").GetString()));
        sums = await SumsAsync(factory, account);
        Assert.Equal((820_25, 820_25), (sums[(deposit, LedgerBucket.Spent)], sums[(deposit, LedgerBucket.Reserved)]));
        var overview = await officer.GetFromJsonAsync<JsonElement>($"/api/v1/voucher-schemes/{scheme.Code}/payments");
        var payment = Assert.Single(overview.GetProperty("payments").EnumerateArray(), p => p.GetProperty("voucher").GetString() == LearningBooking.CodeOf(providerOnly));
        var officerName = await factory.InDbAsync(db => db.Users.Where(u => u.Email == Officer).Select(u => u.DisplayName).SingleAsync());
        Assert.Equal(officerName, payment.GetProperty("approvedBy").GetString());
        var selfSigned = await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/payments/{payment.GetProperty("id").GetInt32()}/co-signature", new { reason = "Zelf." });
        Assert.NotEqual(HttpStatusCode.OK, selfSigned.StatusCode);
        Assert.Equal(PaymentStatus.AwaitingCoSignature, await factory.InDbAsync(db => db.VoucherPayments.Where(p => p.BookingId == providerOnly).Select(p => p.Status).SingleAsync()));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == LearningAccountAuditActions.Lapsed && e.EntityId == silent.ToString())));
    }
    [Fact]
    public async Task On_the_pages_the_holder_reports_a_course_not_delivered_and_the_officer_decides_in_Dutch_and_English()
    {
        var fund = await FunderAsync(factory, "fonds-d3", FunderKind.SectorFund);
        var (holder, account) = await HolderAsync("pagina-geschil@example.org");
        var deposit = await DepositAsync(factory, account, fund, 2000_00);
        var (scheme, _) = await CourseAsync("leer-d3", 640.50m);
        var id = await BookAsync(holder, scheme.CourseId);
        var code = LearningBooking.CodeOf(id);

        // The holder's page offers it from the start date; without words it is refused with the reason and nothing changes.
        var page = System.Net.WebUtility.HtmlDecode(await holder.GetStringAsync("/leerrekening"));
        Assert.Contains("Niet geleverd?", page);
        Assert.Contains($"for=\"reden-{id}\"", page);
        var empty = await PostFormAsync(holder, $"/leerrekening?handler=Dispute&id={id}", new() { ["reason"] = "" }, "/leerrekening");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains(LearningAccountMessages.DisputeReasonMissing, System.Net.WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        Assert.Equal(BookingStatus.Reserved, await factory.InDbAsync(db => db.LearningBookings.Where(b => b.Id == id).Select(b => b.Status).SingleAsync()));
        var reported = await PostFormAsync(holder, $"/leerrekening?handler=Dispute&id={id}", new() { ["reason"] = "Het lokaal was dicht." }, "/leerrekening");
        var reportedText = System.Net.WebUtility.HtmlDecode(await reported.Content.ReadAsStringAsync());
        Assert.Contains($"U hebt gemeld dat opleiding {code} niet is geleverd", reportedText);
        Assert.Contains("Melding: Het lokaal was dicht.", reportedText);

        // The officer's page in English: the words, and "delivered" cannot be chosen since the provider did not confirm.
        var officer = await SignInAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var list = System.Net.WebUtility.HtmlDecode(await officer.GetStringAsync("/regeling/leerrekening-meldingen"));
        Assert.Contains("Reports on learning-account bookings", list);
        Assert.Contains("Het lokaal was dicht.", list);
        Assert.DoesNotContain("pagina-geschil@example.org", list);
        var missing = await PostFormAsync(officer, $"/regeling/leerrekening-meldingen?id={id}", new() { ["reason"] = "Klopt." }, "/regeling/leerrekening-meldingen");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Choose whether the course was delivered.", System.Net.WebUtility.HtmlDecode(await missing.Content.ReadAsStringAsync()));
        var decided = await PostFormAsync(officer, $"/regeling/leerrekening-meldingen?id={id}", new() { ["delivered"] = "nee", ["reason"] = "De aanbieder bevestigt dat het lokaal dicht was." },
            "/regeling/leerrekening-meldingen");
        var decidedText = System.Net.WebUtility.HtmlDecode(await decided.Content.ReadAsStringAsync());
        Assert.Contains($"Booking {code} was found not delivered; the money is back on the learning account.", decidedText);
        Assert.DoesNotContain($"id=\"melding-{id}\"", decidedText);
        var sums = await SumsAsync(factory, account);
        Assert.Equal(2000_00, sums[(deposit, LedgerBucket.Available)]);
        Assert.Equal(0, sums[(deposit, LedgerBucket.Reserved)]);
    }
}
