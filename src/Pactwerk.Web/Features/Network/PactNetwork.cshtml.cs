using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Network;

/// <summary>A pact's network: who holds which role (and who did before), and who signed.</summary>
[AllowAnonymous]
public sealed class PactNetworkModel(PactwerkDb db, TimeProvider clock) : PageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<RoleDto> Roles { get; private set; } = [];
    public IReadOnlyList<SignatoryDto> Signatories { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var pact = await db.Pacts.Where(p => p.Code == code.ToLower()).Select(p => new { p.Id, p.Code, p.Name }).SingleOrDefaultAsync(ct);
        if (pact is null)
            return NotFound();
        (Code, Name) = (pact.Code, pact.Name);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Roles = await NetworkQueries.Roles(db, today, r => r.PactId == pact.Id).ToListAsync(ct);
        Signatories = await NetworkQueries.Signatories(db, today, s => s.PactId == pact.Id).ToListAsync(ct);
        return Page();
    }
}
