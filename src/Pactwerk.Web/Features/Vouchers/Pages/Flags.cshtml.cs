using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>The scheme's fraud signals for its officers, with the published thresholds that raise them.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class FlagsModel(PactwerkDb db, VoucherFlags flags, AccessScopeProvider scopes) : OfficerPageModel
{
    public IReadOnlyList<VoucherFlag> Flags { get; private set; } = [];
    /// <summary>Provider names by id, for the records a signal names.</summary>
    public IReadOnlyDictionary<int, string> Providers { get; private set; } = new Dictionary<int, string>();
    public IReadOnlyDictionary<int, string> Courses { get; private set; } = new Dictionary<int, string>();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await OpenSchemeAsync(db, scopes, code, forChange: false, ct) is { } refused)
            return refused;
        var scheme = Scheme;
        Flags = await flags.ForSchemeAsync(scheme.Id, ct);
        var providerIds = Flags.SelectMany(f => f.ProviderIds).Distinct().ToList();
        var courseIds = Flags.SelectMany(f => f.CourseIds).Distinct().ToList();
        Providers = await db.VoucherProviders.AsNoTracking().Where(p => providerIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => $"{p.Name} (KvK {p.KvkNumber})", ct);
        Courses = await db.VoucherCourses.AsNoTracking().Where(c => courseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Title, ct);
        Response.Headers.CacheControl = "no-store";
        return Page();
    }
}
