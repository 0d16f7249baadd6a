using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Vouchers;

/// <summary>
/// Applications as people send them, right and wrong: what a voucher pays, each failed rule named,
/// and bad input that changes nothing. Providers: registration numbers checked, vetting by the
/// scheme's officers only.
/// </summary>
public abstract class VoucherApplicationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task A_voucher_pays_the_price_less_the_co_funding_and_never_more_than_the_maximum()
    {
        // 25 % co-funding: € 2,000.00 → 1,500.00; € 4,000.00 → 3,000.00, capped at the maximum of 2,500.00.
        var cheap = await VoucherSchemeBuilder.SchemeAsync(factory, "bedrag-a", ceiling: 100_000m, price: 2000.00m, coFunding: 0.25m);
        var dear = await VoucherSchemeBuilder.SchemeAsync(factory, "bedrag-b", ceiling: 100_000m, price: 4000.00m, coFunding: 0.25m);
        var a = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/bedrag-a/applications", VoucherSchemeBuilder.Application(cheap, "piet@example.org"))).ReadAsync<JsonElement>();
        var b = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/bedrag-b/applications", VoucherSchemeBuilder.Application(dear, "piet@example.org"))).ReadAsync<JsonElement>();
        Assert.Equal("Granted", a.GetProperty("status").GetString());
        Assert.Equal(1500.00m, a.GetProperty("amount").GetDecimal());
        Assert.Equal(2500.00m, b.GetProperty("amount").GetDecimal());
        Assert.StartsWith("V-", a.GetProperty("voucherCode").GetString());
        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/bedrag-a/budget");
        Assert.Equal(98_500.00m, budget.GetProperty("available").GetDecimal());
        // The scheme's rules show the same amount for the course.
        var rules = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/bedrag-b");
        Assert.Equal(2500.00m, rules.GetProperty("courses")[0].GetProperty("voucherAmount").GetDecimal());
        Assert.Contains((await Anonymous(factory).GetFromJsonAsync<JsonElement[]>("/api/v1/voucher-schemes"))!, s => s.GetProperty("code").GetString() == "bedrag-a");
        // The grant is in the audit trail with its reason.
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "voucher-granted" && e.EntityId == "BEDRAG-A-000001")));
    }

    [Fact]
    public async Task Missing_fields_are_each_named_and_nothing_is_saved()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "leeg", ceiling: 10_000m, price: 1000m);
        var response = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/leeg/applications", new { });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(VoucherMessages.EmailMissing, errors.GetProperty("Email")[0].GetString());
        Assert.Equal(VoucherMessages.BirthMissing, errors.GetProperty("DateOfBirth")[0].GetString());
        Assert.Equal(VoucherMessages.TargetGroupMissing, errors.GetProperty("TargetGroup")[0].GetString());
        Assert.Equal(VoucherMessages.CourseMissing, errors.GetProperty("Course")[0].GetString());
        Assert.Equal(VoucherMessages.StartMissing, errors.GetProperty("CourseStart")[0].GetString());
        await AssertNothingSavedAsync("leeg");
        _ = scheme;
    }

    [Fact]
    public async Task Each_failed_rule_is_named_to_the_applicant_and_nothing_is_saved()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "regels", ceiling: 10_000m, price: 1000m);
        var other = await VoucherSchemeBuilder.SchemeAsync(factory, "andere", ceiling: 10_000m, price: 1000m);
        var youngBirth = DateTime.UtcNow.AddYears(-16).ToString("yyyy-MM-dd");
        var response = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/regels/applications",
            new { email = "jong@example.org", dateOfBirth = youngBirth, targetGroup = "gepensioneerd", municipality = "GM0200", course = other.CourseId, courseStart = other.Start.ToString("yyyy-MM-dd") });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.StartsWith("Regel leeftijd:", errors.GetProperty("age")[0].GetString());
        Assert.StartsWith("Regel doelgroep:", errors.GetProperty("TargetGroup")[0].GetString());
        Assert.Equal(VoucherMessages.Format(VoucherMessages.CourseNotInScheme, other.CourseId), errors.GetProperty("Course")[0].GetString());
        await AssertNothingSavedAsync("regels");
        _ = scheme;
    }

    [Fact]
    public async Task An_application_outside_the_window_or_for_an_unvetted_provider_is_refused()
    {
        var closed = await VoucherSchemeBuilder.SchemeAsync(factory, "dicht", ceiling: 10_000m, price: 1000m,
            opensAt: DateTime.UtcNow.AddDays(-30), closesAt: DateTime.UtcNow.AddDays(-1));
        var response = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/dicht/applications", VoucherSchemeBuilder.Application(closed, "laat@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("Regel aanvraagperiode:", (await response.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("window")[0].GetString());
        await AssertNothingSavedAsync("dicht");

        var unvetted = await VoucherSchemeBuilder.SchemeAsync(factory, "ongekeurd", ceiling: 10_000m, price: 1000m, vet: false);
        response = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/ongekeurd/applications", VoucherSchemeBuilder.Application(unvetted, "vroeg@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadAsync<JsonElement>()).GetProperty("errors").TryGetProperty("Course", out _));
        // An unvetted provider's course does not show either.
        Assert.Equal(0, (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/ongekeurd")).GetProperty("courses").GetArrayLength());
        await AssertNothingSavedAsync("ongekeurd");
    }

    /// <summary>
    /// The request checks the rules on a copy of the scheme read at most a second ago (a rush reads it
    /// once a second, not per applicant). The copy may never decide: a scheme closed a moment ago
    /// refuses the next application, and a provider vetted a moment ago is accepted at once.
    /// </summary>
    [Fact]
    public async Task A_change_to_the_scheme_counts_for_the_very_next_application()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "verse-regels", ceiling: 10_000m, price: 1000m);
        Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/verse-regels/applications", VoucherSchemeBuilder.Application(scheme, "eerste@example.org"))).StatusCode);
        // Closed and the course made dearer in the database, right after the first application read the scheme.
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "verse-regels").ExecuteUpdateAsync(s => s.SetProperty(x => x.ClosesAt, DateTime.UtcNow.AddMinutes(-1))));
        var late = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/verse-regels/applications", VoucherSchemeBuilder.Application(scheme, "tweede@example.org"));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.StartsWith("Regel aanvraagperiode:", (await late.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("window")[0].GetString());
        Assert.Equal(1, await factory.InDbAsync(db => db.VoucherApplications.CountAsync(a => db.VoucherSchemes.Any(x => x.Id == a.SchemeId && x.Code == "verse-regels"))));

        // The other way: an application refused for an unvetted provider, the provider vetted, the next application accepted at once.
        var unvetted = await VoucherSchemeBuilder.SchemeAsync(factory, "net-gekeurd", ceiling: 10_000m, price: 1000m, vet: false);
        Assert.Equal(HttpStatusCode.BadRequest, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/net-gekeurd/applications", VoucherSchemeBuilder.Application(unvetted, "vroeg@example.org"))).StatusCode);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/voucher-schemes/net-gekeurd/providers/{unvetted.ProviderId}/vetting", new { approve = true, reason = "CRKBO-registratie gecontroleerd" })).StatusCode);
        var accepted = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/net-gekeurd/applications", VoucherSchemeBuilder.Application(unvetted, "vroeg@example.org"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal("Granted", (await accepted.ReadAsync<JsonElement>()).GetProperty("status").GetString());

        // A price raised a moment ago is the price the voucher pays: the amount is taken under the lock.
        await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.Id == unvetted.CourseId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Price, 1200m)));
        var dearer = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/net-gekeurd/applications", VoucherSchemeBuilder.Application(unvetted, "later@example.org"))).ReadAsync<JsonElement>();
        Assert.Equal(1200m, dearer.GetProperty("amount").GetDecimal());
        Assert.Equal(2200m, (await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/net-gekeurd/budget")).GetProperty("reserved").GetDecimal());
    }

    /// <summary>
    /// A place on the waiting list is kept as counts per block of 1024 queue numbers and a count within
    /// one block. Here the list starts just below a block's end, so it spans two blocks, and people
    /// leave it from both and from the head.
    /// </summary>
    [Fact]
    public async Task Places_on_a_waiting_list_that_spans_blocks_stay_exact_as_people_leave_it()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "lange-lijst", ceiling: 2000m, price: 1000m);
        var schemeId = await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == "lange-lijst").Select(s => s.Id).SingleAsync());
        // As if 1015 applications had come and gone before (arrival numbers 1016 on: blocks 0 and 1).
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Id == schemeId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Arrivals, 1015)));
        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(async i =>
            await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/lange-lijst/applications", VoucherSchemeBuilder.Application(scheme, $"lijst{i}@example.org"))).ReadAsync<JsonElement>()));
        Assert.Equal(18, answers.Count(a => a.GetProperty("status").GetString() == "Waiting"));
        await VoucherSchemeBuilder.AssertWaitingPlacesAsync(factory, schemeId);
        // The place each was told is the place it has (nobody has left yet).
        var told = answers.Where(a => a.GetProperty("status").GetString() == "Waiting").OrderBy(a => a.GetProperty("number").GetString())
            .Select(a => a.GetProperty("position").GetInt32());
        Assert.Equal(Enumerable.Range(1, 18), told);

        string Number(int arrival) => $"LANGE-LIJST-{arrival:D6}";
        async Task WithdrawAsync(int arrival)
        {
            var answer = answers.Single(a => a.GetProperty("number").GetString() == Number(arrival));
            Assert.Equal(HttpStatusCode.NoContent, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-applications/withdrawal", new { key = VoucherSchemeBuilder.KeyOf(answer) })).StatusCode);
            await VoucherSchemeBuilder.AssertWaitingPlacesAsync(factory, schemeId);
        }
        await WithdrawAsync(1020); // waiting, block 0
        await WithdrawAsync(1030); // waiting, block 1
        await WithdrawAsync(1016); // granted: the head (1018) moves up
        Assert.Equal(VoucherStatus.Granted, await factory.InDbAsync(db => db.VoucherApplications.Where(a => a.SchemeId == schemeId && a.Arrival == 1018).Select(a => a.Status).SingleAsync()));
        // And the status page of the last in line shows their place: 15 wait, they are the 15th.
        var last = answers.Single(a => a.GetProperty("number").GetString() == Number(1035));
        var page = await (await Anonymous(factory).GetAsync(last.GetProperty("statusUrl").GetString())).Content.ReadAsStringAsync();
        Assert.Contains(">15<", page);
    }

    [Fact]
    public async Task A_second_application_by_the_same_person_is_refused_and_changes_nothing()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "twee", ceiling: 10_000m, price: 1000m);
        Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/twee/applications", VoucherSchemeBuilder.Application(scheme, "Anna@Example.org"))).StatusCode);
        var second = await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/twee/applications", VoucherSchemeBuilder.Application(scheme, " anna@example.org "));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(VoucherMessages.AlreadyApplied, (await second.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty("Email")[0].GetString());
        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/voucher-schemes/twee/budget");
        Assert.Equal(1000m, budget.GetProperty("reserved").GetDecimal());
        Assert.Equal(1, budget.GetProperty("granted").GetInt32());
        Assert.Equal(1, await factory.InDbAsync(db => db.VoucherApplications.CountAsync(a => a.Email == "anna@example.org")));
        // The next person gets the next arrival number: the refused one left no gap.
        var next = await (await Anonymous(factory).PostAsJsonAsync("/api/v1/voucher-schemes/twee/applications", VoucherSchemeBuilder.Application(scheme, "bram@example.org"))).ReadAsync<JsonElement>();
        Assert.Equal("TWEE-000002", next.GetProperty("number").GetString());
    }

    [Theory]
    [InlineData("1234567", VoucherSchemeBuilder.GoodIban, "KvkNumber")]
    [InlineData("123456789", VoucherSchemeBuilder.GoodIban, "KvkNumber")]
    [InlineData("1234567a", VoucherSchemeBuilder.GoodIban, "KvkNumber")]
    // The test IBAN with its check digits changed from 91 to 92.
    [InlineData("87654321", "NL92ABNA0417164300", "Iban")]
    [InlineData("87654321", "NL91ABNA041716430", "Iban")]
    public async Task A_provider_with_a_wrong_KvK_number_or_IBAN_is_refused_and_nothing_is_saved(string kvk, string iban, string field)
    {
        await VoucherSchemeBuilder.SchemeAsync(factory, "aanbieder-" + field.ToLowerInvariant() + kvk.Length + iban.Length, ceiling: 10_000m, price: 1000m);
        var code = "aanbieder-" + field.ToLowerInvariant() + kvk.Length + iban.Length;
        var before = await factory.InDbAsync(db => db.VoucherProviders.CountAsync());
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/voucher-schemes/{code}/providers",
            new { name = "Opleider", kvkNumber = kvk, iban, qualityRegistration = "NRTO", courses = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(field == "Iban" ? VoucherMessages.IbanInvalid : VoucherMessages.KvkInvalid, errors.GetProperty(field)[0].GetString());
        Assert.Equal(before, await factory.InDbAsync(db => db.VoucherProviders.CountAsync()));
    }

    [Fact]
    public async Task Only_the_schemes_officers_vet_providers()
    {
        var scheme = await VoucherSchemeBuilder.SchemeAsync(factory, "keuring", ceiling: 10_000m, price: 1000m, vet: false);
        var url = $"/api/v1/voucher-schemes/keuring/providers/{scheme.ProviderId}/vetting";
        var decision = new { approve = true, reason = "Gecontroleerd" };
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsJsonAsync(url, decision)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "lid@pactwerk.demo")).PostAsJsonAsync(url, decision)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "coordinator@zorgpact.demo")).PostAsJsonAsync(url, decision)).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.VoucherProviders.Where(p => p.Id == scheme.ProviderId).Select(p => p.Vetted).SingleAsync()));
        // The editor of the organisation that runs the scheme is one of its officers; a decision needs a reason.
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await officer.PostAsJsonAsync(url, new { approve = true })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await officer.PostAsJsonAsync(url, decision)).StatusCode);
        Assert.True(await factory.InDbAsync(db => db.VoucherProviders.Where(p => p.Id == scheme.ProviderId).Select(p => p.Vetted).SingleAsync()));
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "voucher-provider-approved" && e.EntityId == scheme.ProviderId.ToString())));
    }

    private async Task AssertNothingSavedAsync(string code)
    {
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherApplications.CountAsync(a => db.VoucherSchemes.Any(s => s.Id == a.SchemeId && s.Code == code))));
        var budget = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/voucher-schemes/{code}/budget");
        Assert.Equal(0m, budget.GetProperty("reserved").GetDecimal());
        Assert.Equal(0, budget.GetProperty("waiting").GetInt32());
        Assert.Equal(0, await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Code == code).Select(s => s.Arrivals).SingleAsync()));
    }
}

public sealed class VoucherApplicationSqlite(SqliteFactory factory) : VoucherApplicationTests<SqliteFactory>(factory);
public sealed class VoucherApplicationPostgres(PostgresFactory factory) : VoucherApplicationTests<PostgresFactory>(factory);
