using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The officer's view of one scheme: the budget, the waiting list by application number (no personal data: the
/// officer needs the order, not the people), and how many providers wait to be vetted.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class DashboardModel(PactwerkDb db, VoucherQueries queries, AccessScopeProvider scopes) : OfficerPageModel
{
    public sealed record WaitingRow(int Position, string Number, decimal Amount, DateTime SubmittedAt);

    public VoucherBudget Budget { get; private set; } = null!;
    public IReadOnlyList<WaitingRow> Waiting { get; private set; } = [];
    public int ProvidersToVet { get; private set; }
    /// <summary>Delivered vouchers whose evidence waits for the officer.</summary>
    public int EvidenceToReview { get; private set; }
    /// <summary>The waiting list shown; the rest is counted in the budget.</summary>
    public const int WaitingShown = 200;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await OpenSchemeAsync(db, scopes, code, forChange: false, ct) is { } refused)
            return refused;
        var scheme = Scheme;
        Budget = (await queries.BudgetAsync(code, ct))!;
        var rows = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id && a.Status == VoucherStatus.Waiting)
            .OrderBy(a => a.Arrival).Take(WaitingShown).Select(a => new { a.Arrival, a.Amount, a.SubmittedAt }).ToListAsync(ct);
        Waiting = rows.Select((a, i) => new WaitingRow(i + 1, VoucherApplication.NumberOf(scheme.Code, a.Arrival), a.Amount, a.SubmittedAt)).ToList();
        ProvidersToVet = await db.VoucherProviders.CountAsync(p => p.SchemeId == scheme.Id && !p.Vetted, ct);
        EvidenceToReview = await db.VoucherApplications.CountAsync(a => a.SchemeId == scheme.Id && a.Status == VoucherStatus.Delivered, ct);
        return Page();
    }
}
