using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// Every decision about an application reaches the applicant by mail, in their language, without the
/// code that decides having to send it: the first mail carries the status link, later ones the news.
/// </summary>
public abstract class VoucherMailTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_applicant_is_mailed_at_each_step_in_their_language_and_only_the_first_mail_holds_the_link()
    {
        // One voucher of € 700: the first applicant is granted, the second (English) waits, then moves up.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "post", ceiling: 700m, price: 700m);
        var first = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/post/applications", VoucherSchemeBuilder.Application(scheme, "eerste@example.org"))).ReadAsync<JsonElement>();
        var english = VoucherSchemeBuilder.Application(scheme, "second@example.org");
        var body = JsonSerializer.SerializeToElement(english).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        body["language"] = "en";
        var second = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/post/applications", body)).ReadAsync<JsonElement>();
        Assert.Equal("Waiting", second.GetProperty("status").GetString());

        var granted = Assert.Single(await MailToAsync(factory, "eerste@example.org"));
        Assert.Contains("POST-000001", granted.Subject);
        Assert.Contains("Toegekend", granted.HtmlBody);
        Assert.Contains(first.GetProperty("voucherCode").GetString()!, granted.HtmlBody);
        // The link in the mail is the applicant's own status link: it opens their page.
        var link = LinkIn(granted);
        Assert.Equal(first.GetProperty("statusUrl").GetString(), link);
        Assert.Equal(HttpStatusCode.OK, (await Anonymous(factory).GetAsync(link)).StatusCode);

        var waiting = Assert.Single(await MailToAsync(factory, "second@example.org"));
        Assert.Contains("waiting list: 1", waiting.HtmlBody);
        Assert.Equal(second.GetProperty("statusUrl").GetString() + "&culture=en", LinkIn(waiting));

        // The first withdraws: she is told, and the second moves up and is told, without a link this time.
        var key = VoucherSchemeBuilder.KeyOf(first);
        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key })).StatusCode);
        var withdrawn = (await MailToAsync(factory, "eerste@example.org", 2))[1];
        Assert.Contains("Ingetrokken", withdrawn.HtmlBody);
        var movedUp = (await MailToAsync(factory, "second@example.org", 2))[1];
        Assert.Contains("Granted", movedUp.HtmlBody);
        Assert.DoesNotContain("key=", movedUp.HtmlBody);
        Assert.Contains("first mail", movedUp.HtmlBody);
    }

    /// <summary>
    /// Applications that arrive together are decided together and mailed in batches, after the rush:
    /// each waiting applicant's mail gives their place, which here is checked against the database's
    /// own order of those who wait.
    /// </summary>
    [Fact]
    public async Task Applicants_who_arrive_together_each_get_their_mail_with_their_own_place()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "samen", ceiling: 1400m, price: 700m);
        // Three first: two granted, the third waits and withdraws, so a place is not simply an arrival number less two.
        foreach (var email in new[] { "vooraf1@example.org", "vooraf2@example.org" })
            await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/samen/applications", VoucherSchemeBuilder.Application(scheme, email));
        var leaving = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/samen/applications", VoucherSchemeBuilder.Application(scheme, "vooraf3@example.org"))).ReadAsync<JsonElement>();
        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = VoucherSchemeBuilder.KeyOf(leaving) })).StatusCode);

        var people = Enumerable.Range(1, 12).Select(i => $"samen{i}@example.org").ToList();
        var answers = await Task.WhenAll(people.Select(async email =>
            await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/samen/applications", VoucherSchemeBuilder.Application(scheme, email))).ReadAsync<JsonElement>()));
        Assert.All(answers, a => Assert.Equal("Waiting", a.GetProperty("status").GetString()));

        var waiting = await factory.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.VoucherApplications.Where(a => a.Status == Pactwerk.Web.Features.Vouchers.VoucherStatus.Waiting && a.Email.StartsWith("samen")).OrderBy(a => a.Arrival).Select(a => a.Email)));
        Assert.Equal(people.Order(), waiting.Order());
        for (var i = 0; i < waiting.Count; i++)
        {
            var mail = Assert.Single(await MailToAsync(factory, waiting[i]));
            Assert.Contains($"wachtlijst: {i + 1}.", mail.HtmlBody);
        }
    }

    [Fact]
    public async Task A_refused_application_changes_nothing_and_mails_nobody()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "geenpost", ceiling: 700m, price: 700m);
        await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/geenpost/applications", VoucherSchemeBuilder.Application(scheme, "dubbel@example.org"));
        var again = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/geenpost/applications", VoucherSchemeBuilder.Application(scheme, "dubbel@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        await Task.Delay(1000);
        Assert.Single(MailTo(factory, "dubbel@example.org"));
    }
}

public sealed class VoucherMailSqlite(SqliteFactory factory) : VoucherMailTests<SqliteFactory>(factory);
public sealed class VoucherMailPostgres(PostgresFactory factory) : VoucherMailTests<PostgresFactory>(factory);
