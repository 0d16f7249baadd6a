using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// One case, for the network's members. Anyone else, anonymous visitors included, gets "not found"
/// whether or not the case exists, and the attempt is logged.
/// </summary>
[AllowAnonymous]
public sealed class LearningNetworkCasePageModel(PactwerkDb db, LearningNetworkAccess access) : PageModel
{
    public LearningNetworkCaseDto Case { get; private set; } = null!;
    public string NetworkName { get; private set; } = "";
    public string? SessionLabel { get; private set; }

    public async Task<IActionResult> OnGetAsync(int network, int id, CancellationToken ct)
    {
        if (await access.ReadCaseAsync(network, id, ct) is null)
            return NotFound();
        Case = (await LearningNetworkApi.CasesAsync(db, (await access.ScopeAsync(ct)).UserId!, c => c.Id == id, ct)).Single();
        var dto = await LearningNetworkApi.DescribeAsync(db, access, (await access.VisibleNetworkAsync(network, ct))!, ct);
        NetworkName = dto.Name;
        SessionLabel = dto.Sessions.FirstOrDefault(s => s.Id == Case.SessionId) is { } s ? $"{s.Date:d MMMM yyyy}: {s.Theme}" : null;
        return Page();
    }
}
