using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Network;

[AllowAnonymous]
public sealed class OrganisationModel(PactwerkDb db, OrganisationEditor editor, TimeProvider clock) : PageModel
{
    public OrganisationDetail Organisation { get; private set; } = null!;
    public bool Editable { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await NetworkQueries.OrganisationAsync(db, id, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct) is not { } organisation)
            return NotFound();
        Organisation = organisation;
        Editable = await editor.MayEditAsync(id, ct);
        return Page();
    }
}
