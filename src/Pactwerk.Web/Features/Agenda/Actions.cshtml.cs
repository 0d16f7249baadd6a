using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Agenda;

[AllowAnonymous]
public sealed class ActionsModel(PactwerkDb db, AccessScopeProvider scopes, PactActionEditor editor) : PageModel
{
    public sealed record Row(int Id, string Title, string Pact, string Region, string RegionCode, PactActionKind Kind, bool Editable);

    public bool SignedIn { get; private set; }
    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        SignedIn = scope.IsSignedIn;
        var actions = await db.PactActions.OrderBy(a => a.Title)
            .Select(a => new { a.Id, a.Title, a.PactId, Pact = db.Pacts.Where(p => p.Id == a.PactId).Select(p => p.Name).First(),
                Region = a.Regions.Select(r => r.Region.Name).First(), RegionCode = a.Regions.Select(r => r.Region.Code).First(), a.Kind })
            .ToListAsync(ct);
        var editable = await editor.EditableAsync(db.PactActions, ct);
        Rows = actions.Select(a => new Row(a.Id, a.Title, a.Pact, a.Region, a.RegionCode, a.Kind, editable.Contains(a.Id))).ToList();
    }
}
