using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Audit.Admin;

[Authorize(Policy = Policies.Coordinator)]
public sealed class AuditLogModel(PactwerkDb db, AccessScopeProvider scopes) : PageModel
{
    public AuditFilter Filter { get; private set; } = new(null, null, null, null, null, null);
    public AuditPage Result { get; private set; } = new(0, 1, 50, []);

    public async Task OnGetAsync(string? person, string? entityType, DateOnly? from, DateOnly? to, int p = 1, CancellationToken ct = default)
    {
        Filter = new AuditFilter(person, entityType, null, null, from, to);
        Result = await AuditApi.SearchAsync(db, await scopes.GetAsync(ct), Filter, Math.Clamp(p, 1, AuditApi.MaxPage), 50, ct);
    }
}
