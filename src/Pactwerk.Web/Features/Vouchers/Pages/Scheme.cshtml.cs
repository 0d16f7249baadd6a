using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>A scheme in plain language: who may apply, for which courses, what a voucher pays, and the budget as it stands.</summary>
[AllowAnonymous]
public sealed class SchemeModel(VoucherQueries queries, PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock) : PageModel
{
    public VoucherSchemeRules Rules { get; private set; } = null!;
    public VoucherBudget Budget { get; private set; } = null!;
    public bool Open { get; private set; }
    public bool IsOfficer { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await queries.RulesAsync(code, ct) is not { } rules || await queries.BudgetAsync(code, ct) is not { } budget)
            return NotFound();
        Rules = rules;
        Budget = budget;
        var now = clock.GetUtcNow().UtcDateTime;
        Open = now >= rules.OpensAt && now < rules.ClosesAt;
        if (User.Identity?.IsAuthenticated == true)
        {
            var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Code == code, ct);
            IsOfficer = VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange: false);
        }
        return Page();
    }
}
