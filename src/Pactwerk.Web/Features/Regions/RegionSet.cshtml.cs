using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Regions;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class RegionSetModel(PactwerkDb db) : PageModel
{
    public RegionSetSummary Set { get; private set; } = null!;
    public IReadOnlyList<RegionSummary> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var set = await RegionQueries.SetAsync(db, code, ct);
        if (set is null)
            return NotFound();
        Set = set;
        Regions = await RegionQueries.RegionsOfSetAsync(db, code, ct);
        return Page();
    }
}
