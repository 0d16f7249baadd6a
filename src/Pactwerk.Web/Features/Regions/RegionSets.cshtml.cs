using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Regions;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class RegionSetsModel(PactwerkDb db) : PageModel
{
    public IReadOnlyList<RegionSetSummary> Sets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Sets = await RegionQueries.SetsAsync(db, ct);
}
