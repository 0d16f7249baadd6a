using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>One session: agenda and notes for everyone who sees the network, its cases for members only.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LearningNetworkSessionPageModel(PactwerkDb db, LearningNetworkAccess access, LearningNetworkManager manager) : PageModel
{
    public LearningNetworkSessionDetailDto Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int network, int id, CancellationToken ct)
    {
        if (await LearningNetworkApi.SessionAsync(db, access, manager, network, id, ct) is not { } detail)
            return NotFound();
        Detail = detail;
        return Page();
    }
}
