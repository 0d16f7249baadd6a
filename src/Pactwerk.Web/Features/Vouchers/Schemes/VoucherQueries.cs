using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

public sealed record MunicipalityChoice(string Code, string Name);

/// <summary>What the public sees of a scheme: its rules, its courses and its budget.</summary>
public sealed class VoucherQueries(PactwerkDb db)
{
    public async Task<VoucherSchemeRules?> RulesAsync(string code, CancellationToken ct)
    {
        var found = await db.VoucherSchemes.AsNoTracking().Where(s => s.Code == code)
            .Join(db.Pacts, s => s.PactId, p => p.Id, (s, p) => new { s, Pact = p.Code }).SingleOrDefaultAsync(ct);
        if (found is null)
            return null;
        var s = found.s;
        // Only vetted providers' courses show: an unvetted provider cannot be chosen.
        var courses = await db.VoucherCourses.AsNoTracking().Where(c => c.Provider.SchemeId == s.Id && c.Provider.Vetted).OrderBy(c => c.Title).ThenBy(c => c.Id)
            .Select(c => new { c.Id, Provider = c.Provider.Name, c.Title, c.Sector, c.Level, c.Hours, c.Price, c.StartDates, c.TargetOccupation }).ToListAsync(ct);
        return new VoucherSchemeRules(s.Code, s.Name, s.NameEn, found.Pact, s.OpensAt, s.ClosesAt, s.Rule, s.Ceiling, s.MaxPerVoucher, s.CoFundingShare, s.AdvanceShare,
            s.ApplyWithinDaysAfterStart, s.MinimumAge, s.TargetGroups, s.Sectors, s.Levels, s.Occupations,
            courses.Select(c => new VoucherCourseDto(c.Id, c.Provider, c.Title, c.Sector, c.Level, c.Hours, c.Price, s.VoucherAmount(c.Price), c.StartDates, c.TargetOccupation)).ToList(),
            s.ConfirmEmailWithinDays);
    }

    /// <summary>Today's municipalities by name, for the applicant to choose where they live.</summary>
    public async Task<IReadOnlyList<MunicipalityChoice>> MunicipalitiesAsync(CancellationToken ct) =>
        (await db.Regions.AsNoTracking().Where(r => r.ValidTo == null && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities)
            .Select(r => new MunicipalityChoice(r.Code, r.Name)).ToListAsync(ct))
        .OrderBy(m => m.Name, Web.Shared.Values.Dutch).ToList();

    public async Task<VoucherBudget?> BudgetAsync(string code, CancellationToken ct)
    {
        var s = await db.VoucherSchemes.AsNoTracking().Where(x => x.Code == code).Select(x => new { x.Id, x.Ceiling, x.Reserved, x.Paid, x.Waiting }).SingleOrDefaultAsync(ct);
        if (s is null)
            return null;
        var granted = await db.VoucherApplications.CountAsync(a => a.SchemeId == s.Id && a.Status == VoucherStatus.Granted, ct);
        return new VoucherBudget(s.Ceiling, s.Reserved, s.Paid, s.Ceiling - s.Reserved - s.Paid, granted, s.Waiting);
    }
}
