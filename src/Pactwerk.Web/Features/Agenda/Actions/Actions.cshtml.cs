using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>Every action, filtered as the API filters.</summary>
[AllowAnonymous]
public sealed class ActionsModel(PactwerkDb db, ActionSearch search, PactActionEditor editor, AccessScopeProvider scopes) : ActionListPage(db, search, editor)
{
    public override string FormAction => "/initiatieven";
    /// <summary>The pacts in which the user may start an action (coordinators, leads, partner editors).</summary>
    public IReadOnlyList<Choice> MayCreateIn { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ListAsync(_ => { }, ct);
        var scope = await scopes.GetAsync(ct);
        if (scope.IsSignedIn && !scope.ReadOnly)
        {
            var pactIds = scope.IsAdministrator ? null : scope.Grants.Where(g => g.Kind is RoleKind.PactCoordinator or RoleKind.RegionalLead
                or RoleKind.RegionalCoordinator or RoleKind.PartnerEditor).Select(g => g.PactId).ToHashSet();
            var pacts = await Db.Pacts.OrderBy(p => p.Name).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
            MayCreateIn = pacts.Where(p => pactIds is null || pactIds.Contains(p.Id)).Select(p => new Choice(p.Code, p.Name)).ToList();
        }
    }
}
