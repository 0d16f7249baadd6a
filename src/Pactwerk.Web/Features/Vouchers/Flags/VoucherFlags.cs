using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>One fraud signal for a scheme's officers: what, why (the numbers) and which records.</summary>
/// <remarks><see cref="Reason"/> is the invariant text for the API; <see cref="Figures"/> are its numbers, for a page to put in its own words.</remarks>
public sealed record VoucherFlag(string Kind, string Reason, IReadOnlyList<int> ProviderIds, IReadOnlyList<int> CourseIds)
{
    public IReadOnlyList<object> Figures { get; init; } = [];
    /// <summary>The scheme's application numbers the signal is about (never an address).</summary>
    public IReadOnlyList<string> Applications { get; init; } = [];
}

/// <summary>
/// The fraud signals of a scheme (issue 18, after CPF and STAP), computed in this one place so the
/// page and the API cannot disagree. Signals are prompts to look, never decisions.
/// </summary>
public sealed class VoucherFlags(PactwerkDb db, TimeProvider clock)
{
    public const string SharedIban = "shared-iban";
    public const string PriceAboveMedian = "price-above-median";
    public const string ProviderSpike = "provider-spike";
    public const string PersonAcrossSchemes = "person-across-schemes";

    /// <summary>A provider's vouchers granted in the last 7 days, compared with its weekly average over the 4 weeks before.</summary>
    public const int SpikeFactor = 3;
    /// <summary>Fewer vouchers than this in a week are never a spike.</summary>
    public const int SpikeMinimum = 10;
    /// <summary>A baseline needs this many days of the scheme before the last week; an opening week has none.</summary>
    public const int SpikeBaselineDays = 14;
    /// <summary>One e-mail address with applications in this many schemes or more.</summary>
    public const int SchemesPerPersonLimit = 3;

    /// <summary>A course is flagged when its price exceeds this multiple of its sector's median within the scheme.</summary>
    public const decimal PriceMedianFactor = 1.5m;
    /// <summary>A median is only meaningful with at least this many courses in the sector.</summary>
    public const int PriceMedianMinCourses = 3;

    public async Task<IReadOnlyList<VoucherFlag>> ForSchemeAsync(int schemeId, CancellationToken ct = default)
    {
        var flags = new List<VoucherFlag>();
        flags.AddRange(await SharedIbansAsync(schemeId, ct));
        flags.AddRange(await PricesAboveMedianAsync(schemeId, ct));
        flags.AddRange(await SpikesAsync(schemeId, ct));
        flags.AddRange(await PeopleAcrossSchemesAsync(schemeId, ct));
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
                [.. g.Select(p => p.Id).Order()], []) { Figures = [g.Key, g.Select(p => p.KvkNumber).Distinct().Count(), g.Count()] });
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
                    [course.ProviderId], [course.Id]) { Figures = [course.Price, PriceMedianFactor, median, sector.Count(), sector.Key] });
        }
        return flags;
    }

    /// <summary>
    /// A provider whose vouchers suddenly multiply: more than <see cref="SpikeFactor"/> × its weekly
    /// average of the 4 weeks before, and at least <see cref="SpikeMinimum"/>. Judged only once the
    /// scheme has run <see cref="SpikeBaselineDays"/> days before the last week: at an opening every
    /// provider "spikes".
    /// </summary>
    private async Task<IEnumerable<VoucherFlag>> SpikesAsync(int schemeId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var weekStart = now.AddDays(-7);
        var opensAt = await db.VoucherSchemes.Where(s => s.Id == schemeId).Select(s => s.OpensAt).SingleAsync(ct);
        var baselineStart = opensAt > now.AddDays(-35) ? opensAt : now.AddDays(-35);
        var baselineDays = (weekStart - baselineStart).TotalDays;
        if (baselineDays < SpikeBaselineDays)
            return [];
        var grants = await db.VoucherApplications.Where(a => a.SchemeId == schemeId && a.GrantedAt != null && a.GrantedAt >= baselineStart)
            .Join(db.VoucherCourses, a => a.CourseId, c => c.Id, (a, c) => new { c.ProviderId, GrantedAt = a.GrantedAt!.Value }).ToListAsync(ct);
        var flags = new List<VoucherFlag>();
        foreach (var provider in grants.GroupBy(g => g.ProviderId).OrderBy(g => g.Key))
        {
            var lastWeek = provider.Count(g => g.GrantedAt >= weekStart);
            var before = provider.Count(g => g.GrantedAt < weekStart);
            var weeklyAverage = before / (baselineDays / 7.0);
            if (lastWeek >= SpikeMinimum && lastWeek > SpikeFactor * weeklyAverage)
                flags.Add(new VoucherFlag(ProviderSpike,
                    FormattableString.Invariant($"{lastWeek} vouchers in the last 7 days > {SpikeFactor} × weekly average {weeklyAverage:0.0} over the {baselineDays / 7.0:0.0} weeks before"),
                    [provider.Key], []) { Figures = [lastWeek, SpikeFactor, Math.Round(weeklyAverage, 1), Math.Round(baselineDays / 7.0, 1)] });
        }
        return flags;
    }

    /// <summary>
    /// One e-mail address (stored lower-case) behind applications in <see cref="SchemesPerPersonLimit"/>
    /// schemes or more, for the applications in this scheme. The officer sees this scheme's
    /// application number and the count, not which other schemes.
    /// </summary>
    private async Task<IEnumerable<VoucherFlag>> PeopleAcrossSchemesAsync(int schemeId, CancellationToken ct)
    {
        var erased = "@" + VoucherPrivacy.ErasedDomain;
        var people = await db.VoucherApplications.Where(a => !a.Email.EndsWith(erased))
            .GroupBy(a => a.Email)
            .Where(g => g.Select(a => a.SchemeId).Distinct().Count() >= SchemesPerPersonLimit && g.Any(a => a.SchemeId == schemeId))
            .Select(g => new { Schemes = g.Select(a => a.SchemeId).Distinct().Count(), Arrival = g.Where(a => a.SchemeId == schemeId).Select(a => a.Arrival).First() })
            .ToListAsync(ct);
        var code = await db.VoucherSchemes.Where(s => s.Id == schemeId).Select(s => s.Code).SingleAsync(ct);
        return people.OrderBy(p => p.Arrival).Select(p =>
        {
            var number = VoucherApplication.NumberOf(code, p.Arrival);
            return new VoucherFlag(PersonAcrossSchemes, $"application {number}: the same e-mail address applied in {p.Schemes} schemes", [], [])
                { Figures = [number, p.Schemes], Applications = [number] };
        });
    }

    internal static decimal Median(IReadOnlyList<decimal> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2m;
    }
}
