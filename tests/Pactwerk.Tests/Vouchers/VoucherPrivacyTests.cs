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
/// The applicant's rights over their data (AVG): what is kept about them on request, erasure that
/// leaves the scheme's accounts whole, and the retention period after a scheme closes.
/// </summary>
public abstract class VoucherPrivacyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_applicant_downloads_everything_kept_about_their_application_and_a_wrong_link_gets_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "inzage", ceiling: 10_000m, price: 1000m);
        var answer = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/inzage/applications",
            VoucherSchemeBuilder.Application(scheme, "inzage@example.org", birth: "1988-02-29"))).ReadAsync<JsonElement>();
        var key = VoucherSchemeBuilder.KeyOf(answer);

        var response = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/export", new { key });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("INZAGE-000001.json", response.Content.Headers.ContentDisposition!.ToString());
        var export = await response.ReadAsync<JsonElement>();
        Assert.Equal("INZAGE-000001", export.GetProperty("number").GetString());
        Assert.Equal("inzage@example.org", export.GetProperty("email").GetString());
        Assert.Equal("1988-02-29", export.GetProperty("dateOfBirth").GetString());
        Assert.Equal(answer.GetProperty("voucherCode").GetString(), export.GetProperty("voucherCode").GetString());
        Assert.Equal(["voucher-granted"], export.GetProperty("decisions").EnumerateArray().Select(e => e.GetProperty("action").GetString()));

        foreach (var bad in new[] { "", "nep", new string('x', 500) })
            Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/export", new { key = bad })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/erasure", new { key = "nep" })).StatusCode);
    }

    [Fact]
    public async Task Erasing_a_voucher_withdraws_it_moves_the_waiting_list_up_and_leaves_a_pseudonym_that_keeps_the_accounts_whole()
    {
        // Budget for two vouchers of € 800; three apply, the third waits.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "wissen", ceiling: 1_600m, price: 800m);
        var answers = new List<JsonElement>();
        foreach (var who in new[] { "een@example.org", "twee@example.org", "drie@example.org" })
            answers.Add(await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/wissen/applications", VoucherSchemeBuilder.Application(scheme, who))).ReadAsync<JsonElement>());
        Assert.Equal(["Granted", "Granted", "Waiting"], answers.Select(a => a.GetProperty("status").GetString()));

        var key = VoucherSchemeBuilder.KeyOf(answers[0]);
        Assert.Equal(HttpStatusCode.NoContent, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/erasure", new { key })).StatusCode);

        var rows = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "wissen")).OrderBy(a => a.Arrival).ToListAsync());
        Assert.DoesNotContain(rows, r => r.Email == "een@example.org");
        Assert.Equal($"gewist-{rows[0].Id}@gewist.invalid", rows[0].Email);
        Assert.Equal(new DateOnly(1900, 1, 1), rows[0].DateOfBirth);
        Assert.Equal(VoucherStatus.Withdrawn, rows[0].Status);
        // The accounts stay whole: amount and code kept; the third moved up into the released budget.
        Assert.Equal(800m, rows[0].Amount);
        Assert.Equal(answers[0].GetProperty("voucherCode").GetString(), rows[0].VoucherCode);
        Assert.Equal(VoucherStatus.Granted, rows[2].Status);
        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/wissen/budget");
        Assert.Equal(rows.Where(r => r.Status == VoucherStatus.Granted).Sum(r => r.Amount), budget.GetProperty("reserved").GetDecimal());
        // The old link leads nowhere now, and the erasure is audited without the address.
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/export", new { key })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/erasure", new { key })).StatusCode);
        var audit = await factory.InDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "voucher-erased" && e.EntityId == "WISSEN-000001").ToListAsync());
        Assert.Single(audit);
        Assert.DoesNotContain("een@example.org", (audit[0].Before ?? "") + (audit[0].After ?? ""));
    }

    [Fact]
    public async Task After_the_retention_period_finished_applications_are_pseudonymised_once_and_open_vouchers_keep_their_data()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "bewaar", ceiling: 500m, price: 500m);
        foreach (var who in new[] { "houder@example.org", "wachter@example.org" })
            await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/bewaar/applications", VoucherSchemeBuilder.Application(scheme, who));
        // The scheme closed 366 days ago; the retention period is 365 days after the close.
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "bewaar").ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTime.UtcNow.AddDays(-366))));

        async Task<int> RetainAsync()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<VoucherPrivacy>().ApplyRetentionAsync(default);
        }
        Assert.True(await RetainAsync() >= 1);
        var rows = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "bewaar")).OrderBy(a => a.Arrival).ToListAsync());
        // The granted voucher is still on its way to payment: its holder's data stays; the waiting list's is gone.
        Assert.Equal("houder@example.org", rows[0].Email);
        Assert.EndsWith("@gewist.invalid", rows[1].Email);
        Assert.Equal(0, await RetainAsync());

        // A scheme that closed yesterday keeps everything.
        var recent = await VoucherSchemeBuilder.SchemeAsync(factory, "recent", ceiling: 500m, price: 500m);
        await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/recent/applications", VoucherSchemeBuilder.Application(recent, "recent@example.org"));
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "recent").ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTime.UtcNow.AddDays(-1))));
        await RetainAsync();
        Assert.True(await factory.InDbAsync(db => db.VoucherApplications.AnyAsync(a => a.Email == "recent@example.org")));
    }

    [Fact]
    public async Task An_address_in_the_reserved_invalid_domain_is_refused_so_nobody_can_pose_as_erased()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "ongeldig", ceiling: 5_000m, price: 500m);
        var response = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/ongeldig/applications", VoucherSchemeBuilder.Application(scheme, "gewist-1@gewist.invalid"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await factory.InDbAsync(db => db.VoucherApplications.AnyAsync(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == "ongeldig"))));
    }
}

public sealed class VoucherPrivacySqlite(SqliteFactory factory) : VoucherPrivacyTests<SqliteFactory>(factory);
public sealed class VoucherPrivacyPostgres(PostgresFactory factory) : VoucherPrivacyTests<PostgresFactory>(factory);
