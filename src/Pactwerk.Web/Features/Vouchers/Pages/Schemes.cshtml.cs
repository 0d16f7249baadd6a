using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>The voucher schemes, each with its application window and the budget it has left.</summary>
[AllowAnonymous]
public sealed class SchemesModel(PactwerkDb db, TimeProvider clock, Accounts.AccessScopeProvider scopes) : PageModel
{
    public sealed record Row(string Code, string Name, string NameEn, string PactName, DateTime OpensAt, DateTime ClosesAt, decimal Available, decimal Ceiling);

    public IReadOnlyList<Row> Schemes { get; private set; } = [];
    public DateTime Now { get; private set; }
    /// <summary>A coordinator of some pact: may make a scheme.</summary>
    public bool MayCreate { get; private set; }

    /// <summary>Only this pact's schemes (its code), as the pact's page links them; all when empty or unknown.</summary>
    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = clock.GetUtcNow().UtcDateTime;
        MayCreate = (await scopes.GetAsync(ct)).Coordinates();
        var now = Now;
        // What is left is the scheme's own row (ceiling less reserved and paid): no count per scheme.
        Schemes = await db.VoucherSchemes.AsNoTracking()
            .Join(db.Pacts, s => s.PactId, p => p.Id, (s, p) => new { s, p })
            .Where(x => string.IsNullOrEmpty(Pact) || x.p.Code == Pact)
            .OrderBy(x => x.s.ClosesAt <= now).ThenBy(x => x.s.OpensAt).ThenBy(x => x.s.Code)
            .Select(x => new Row(x.s.Code, x.s.Name, x.s.NameEn, x.p.Name, x.s.OpensAt, x.s.ClosesAt, x.s.Ceiling - x.s.Reserved - x.s.Paid, x.s.Ceiling))
            .ToListAsync(ct);
    }
}
