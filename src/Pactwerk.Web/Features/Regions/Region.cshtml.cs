using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Regions;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class RegionModel(PactwerkDb db) : PageModel
{
    public RegionDetail Region { get; private set; } = null!;
    public IEnumerable<IGrouping<RegionSetRef, RegionOverlap>> OverlapsBySet => Region.Overlaps.GroupBy(o => o.Set);

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var region = await RegionQueries.RegionAsync(db, code, ct);
        if (region is null)
            return NotFound();
        Region = region;
        return Page();
    }
}
