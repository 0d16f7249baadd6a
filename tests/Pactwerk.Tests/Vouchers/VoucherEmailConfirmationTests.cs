using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The applicant's address is confirmed through a link only the mail holds: until then the voucher
/// cannot be enrolled, and after the scheme's days an unconfirmed application expires and releases
/// what it held, so made-up addresses hold neither money nor places.
/// </summary>
public abstract class VoucherEmailConfirmationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<(JsonElement Answer, string Key)> ApplyAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/applications", VoucherSchemeBuilder.Application(scheme, email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        return (answer, VoucherSchemeBuilder.KeyOf(answer));
    }

    private Task<(DateTime? ConfirmedAt, DateTime? ParticipantConfirmedAt, VoucherStatus Status)> RowAsync(string email, string scheme) => factory.InDbAsync(async db =>
    {
        var a = await db.VoucherApplications.AsNoTracking().Where(x => x.Email == email && db.VoucherSchemes.Any(s => s.Id == x.SchemeId && s.Code == scheme))
            .Select(x => new { x.EmailConfirmedAt, x.ParticipantConfirmedAt, x.Status }).SingleAsync();
        return (a.EmailConfirmedAt, a.ParticipantConfirmedAt, a.Status);
    });

    [Fact]
    public async Task The_applicant_confirms_their_address_through_the_mailed_link_and_only_then_the_enrolment()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "adres", ceiling: 10_000m, price: 800m);
        const string email = "adres@example.org";
        var (answer, key) = await ApplyAsync(scheme, email);
        // The answer says by when: the scheme's 7 days from today.
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow.AddDays(7)).ToString("yyyy-MM-dd"), answer.GetProperty("confirmEmailBy").GetString());

        // The status link alone does not confirm the enrolment: whoever applied has it.
        var early = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains(VoucherMessages.ConfirmEmailFirst, await early.Content.ReadAsStringAsync());
        var status = await Anonymous(factory).GetStringAsync(VouchersApi.StatusUrl(key));
        Assert.Contains("id=\"e-mailadres\"", status);
        Assert.Contains("Stuur de e-mail opnieuw", status);
        var enrolmentPage = await Anonymous(factory).GetStringAsync(VouchersApi.EnrolmentUrl(key));
        Assert.DoesNotContain("Ja, ik ben ingeschreven", enrolmentPage);
        Assert.Equal((null, null, VoucherStatus.Granted), await RowAsync(email, "adres"));

        // The mail's first link stays the status page; the confirmation link follows it.
        var mail = (await MailToAsync(factory, email))[0];
        Assert.Equal(VouchersApi.StatusUrl(key), LinkIn(mail));
        var link = await VoucherSchemeBuilder.ConfirmationLinkAsync(factory, email);
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["code"]!;

        // Opening the link (as a mail scanner does) confirms nothing; a changed code is not ours.
        var page = await Anonymous(factory).GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ja, dit is mijn e-mailadres", await page.Content.ReadAsStringAsync());
        Assert.Null((await RowAsync(email, "adres")).ConfirmedAt);
        var forged = await PostFormAsync(Anonymous(factory), "/regelingen/e-mailadres", new() { ["Code"] = code[..^4] + "AAAA" }, link);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Null((await RowAsync(email, "adres")).ConfirmedAt);

        // The button confirms, once: a second click changes nothing and is audited once.
        var confirmed = await PostFormAsync(Anonymous(factory), "/regelingen/e-mailadres", new() { ["Code"] = code }, link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Contains("id=\"gedaan\"", await confirmed.Content.ReadAsStringAsync());
        var at = (await RowAsync(email, "adres")).ConfirmedAt;
        Assert.NotNull(at);
        var again = await PostFormAsync(Anonymous(factory), "/regelingen/e-mailadres", new() { ["Code"] = code }, link);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(at, (await RowAsync(email, "adres")).ConfirmedAt);
        var number = answer.GetProperty("number").GetString()!;
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == number && e.Action == VoucherAuditActions.EmailConfirmed)));
        Assert.DoesNotContain("id=\"e-mailadres\"", await Anonymous(factory).GetStringAsync(VouchersApi.StatusUrl(key)));

        // Now the participant's confirmation is taken.
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key })).StatusCode);
        Assert.NotNull((await RowAsync(email, "adres")).ParticipantConfirmedAt);
    }

    [Fact]
    public async Task The_confirmation_mail_comes_again_on_request_but_not_twice_within_ten_minutes()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "opnieuw", ceiling: 10_000m, price: 800m);
        const string email = "opnieuw@example.org";
        var (answer, key) = await ApplyAsync(scheme, email);
        var first = await VoucherSchemeBuilder.ConfirmationLinkAsync(factory, email);

        var resend = await PostFormAsync(Anonymous(factory), "/regelingen/aanvraag?handler=resend", new() { ["Key"] = key }, VouchersApi.StatusUrl(key));
        Assert.Equal(HttpStatusCode.OK, resend.StatusCode);
        Assert.Contains("id=\"opnieuw\"", await resend.Content.ReadAsStringAsync());
        var second = await VoucherSchemeBuilder.ConfirmationLinkAsync(factory, email, mails: 2);
        Assert.StartsWith("/regelingen/e-mailadres?code=", second);

        var tooSoon = await PostFormAsync(Anonymous(factory), "/regelingen/aanvraag?handler=resend", new() { ["Key"] = key }, VouchersApi.StatusUrl(key));
        Assert.Equal(HttpStatusCode.TooManyRequests, tooSoon.StatusCode);
        var number = answer.GetProperty("number").GetString()!;
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == number && e.Action == VoucherAuditActions.ConfirmationResent)));

        // Either link confirms; once confirmed, nothing more is sent.
        await PostFormAsync(Anonymous(factory), "/regelingen/e-mailadres",
            new() { ["Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + first).Query)["code"]! }, first);
        Assert.NotNull((await RowAsync(email, "opnieuw")).ConfirmedAt);
        await factory.InDbAsync(db => db.AuditEntries.Where(e => e.EntityId == number && e.Action == VoucherAuditActions.ConfirmationResent)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.At, e => e.At.AddHours(-1))));
        var needless = await PostFormAsync(Anonymous(factory), "/regelingen/aanvraag?handler=resend", new() { ["Key"] = key }, VouchersApi.StatusUrl(key));
        Assert.Equal(HttpStatusCode.OK, needless.StatusCode);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == number && e.Action == VoucherAuditActions.ConfirmationResent)));
    }

    [Fact]
    public async Task Unconfirmed_applications_expire_after_the_schemes_days_and_release_what_they_held()
    {
        // Room for one voucher: a (granted) never confirms, b (waiting) does, c (waiting) never does.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "onbevestigd", ceiling: 900m, price: 900m);
        var (a, aKey) = await ApplyAsync(scheme, "a-onbevestigd@example.org");
        var (b, _) = await ApplyAsync(scheme, "b-onbevestigd@example.org");
        var (c, _) = await ApplyAsync(scheme, "c-onbevestigd@example.org");
        Assert.Equal(("Granted", "Waiting", "Waiting"), (a.GetProperty("status").GetString(), b.GetProperty("status").GetString(), c.GetProperty("status").GetString()));
        await VoucherSchemeBuilder.ConfirmEmailAsync(factory, "b-onbevestigd@example.org", "onbevestigd");
        var aLink = await VoucherSchemeBuilder.ConfirmationLinkAsync(factory, "a-onbevestigd@example.org");

        async Task<int> ExpireAsync(DateTime now)
        {
            var count = 0;
            await factory.InScopeAsync(async services => count = await services.GetRequiredService<VoucherExpiry>().ExpireDueAsync(now, CancellationToken.None));
            return count;
        }

        // Within the 7 days nothing expires; after them a and c do, once, whoever runs the expiry at the same moment.
        Assert.Equal(0, await ExpireAsync(DateTime.UtcNow.AddDays(6.9)));
        var runs = await Task.WhenAll(ExpireAsync(DateTime.UtcNow.AddDays(7.1)), ExpireAsync(DateTime.UtcNow.AddDays(7.1)));
        Assert.Equal(2, runs.Sum());

        var rows = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(x => x.Email.EndsWith("-onbevestigd@example.org"))
            .OrderBy(x => x.Arrival).Select(x => new { x.Status, x.Amount, x.SchemeId }).ToListAsync());
        Assert.Equal([VoucherStatus.Expired, VoucherStatus.Granted, VoucherStatus.Expired], rows.Select(r => r.Status));
        // The scheme's sums against its rows: b's amount held, nobody waits.
        var state = await factory.InDbAsync(db => db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Code == "onbevestigd"));
        Assert.Equal(rows.Where(r => VoucherApplication.HoldsReserve(r.Status)).Sum(r => r.Amount), state.Reserved);
        Assert.Equal(900m, state.Reserved);
        Assert.Equal(0, state.Waiting);
        await VoucherSchemeBuilder.AssertWaitingPlacesAsync(factory, state.Id);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == a.GetProperty("number").GetString() && e.Action == VoucherAuditActions.Expired
                                                                                       && e.After!.Contains("not confirmed"))));

        // a's link now finds a closed application: nothing to confirm, nothing changes.
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + aLink).Query)["code"]!;
        var late = await PostFormAsync(Anonymous(factory), "/regelingen/e-mailadres", new() { ["Code"] = code }, aLink);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Null((await RowAsync("a-onbevestigd@example.org", "onbevestigd")).ConfirmedAt);
        Assert.Equal(HttpStatusCode.Conflict, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = aKey })).StatusCode);
        Assert.Equal(VoucherStatus.Expired, (await RowAsync("a-onbevestigd@example.org", "onbevestigd")).Status);
    }

    [Fact]
    public async Task The_officer_sets_the_days_to_confirm_and_the_apply_page_and_the_rules_say_them()
    {
        await VoucherSchemeBuilder.SchemeAsync(factory, "dagen", ceiling: 10_000m, price: 800m);
        Assert.Equal(7, (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/dagen")).GetProperty("confirmEmailWithinDays").GetInt32());
        Assert.Contains("binnen 7 dagen", await Anonymous(factory).GetStringAsync("/regelingen/dagen/aanvragen"));

        var officer = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var form = await Form.OpenAsync(officer, "/regelingen/dagen/bewerken");
        Assert.Equal("7", form["Input.ConfirmEmailWithinDays"]);
        form["Input.ConfirmEmailWithinDays"] = "14";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(officer)).StatusCode);
        Assert.Equal(14, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "dagen").Select(s => s.ConfirmEmailWithinDays).SingleAsync()));
        Assert.Contains("within 14 days", await Anonymous(factory).GetStringAsync("/regelingen/dagen/aanvragen?culture=en"));

        foreach (var bad in new[] { "0", "61", "zeven" })
        {
            var again = await Form.OpenAsync(officer, "/regelingen/dagen/bewerken");
            again["Input.ConfirmEmailWithinDays"] = bad;
            Assert.Equal(HttpStatusCode.BadRequest, (await again.SubmitAsync(officer)).StatusCode);
        }
        Assert.Equal(14, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "dagen").Select(s => s.ConfirmEmailWithinDays).SingleAsync()));
    }
}

public sealed class VoucherEmailConfirmationSqlite(SqliteFactory factory) : VoucherEmailConfirmationTests<SqliteFactory>(factory);
public sealed class VoucherEmailConfirmationPostgres(PostgresFactory factory) : VoucherEmailConfirmationTests<PostgresFactory>(factory);
