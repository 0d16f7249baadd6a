using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// An officer's page about one scheme (<c>/regelingen/{code}/beheer/…</c>). The prologue every such page needs
/// (the scheme by its code, a 404 when there is none, a 403 for anyone who is not its officer) is here once,
/// so no page can forget the check or make it differently.
/// </summary>
public abstract class OfficerPageModel : PageModel
{
    public VoucherScheme Scheme { get; private set; } = null!;

    /// <summary>Sets <see cref="Scheme"/> and returns null, or the answer for a missing scheme or a caller who is not its officer.</summary>
    protected async Task<IActionResult?> OpenSchemeAsync(PactwerkDb db, AccessScopeProvider scopes, string code, bool forChange, CancellationToken ct)
    {
        if (await db.VoucherSchemes.AsNoTracking().SingleOrDefaultAsync(s => s.Code == code, ct) is not { } scheme)
            return NotFound();
        if (!VoucherAccess.IsOfficer(await scopes.GetAsync(ct), scheme, forChange))
            return Forbid();
        Scheme = scheme;
        return null;
    }
}
