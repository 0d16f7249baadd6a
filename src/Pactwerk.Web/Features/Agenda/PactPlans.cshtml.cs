using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>A pact's national plan and its regional plans, each with the revision that holds now. Public.</summary>
[AllowAnonymous]
public sealed class PactPlansModel(PactwerkDb db) : PageModel
{
    public string Name { get; private set; } = "";
    public IReadOnlyList<PlanDto> Plans { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, code, ct) is not { } pact)
            return NotFound();
        Name = pact.Name;
        Plans = await PlanQueries.PlansAsync(db, p => p.PactId == pact.Id, User.Identity?.IsAuthenticated == true, ct);
        return Page();
    }
}
