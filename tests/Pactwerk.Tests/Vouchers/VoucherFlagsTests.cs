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
/// The fraud signals of <see cref="VoucherFlags"/>: data built to trip each signal and data built
/// just not to, with the expected figures worked out by hand in the test rather than by the service.
/// </summary>
public abstract class VoucherFlagsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string IbanA = "NL00FLAG0000000001";
    // Not the demo providers' IBANs, so the demo data cannot trip or hide a signal here; inserted directly, so not mod-97 checked.
    private const string IbanB = "NL00FLAG0000000002";

    [Fact]
    public async Task A_course_far_above_its_sectors_median_is_flagged_and_one_just_below_is_not()
    {
        // techniek: 1000, 1100, 1200, 1800 → median (1100+1200)/2 = 1150, limit 1.5 × 1150 = 1725: only 1800 trips.
        // zorg: 1000, 1300, 1500 → median 1300, limit 1950: 1500 does not trip.
        // bouw: two courses only (500, 5000) → too few for a median, nothing flagged however far apart.
        var (schemeId, courses) = await SchemeWithCoursesAsync("flagprijs",
            [("techniek", 1000m), ("techniek", 1100m), ("techniek", 1200m), ("techniek", 1800m),
             ("zorg", 1000m), ("zorg", 1300m), ("zorg", 1500m), ("bouw", 500m), ("bouw", 5000m)], IbanA);

        var flags = await FlagsAsync(schemeId);

        var price = Assert.Single(flags, f => f.Kind == VoucherFlags.PriceAboveMedian);
        Assert.Equal([courses[3]], price.CourseIds);
        Assert.Contains("1800.00", price.Reason);
        Assert.Contains("1150.00", price.Reason);
        Assert.Contains("4 courses", price.Reason);
        Assert.DoesNotContain(flags, f => f.Kind == VoucherFlags.SharedIban);
    }

    [Fact]
    public async Task One_iban_behind_providers_with_different_kvk_numbers_is_flagged_across_schemes_but_one_provider_in_two_schemes_is_not()
    {
        var (first, _) = await SchemeWithCoursesAsync("flagiban1", [("techniek", 1000m)], IbanB, kvk: "11111111");
        var (second, _) = await SchemeWithCoursesAsync("flagiban2", [("techniek", 1000m)], IbanB, kvk: "22222222");
        // The same legal entity (same KvK) in a third scheme with its own IBAN twice: not a signal.
        var (third, _) = await SchemeWithCoursesAsync("flagiban3", [("techniek", 1000m)], "NL00FLAG0000000003", kvk: "33333333");
        await SchemeWithCoursesAsync("flagiban4", [("techniek", 1000m)], "NL00FLAG0000000003", kvk: "33333333");

        var flag = Assert.Single(await FlagsAsync(first), f => f.Kind == VoucherFlags.SharedIban);
        var expected = await factory.InDbAsync(db => db.VoucherProviders.Where(p => p.Iban == IbanB).Select(p => p.Id).OrderBy(i => i).ToListAsync());
        Assert.Equal(2, expected.Count);
        Assert.Equal(expected, flag.ProviderIds);
        Assert.Contains("2 KvK numbers", flag.Reason);
        Assert.Single(await FlagsAsync(second), f => f.Kind == VoucherFlags.SharedIban);
        Assert.DoesNotContain(await FlagsAsync(third), f => f.Kind == VoucherFlags.SharedIban);
    }

    [Fact]
    public async Task A_provider_whose_vouchers_multiply_in_a_week_is_flagged_against_its_own_average_and_an_opening_week_is_not()
    {
        // The scheme opened 40 days ago, so the baseline is the 4 weeks (28 days) before the last 7 days.
        // Provider 1: 4 grants in the baseline (1 a week), 12 last week: 12 ≥ 10 and 12 > 3 × 1 → flagged.
        // Provider 2: 28 in the baseline (7 a week), 15 last week: 15 ≤ 3 × 7 = 21 → not flagged.
        // Provider 3: nothing before, 9 last week: under the minimum of 10 → not flagged.
        var (schemeId, courses) = await SchemeWithCoursesAsync("flagpiek", [("techniek", 1000m), ("techniek", 1000m), ("techniek", 1000m)], "NL00FLAG00000004");
        var now = DateTime.UtcNow;
        await GrantAsync(schemeId, "flagpiek", [(courses[0], 4, now.AddDays(-20)), (courses[0], 12, now.AddDays(-2)), (courses[1], 28, now.AddDays(-20)),
            (courses[1], 15, now.AddDays(-2)), (courses[2], 9, now.AddDays(-2))], opensAt: now.AddDays(-40));

        var spike = Assert.Single(await FlagsAsync(schemeId), f => f.Kind == VoucherFlags.ProviderSpike);
        var provider = await factory.InDbAsync(db => db.VoucherCourses.Where(c => c.Id == courses[0]).Select(c => c.ProviderId).SingleAsync());
        Assert.Equal([provider], spike.ProviderIds);
        Assert.Contains("12 vouchers", spike.Reason);
        Assert.Contains("weekly average 1.0", spike.Reason);

        // The same grants in a scheme that opened 10 days ago: no baseline yet, no signal.
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Id == schemeId).ExecuteUpdateAsync(u => u.SetProperty(x => x.OpensAt, now.AddDays(-10))));
        Assert.DoesNotContain(await FlagsAsync(schemeId), f => f.Kind == VoucherFlags.ProviderSpike);
    }

    [Fact]
    public async Task One_address_in_three_schemes_is_flagged_in_each_with_its_application_number_and_an_address_in_two_is_not()
    {
        var schemes = new List<(int Id, int Course)>();
        foreach (var code in new[] { "flagpers1", "flagpers2", "flagpers3" })
        {
            var (id, courses) = await SchemeWithCoursesAsync(code, [("techniek", 1000m)], "NL00FLAG0000000005", kvk: "55555555");
            schemes.Add((id, courses[0]));
        }
        await ApplyDirectAsync(schemes[0].Id, schemes[0].Course, 1, "veel@example.org");
        await ApplyDirectAsync(schemes[0].Id, schemes[0].Course, 2, "twee@example.org");
        await ApplyDirectAsync(schemes[1].Id, schemes[1].Course, 1, "twee@example.org");
        await ApplyDirectAsync(schemes[1].Id, schemes[1].Course, 2, "veel@example.org");
        await ApplyDirectAsync(schemes[2].Id, schemes[2].Course, 1, "veel@example.org");

        var first = Assert.Single(await FlagsAsync(schemes[0].Id), f => f.Kind == VoucherFlags.PersonAcrossSchemes);
        Assert.Equal(["FLAGPERS1-000001"], first.Applications);
        Assert.Contains("3 schemes", first.Reason);
        Assert.DoesNotContain("veel@example.org", first.Reason);
        Assert.Equal(["FLAGPERS2-000002"], Assert.Single(await FlagsAsync(schemes[1].Id), f => f.Kind == VoucherFlags.PersonAcrossSchemes).Applications);
    }

    [Fact]
    public async Task The_officers_see_the_signals_through_the_api_and_on_their_page_in_Dutch_and_English_and_nobody_else_does()
    {
        // Test schemes are run by the Hogeschool van Amsterdam, whose demo editor is then an officer.
        await SchemeWithCoursesAsync("flagpagina", [("techniek", 1000m), ("techniek", 1100m), ("techniek", 1200m), ("techniek", 2400m)], "NL00FLAG00000006");
        var officer = await SignInAsync(factory, "redacteur@hva.demo");
        var api = await officer.GetFromJsonAsync<JsonElement[]>("/api/v1/voucher-schemes/flagpagina/flags");
        Assert.Contains(api!, f => f.GetProperty("kind").GetString() == VoucherFlags.PriceAboveMedian);
        var dutch = await officer.GetStringAsync("/regelingen/flagpagina/beheer/signalen");
        Assert.Contains("Prijs ver boven de mediaan van de sector", dutch);
        Assert.Contains("1,5 × de mediaan", dutch);
        var english = await officer.GetStringAsync("/regelingen/flagpagina/beheer/signalen?culture=en");
        Assert.Contains("Price far above the sector&#x27;s median", english);

        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync("/api/v1/voucher-schemes/flagpagina/flags")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync("/api/v1/voucher-schemes/flagpagina/flags")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await (await SignInAsync(factory, "lid@pactwerk.demo")).GetAsync("/regelingen/flagpagina/beheer/signalen")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/api/v1/voucher-schemes/bestaat-niet/flags")).StatusCode);
    }

    private async Task GrantAsync(int schemeId, string code, (int Course, int Count, DateTime At)[] grants, DateTime opensAt)
    {
        await factory.InDbAsync(db => db.VoucherSchemes.Where(s => s.Id == schemeId).ExecuteUpdateAsync(u => u.SetProperty(x => x.OpensAt, opensAt)));
        var arrival = 0;
        foreach (var (course, count, at) in grants)
            for (var i = 0; i < count; i++)
                await ApplyDirectAsync(schemeId, course, ++arrival, $"{code}{arrival}@example.org", at);
    }

    /// <summary>An application written straight into the database: the signals read history that the API would only make in real time.</summary>
    private Task ApplyDirectAsync(int schemeId, int course, int arrival, string email, DateTime? grantedAt = null) =>
        factory.InDbAsync(async db =>
        {
            var at = grantedAt ?? DateTime.UtcNow;
            db.VoucherApplications.Add(new VoucherApplication
            {
                SchemeId = schemeId, CourseId = course, Arrival = arrival, Email = email, DateOfBirth = new DateOnly(1990, 1, 1), TargetGroup = VoucherRules.TargetGroups.First(),
                CourseStart = DateOnly.FromDateTime(at), SubmittedAt = at, GrantedAt = at, Status = VoucherStatus.Granted, Amount = 1000m,
                VoucherCode = "V-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant(), KeyHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"),
            });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public void The_median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(1150m, VoucherFlags.Median([1800m, 1000m, 1200m, 1100m]));
        Assert.Equal(1300m, VoucherFlags.Median([1500m, 1000m, 1300m]));
    }

    private async Task<IReadOnlyList<VoucherFlag>> FlagsAsync(int schemeId)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<VoucherFlags>().ForSchemeAsync(schemeId);
    }

    private Task<(int SchemeId, List<int> CourseIds)> SchemeWithCoursesAsync(string code, (string Sector, decimal Price)[] courses, string iban, string kvk = "12345678") =>
        factory.InDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var scheme = new VoucherScheme
            {
                Code = code, Name = $"Regeling {code}", NameEn = $"Scheme {code}",
                PactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync(),
                OrganisationId = await db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync(),
                Ceiling = 100_000m, MaxPerVoucher = 10_000m, CoFundingShare = 0m, OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(30),
                TargetGroups = [.. VoucherRules.TargetGroups], Sectors = ["techniek", "zorg", "bouw"], Levels = ["mbo-4"], Occupations = ["Elektromonteur"],
            };
            db.VoucherSchemes.Add(scheme);
            await db.SaveChangesAsync();
            var added = new List<VoucherCourse>();
            var index = 0;
            foreach (var (sector, price) in courses)
            {
                // One provider per course; with several, each gets its own KvK number (unique per scheme) and its
                // own IBAN, so only the price signal can trip.
                index++;
                var several = courses.Length > 1;
                var provider = new VoucherProvider
                {
                    SchemeId = scheme.Id, Name = $"Opleider {code} {index}", KvkNumber = several ? $"{kvk[..6]}{index:00}" : kvk,
                    Iban = several ? $"{iban}{index:00}" : iban, QualityRegistration = "CRKBO 1",
                    RegisteredAt = now, Vetted = true,
                };
                var course = new VoucherCourse { Provider = provider, Title = $"Cursus {index}", Sector = sector, Level = "mbo-4", Hours = 40, Price = price, TargetOccupation = "Elektromonteur" };
                provider.Courses.Add(course);
                db.VoucherProviders.Add(provider);
                added.Add(course);
            }
            await db.SaveChangesAsync();
            return (scheme.Id, added.Select(c => c.Id).ToList());
        });
}

public sealed class VoucherFlagsSqlite(SqliteFactory factory) : VoucherFlagsTests<SqliteFactory>(factory);
public sealed class VoucherFlagsPostgres(PostgresFactory factory) : VoucherFlagsTests<PostgresFactory>(factory);
