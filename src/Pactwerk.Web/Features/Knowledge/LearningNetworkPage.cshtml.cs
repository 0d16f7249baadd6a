using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>A learning network: members and sessions for members and coordinators; its cases for members only.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class LearningNetworkPageModel(PactwerkDb db, LearningNetworkAccess access) : PageModel
{
    public LearningNetworkDto Network { get; private set; } = null!;
    public IReadOnlyList<LearningNetworkCaseDto> Cases { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await access.VisibleNetworkAsync(id, ct) is not { } network)
            return NotFound();
        Network = await LearningNetworkApi.DescribeAsync(db, access, network, ct);
        if (Network.IsMember)
            Cases = await LearningNetworkApi.CasesAsync(db, (await access.ScopeAsync(ct)).UserId!, c => c.NetworkId == id, ct);
        return Page();
    }
}
