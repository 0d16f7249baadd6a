using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Vouchers;

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
