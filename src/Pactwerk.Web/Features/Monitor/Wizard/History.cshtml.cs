using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Web.Features.Monitor.Wizard;

/// <summary>Every import with its report, withdrawn ones included.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class HistoryModel(PactwerkDb db) : PageModel
{
    public IReadOnlyList<ReleaseDto> Releases { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Releases = await ReleasesApi.Project(db.DataReleases.AsNoTracking().OrderByDescending(r => r.Id)).ToListAsync(ct);
}
