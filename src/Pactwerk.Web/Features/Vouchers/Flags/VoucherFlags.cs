using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>One fraud signal for a scheme's officers: what, why (the numbers) and which records.</summary>
public sealed record VoucherFlag(string Kind, string Reason, IReadOnlyList<int> ProviderIds, IReadOnlyList<int> CourseIds);

/// <summary>
/// The fraud signals of a scheme (issue 18, after CPF and STAP), computed in this one place so the
/// page and the API cannot disagree. Signals are prompts to look, never decisions.
/// </summary>
public sealed class VoucherFlags(PactwerkDb db)
{
    public const string SharedIban = "shared-iban";
    public const string PriceAboveMedian = "price-above-median";

    /// <summary>A course is flagged when its price exceeds this multiple of its sector's median within the scheme.</summary>
    public const decimal PriceMedianFactor = 1.5m;
    /// <summary>A median is only meaningful with at least this many courses in the sector.</summary>
    public const int PriceMedianMinCourses = 3;

    public async Task<IReadOnlyList<VoucherFlag>> ForSchemeAsync(int schemeId, CancellationToken ct = default)
    {
        var flags = new List<VoucherFlag>();
        flags.AddRange(await SharedIbansAsync(schemeId, ct));
        flags.AddRange(await PricesAboveMedianAsync(schemeId, ct));
        return flags;
    }

    /// <summary>One IBAN behind several providers, looked for across all schemes: money for different providers ends up in one account.</summary>
    private async Task<IEnumerable<VoucherFlag>> SharedIbansAsync(int schemeId, CancellationToken ct)
    {
        var ibans = await db.VoucherProviders.Where(p => p.SchemeId == schemeId).Select(p => p.Iban).Distinct().ToListAsync(ct);
        if (ibans.Count == 0) return [];
        var providers = await db.VoucherProviders.Where(p => ibans.Contains(p.Iban))
            .Select(p => new { p.Id, p.Iban, p.KvkNumber }).ToListAsync(ct);
        // "Several providers" means several legal entities: the same KvK number registered for two
        // schemes is one provider, and sharing its own IBAN is normal.
        return providers.GroupBy(p => p.Iban)
            .Where(g => g.Select(p => p.KvkNumber).Distinct().Count() > 1)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new VoucherFlag(SharedIban,
                $"IBAN {g.Key}: {g.Select(p => p.KvkNumber).Distinct().Count()} KvK numbers, {g.Count()} provider registrations",
                [.. g.Select(p => p.Id).Order()], []));
    }

    /// <summary>A course priced far above the median of its sector within the scheme.</summary>
    private async Task<IEnumerable<VoucherFlag>> PricesAboveMedianAsync(int schemeId, CancellationToken ct)
    {
        // Loaded and compared in memory: SQLite cannot order or aggregate decimals, and a scheme has at most a few hundred courses.
        var courses = await db.VoucherCourses.Where(c => c.Provider.SchemeId == schemeId)
            .Select(c => new { c.Id, c.ProviderId, c.Sector, c.Price }).ToListAsync(ct);
        var flags = new List<VoucherFlag>();
        foreach (var sector in courses.GroupBy(c => c.Sector).Where(g => g.Count() >= PriceMedianMinCourses).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var median = Median([.. sector.Select(c => c.Price)]);
            foreach (var course in sector.Where(c => c.Price > PriceMedianFactor * median).OrderBy(c => c.Id))
                flags.Add(new VoucherFlag(PriceAboveMedian,
                    $"{course.Price:0.00} > {PriceMedianFactor} × median {median:0.00} of {sector.Count()} courses in sector {sector.Key}",
                    [course.ProviderId], [course.Id]));
        }
        return flags;
    }

    internal static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }
}
