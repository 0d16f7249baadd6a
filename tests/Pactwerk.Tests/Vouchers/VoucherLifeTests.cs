using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// The voucher's life after the grant, through the API as provider users, participants and
/// officers use it: enrolment confirmed by both sides in either order, delivery evidence, the
/// officer's approval or return, refusal and expiry releasing the budget and moving the waiting
/// list up in order; every step refused to the wrong person and out of turn, changing nothing.
/// </summary>
public abstract class VoucherLifeTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Officer = "coordinator@techniekpact.demo";
    private const string ProviderUser = "lid@pactwerk.demo";
    private const string OtherProviderUser = "lerendnetwerk@zorgpact.demo";

    /// <summary>A minimal PDF: what the check reads is its first bytes.</summary>
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    private sealed record Voucher(string Code, string Key, string Number, decimal Amount);

    private async Task<Voucher> ApplyAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/applications", VoucherSchemeBuilder.Application(scheme, email));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        var key = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + answer.GetProperty("statusUrl").GetString()).Query)["key"]!;
        var code = await factory.InDbAsync(db => db.VoucherApplications.Where(a => a.Email == email && db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == scheme.Code))
            .Select(a => a.VoucherCode).SingleAsync());
        // The participant's address confirmed through the mailed link: a voucher's enrolment needs it.
        await VoucherSchemeBuilder.ConfirmEmailAsync(factory, email, scheme.Code);
        return new Voucher(code, key, answer.GetProperty("number").GetString()!, answer.GetProperty("amount").GetDecimal());
    }

    private async Task<HttpClient> ProviderAsync(VoucherSchemeBuilder.Built scheme, string email)
    {
        var officer = await SignInAsync(factory, Officer);
        var linked = await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/{scheme.Code}/providers/{scheme.ProviderId}/users", new { email });
        Assert.Equal(HttpStatusCode.OK, linked.StatusCode);
        return await SignInAsync(factory, email);
    }

    private static MultipartFormDataContent Evidence(string attendance, string completedOn, byte[] file, string name = "certificaat.pdf")
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(attendance), "attendancePercent" },
            { new StringContent(completedOn), "completedOn" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(bytes, "file", name);
        return content;
    }

    private static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd");

    private Task<VoucherStatus> StatusAsync(string code) => factory.InDbAsync(db => db.VoucherApplications.Where(a => a.VoucherCode == code).Select(a => a.Status).SingleAsync());

    /// <summary>The scheme's reserve and waiting count, and the same two figures summed from its applications.</summary>
    private Task<(decimal Reserved, int Waiting, decimal HeldByVouchers, int WaitingApplications)> BudgetAsync(string code) => factory.InDbAsync(async db =>
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Code == code);
        var rows = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id).Select(a => new { a.Status, a.Amount }).ToListAsync();
        var held = rows.Where(a => a.Status is VoucherStatus.Granted or VoucherStatus.Enrolled or VoucherStatus.Delivered or VoucherStatus.Approved).Sum(a => a.Amount);
        return (scheme.Reserved, scheme.Waiting, held, rows.Count(a => a.Status == VoucherStatus.Waiting));
    });

    [Fact]
    public async Task A_voucher_lives_from_granted_to_approved_with_the_provider_confirming_first()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-a", ceiling: 10_000m, price: 1250.50m);
        var voucher = await ApplyAsync(scheme, "deelnemer@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);

        // The provider sees the voucher by its code, without the participant's e-mail address.
        var seen = await provider.GetAsync($"/api/v1/vouchers/{voucher.Code}");
        Assert.Equal(HttpStatusCode.OK, seen.StatusCode);
        var text = await seen.Content.ReadAsStringAsync();
        Assert.DoesNotContain("deelnemer@example.org", text);
        var dto = JsonSerializer.Deserialize<JsonElement>(text);
        Assert.Equal("Granted", dto.GetProperty("status").GetString());
        Assert.Equal(1250.50m, dto.GetProperty("amount").GetDecimal());
        Assert.Equal("Elektrotechniek", dto.GetProperty("course").GetString());

        var first = await (await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).ReadAsync<JsonElement>();
        Assert.Equal("Granted", first.GetProperty("status").GetString());
        Assert.NotEqual(JsonValueKind.Null, first.GetProperty("providerConfirmedAt").ValueKind);
        // A second click: the same answer, one audit entry.
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).StatusCode);
        var both = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = voucher.Key });
        Assert.Equal(HttpStatusCode.OK, both.StatusCode);
        Assert.Equal("Enrolled", (await both.ReadAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(voucher.Code));
        Assert.Equal(2, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-enrolment-confirmed" && e.EntityId == voucher.Number)));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-enrolled" && e.EntityId == voucher.Number)));

        var delivered = await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("92", Today, Pdf));
        Assert.Equal(HttpStatusCode.OK, delivered.StatusCode);
        var evidence = (await delivered.ReadAsync<JsonElement>()).GetProperty("evidence");
        Assert.Equal(92, evidence.GetProperty("attendancePercent").GetInt32());
        Assert.Equal("application/pdf", evidence.GetProperty("contentType").GetString());
        Assert.Equal(VoucherStatus.Delivered, await StatusAsync(voucher.Code));

        // The officer sees it among the delivered, downloads the certificate as sent, and approves it with a reason.
        var officer = await SignInAsync(factory, Officer);
        var list = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/voucher-schemes/leven-a/delivered");
        Assert.Equal(voucher.Code, Assert.Single(list!).GetProperty("code").GetString());
        Assert.Equal(Pdf, await officer.GetByteArrayAsync($"/api/v1/vouchers/{voucher.Code}/certificate"));
        Assert.Equal(Pdf, await provider.GetByteArrayAsync($"/api/v1/vouchers/{voucher.Code}/certificate"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync($"/api/v1/vouchers/{voucher.Code}/certificate")).StatusCode);
        // The provider cannot approve its own evidence.
        Assert.Equal(HttpStatusCode.Forbidden, (await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/approval", new { reason = "zelf" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/approval", new { reason = " " })).StatusCode);
        Assert.Equal(VoucherStatus.Delivered, await StatusAsync(voucher.Code));
        var approved = await officer.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/approval", new { reason = "Certificaat en aanwezigheid in orde" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal(VoucherStatus.Approved, await StatusAsync(voucher.Code));
        var entry = await factory.InDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "voucher-approved" && e.EntityId == voucher.Number));
        Assert.Contains("Certificaat en aanwezigheid in orde", entry.After);
        Assert.NotNull(entry.UserId);
        // Approved twice is refused, and the amount stays reserved until paid.
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/approval", new { reason = "nog eens" })).StatusCode);
        var budget = await BudgetAsync("leven-a");
        Assert.Equal(1250.50m, budget.Reserved);
        Assert.Equal(budget.HeldByVouchers, budget.Reserved);
    }

    [Fact]
    public async Task The_participant_may_confirm_first_and_returned_evidence_is_submitted_again()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-b", ceiling: 10_000m, price: 800m);
        var voucher = await ApplyAsync(scheme, "eerst@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);
        var own = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = voucher.Key })).ReadAsync<JsonElement>();
        Assert.Equal("Granted", own.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = "verkeerd" })).StatusCode);
        var enrolled = await (await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).ReadAsync<JsonElement>();
        Assert.Equal("Enrolled", enrolled.GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("70", Today, Pdf))).StatusCode);
        var officer = await SignInAsync(factory, Officer);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/return", new { reason = "Certificaat onleesbaar" })).StatusCode);
        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(voucher.Code));
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("75", Today, png, "scan.png"))).StatusCode);
        var evidence = await factory.InDbAsync(db => db.VoucherEvidence.AsNoTracking().SingleAsync(e => db.VoucherApplications.Any(a => a.Id == e.ApplicationId && a.VoucherCode == voucher.Code)));
        Assert.Equal(75, evidence.AttendancePercent);
        Assert.Equal("image/png", evidence.ContentType);
        Assert.Equal(png, evidence.Certificate);
        Assert.Equal(VoucherStatus.Delivered, await StatusAsync(voucher.Code));
    }

    [Fact]
    public async Task Both_confirmations_at_once_and_double_clicks_enrol_each_voucher_once()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-samen", ceiling: 10_000m, price: 500m);
        var vouchers = new List<Voucher>();
        for (var i = 0; i < 6; i++)
            vouchers.Add(await ApplyAsync(scheme, $"samen{i}@example.org"));
        var provider = await ProviderAsync(scheme, ProviderUser);
        // Each voucher: the provider twice and the participant twice, all at the same moment.
        var responses = await Task.WhenAll(vouchers.SelectMany(v => new[]
        {
            provider.PostAsJsonAsync($"/api/v1/vouchers/{v.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme)),
            provider.PostAsJsonAsync($"/api/v1/vouchers/{v.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme)),
            Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = v.Key }),
            Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = v.Key }),
        }));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var v in vouchers)
        {
            Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(v.Code));
            Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-enrolled" && e.EntityId == v.Number)));
            Assert.Equal(2, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "voucher-enrolment-confirmed" && e.EntityId == v.Number)));
        }
        var budget = await BudgetAsync("leven-samen");
        Assert.Equal(6 * 500m, budget.Reserved);
        Assert.Equal(budget.HeldByVouchers, budget.Reserved);
    }

    [Fact]
    public async Task The_provider_confirms_an_enrolment_only_with_the_courses_start_date_and_a_wrong_one_changes_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-start", ceiling: 10_000m, price: 900m);
        var voucher = await ApplyAsync(scheme, "start@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);
        var before = await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == voucher.Number));
        var url = $"/api/v1/vouchers/{voucher.Code}/enrolment";

        async Task AssertRefusedAsync(HttpResponseMessage response, string message)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.ReadAsync<JsonElement>();
            Assert.Equal(message, problem.GetProperty("errors").GetProperty("start")[0].GetString());
        }
        await AssertRefusedAsync(await provider.PostAsync(url, null), VoucherMessages.EnrolmentStartMissing);
        await AssertRefusedAsync(await provider.PostAsJsonAsync(url, new { }), VoucherMessages.EnrolmentStartMissing);
        // The Dutch way of writing it is the page's; the API takes ISO dates only, and says so.
        await AssertRefusedAsync(await provider.PostAsJsonAsync(url, new { start = scheme.Start.ToString("dd-MM-yyyy") }), VoucherMessages.EnrolmentStartMissing);
        await AssertRefusedAsync(await provider.PostAsJsonAsync(url, new { start = scheme.Start.AddDays(7).ToString("yyyy-MM-dd") }), VoucherMessages.StartMismatch);

        var unchanged = await factory.InDbAsync(db => db.VoucherApplications.AsNoTracking().Where(a => a.VoucherCode == voucher.Code)
            .Select(a => new { a.Status, a.ProviderConfirmedAt }).SingleAsync());
        Assert.Equal(VoucherStatus.Granted, unchanged.Status);
        Assert.Null(unchanged.ProviderConfirmedAt);
        Assert.Equal(before, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == voucher.Number)));

        var confirmed = await provider.PostAsJsonAsync(url, new { start = " " + scheme.Start.ToString("yyyy-MM-dd") + " " });
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.NotNull((await confirmed.ReadAsync<JsonElement>()).GetProperty("providerConfirmedAt").GetString());
    }

    [Fact]
    public async Task Another_providers_user_cannot_see_confirm_or_submit_evidence_and_nothing_changes()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-c", ceiling: 10_000m, price: 900m);
        var other = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-d", ceiling: 10_000m, price: 900m);
        var voucher = await ApplyAsync(scheme, "mijn@example.org");
        var stranger = await ProviderAsync(other, OtherProviderUser);
        var before = await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == voucher.Number));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/vouchers/{voucher.Code}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).StatusCode);
        // Enrolled by the participant and the right provider, the voucher still refuses the stranger's evidence.
        await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = voucher.Key });
        var provider = await ProviderAsync(scheme, ProviderUser);
        Assert.Equal(HttpStatusCode.OK, (await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).StatusCode);
        var afterEnrolment = await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == voucher.Number));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("90", Today, Pdf))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/vouchers/{voucher.Code}/certificate")).StatusCode);
        // A signed-in account that acts for no provider, and the officer, do not confirm for the provider.
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync(factory, "oost@techniekpact.demo")).PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, Officer)).PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("90", Today, Pdf))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", null)).StatusCode);

        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(voucher.Code));
        // Two confirmations and the enrolment were audited; the stranger's attempts added nothing.
        Assert.Equal(before + 3, afterEnrolment);
        Assert.Equal(afterEnrolment, await factory.InDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityId == voucher.Number)));
        Assert.False(await factory.InDbAsync(db => db.VoucherEvidence.AnyAsync(e => db.VoucherApplications.Any(a => a.Id == e.ApplicationId && a.VoucherCode == voucher.Code))));
        // Only the scheme's officers link accounts to its providers.
        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsJsonAsync($"/api/v1/voucher-schemes/leven-c/providers/{scheme.ProviderId}/users", new { email = OtherProviderUser })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/vouchers/{voucher.Code}")).StatusCode);
    }

    [Fact]
    public async Task Evidence_before_enrolment_or_with_a_wrong_file_is_refused_and_changes_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leven-e", ceiling: 10_000m, price: 900m);
        var voucher = await ApplyAsync(scheme, "vroeg@example.org");
        var provider = await ProviderAsync(scheme, ProviderUser);
        var early = await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("90", Today, Pdf));
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("ingeschreven voucher", (await early.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(VoucherStatus.Granted, await StatusAsync(voucher.Code));

        await provider.PostAsJsonAsync($"/api/v1/vouchers/{voucher.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme));
        await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = voucher.Key });
        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(voucher.Code));

        var gif = await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("90", Today, Encoding.ASCII.GetBytes("GIF89a......"), "diploma.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, gif.StatusCode);
        Assert.Equal("Het certificaat moet een PDF-, PNG- of JPEG-bestand zijn.", (await gif.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("file")[0].GetString());
        var wrong = await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("101", DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd"), Pdf));
        var errors = (await wrong.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("attendancePercent", out _));
        Assert.True(errors.TryGetProperty("completedOn", out _));
        var big = new byte[VoucherLife.MaxCertificateBytes + 1];
        Pdf.CopyTo(big, 0);
        var oversized = await provider.PostAsync($"/api/v1/vouchers/{voucher.Code}/completion", Evidence("90", Today, big));
        Assert.True(oversized.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, oversized.StatusCode.ToString());
        Assert.Contains("te groot", await oversized.Content.ReadAsStringAsync());

        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(voucher.Code));
        Assert.False(await factory.InDbAsync(db => db.VoucherEvidence.AnyAsync(e => db.VoucherApplications.Any(a => a.Id == e.ApplicationId && a.VoucherCode == voucher.Code))));
        Assert.False(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "voucher-delivered" && e.EntityId == voucher.Number)));
    }

    [Fact]
    public async Task A_refusal_releases_the_voucher_and_the_waiting_list_moves_up_in_order()
    {
        // 1,000.00 a voucher under a ceiling of 3,000.00: three granted, two waiting.
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "weigeren", ceiling: 3000m, price: 1000m);
        var a = await ApplyAsync(scheme, "a@example.org");
        var b = await ApplyAsync(scheme, "b@example.org");
        var c = await ApplyAsync(scheme, "c@example.org");
        var d = await ApplyAsync(scheme, "d@example.org");
        var e = await ApplyAsync(scheme, "e@example.org");
        Assert.Equal(VoucherStatus.Waiting, await StatusAsync(d.Code));
        var officer = await SignInAsync(factory, Officer);

        // Not an officer, no reason, an unknown number: refused, nothing changes.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "coordinator@zorgpact.demo")).PostAsJsonAsync($"/api/v1/voucher-schemes/weigeren/applications/{b.Number}/refusal", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/weigeren/applications/{b.Number}/refusal", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.PostAsJsonAsync("/api/v1/voucher-schemes/weigeren/applications/WEIGEREN-000099/refusal", new { reason = "x" })).StatusCode);
        Assert.Equal((3000m, 2, 3000m, 2), await BudgetAsync("weigeren"));

        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/weigeren/applications/{b.Number}/refusal", new { reason = "Dubbele identiteit" })).StatusCode);
        Assert.Equal(VoucherStatus.Refused, await StatusAsync(b.Code));
        // The first in line (d), not the second (e), takes the released 1,000.00.
        Assert.Equal(VoucherStatus.Granted, await StatusAsync(d.Code));
        Assert.Equal(VoucherStatus.Waiting, await StatusAsync(e.Code));
        var budget = await BudgetAsync("weigeren");
        Assert.Equal(budget.HeldByVouchers, budget.Reserved);
        Assert.Equal(a.Amount + c.Amount + d.Amount, budget.Reserved);
        Assert.Equal(budget.WaitingApplications, budget.Waiting);
        Assert.Equal(1, budget.Waiting);

        // A waiting application refused leaves the list; a refusal twice changes nothing.
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/weigeren/applications/{e.Number.ToLowerInvariant()}/refusal", new { reason = "Geen doelgroep" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsJsonAsync($"/api/v1/voucher-schemes/weigeren/applications/{b.Number}/refusal", new { reason = "nog eens" })).StatusCode);
        Assert.Equal((3000m, 0, 3000m, 0), await BudgetAsync("weigeren"));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(x => x.Action == "voucher-refused" && x.EntityId == b.Number && x.After!.Contains("Dubbele identiteit"))));
    }

    [Fact]
    public async Task Vouchers_not_enrolled_in_time_expire_once_and_the_waiting_list_moves_up()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "verlopen", ceiling: 2000m, price: 1000m);
        var a = await ApplyAsync(scheme, "a@example.org");
        var b = await ApplyAsync(scheme, "b@example.org");
        var c = await ApplyAsync(scheme, "c@example.org");
        var d = await ApplyAsync(scheme, "d@example.org");
        var e = await ApplyAsync(scheme, "e@example.org");
        // b is enrolled: it does not expire, however old its grant.
        var provider = await ProviderAsync(scheme, ProviderUser);
        await provider.PostAsJsonAsync($"/api/v1/vouchers/{b.Code}/enrolment", VoucherSchemeBuilder.Enrolment(scheme));
        await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/enrolment", new { key = b.Key });
        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(b.Code));
        var days = await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "verlopen").Select(s => s.ExpireAfterDays).SingleAsync());
        Assert.Equal(90, days);

        async Task<int> ExpireAsync(DateTime now)
        {
            var count = 0;
            await factory.InScopeAsync(async services => count = await services.GetRequiredService<VoucherExpiry>().ExpireDueAsync(now, CancellationToken.None));
            return count;
        }

        // Granted 89 days ago nothing is due; 91 days ago a expires, and c (first in line) moves up, not d.
        // Two runs at the same moment (two processes) expire and release it once.
        async Task GrantedDaysAgoAsync(string code, int days) =>
            await factory.InDbAsync(db => db.VoucherApplications.Where(x => x.VoucherCode == code).ExecuteUpdateAsync(x => x.SetProperty(y => y.GrantedAt, DateTime.UtcNow.AddDays(-days))));
        await GrantedDaysAgoAsync(a.Code, 89);
        Assert.Equal(0, await ExpireAsync(DateTime.UtcNow));
        await GrantedDaysAgoAsync(a.Code, 91);
        var runs = await Task.WhenAll(ExpireAsync(DateTime.UtcNow), ExpireAsync(DateTime.UtcNow));
        Assert.Equal(1, runs.Sum());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(x => x.Action == "voucher-expired" && x.EntityId == a.Number)));
        Assert.Equal(VoucherStatus.Expired, await StatusAsync(a.Code));
        Assert.Equal(VoucherStatus.Enrolled, await StatusAsync(b.Code));
        Assert.Equal(VoucherStatus.Granted, await StatusAsync(c.Code));
        Assert.Equal(VoucherStatus.Waiting, await StatusAsync(d.Code));
        var budget = await BudgetAsync("verlopen");
        Assert.Equal(b.Amount + c.Amount, budget.Reserved);
        Assert.Equal(budget.HeldByVouchers, budget.Reserved);
        Assert.Equal((2, 2), (budget.Waiting, budget.WaitingApplications));
        Assert.Equal(0, await ExpireAsync(DateTime.UtcNow));

        // c expires while its holder withdraws at the same moment: released once, d moves up once.
        // c's grant is made 100 days old and the clock is now, so d, granted when c goes, is not yet due itself.
        await GrantedDaysAgoAsync(c.Code, 100);
        var expiry = ExpireAsync(DateTime.UtcNow);
        var withdrawal = Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = c.Key });
        await Task.WhenAll(expiry, withdrawal);
        Assert.Contains(await StatusAsync(c.Code), new[] { VoucherStatus.Expired, VoucherStatus.Withdrawn });
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(x => (x.Action == "voucher-expired" || x.Action == "voucher-withdrawn") && x.EntityId == c.Number)));
        Assert.Equal(VoucherStatus.Granted, await StatusAsync(d.Code));
        Assert.Equal(VoucherStatus.Waiting, await StatusAsync(e.Code));
        budget = await BudgetAsync("verlopen");
        Assert.Equal(b.Amount + d.Amount, budget.Reserved);
        Assert.Equal(budget.HeldByVouchers, budget.Reserved);
        Assert.Equal((1, 1), (budget.Waiting, budget.WaitingApplications));
    }
}

public sealed class VoucherLifeSqlite(SqliteFactory factory) : VoucherLifeTests<SqliteFactory>(factory);
public sealed class VoucherLifePostgres(PostgresFactory factory) : VoucherLifeTests<PostgresFactory>(factory);
