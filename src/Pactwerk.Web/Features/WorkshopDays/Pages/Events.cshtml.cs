using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

[AllowAnonymous]
public sealed class EventsModel(PactwerkDb db, AccessScopeProvider scopes) : PageModel
{
    public sealed record Row(string Slug, string Name, string Venue);
    public IReadOnlyList<Row> Events { get; private set; } = [];
    public bool MayCreate { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Events = await db.WorkshopDayEvents.AsNoTracking().OrderByDescending(e => e.RegistrationClosesAt).Select(e => new Row(e.Slug, e.Name, e.Venue)).ToListAsync(ct);
        var scope = await scopes.GetAsync(ct);
        MayCreate = (await db.Pacts.Select(p => p.Id).ToListAsync(ct)).Any(p => WorkshopDayAccess.MayCoordinate(scope, p));
    }
}
