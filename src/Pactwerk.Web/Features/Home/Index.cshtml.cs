using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Home;

[Microsoft.AspNetCore.Authorization.AllowAnonymous]
public sealed class IndexModel(PactwerkDb db, ReferenceDataStatus referenceData) : PageModel
{
    public sealed record LeadRow(string RegionCode, string RegionName, string? Lead, string? LeadTitle);
    public sealed record PactCard(string Code, string Name, DateOnly SignedOn, int InitialSignatoryCount, string Summary,
        string? Champion, int ActionCount, IReadOnlyList<LeadRow> Regions);
    public sealed record Counts(int Municipalities, int RegionSets, int Organisations, int People, int Actions);

    public ReferenceDataStatus ReferenceData => referenceData;
    public IReadOnlyList<PactCard> Pacts { get; private set; } = [];
    public Counts Totals { get; private set; } = new(0, 0, 0, 0, 0);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pacts = await db.Pacts.OrderBy(p => p.SignedOn).ToListAsync(ct);
        var roles = await db.PactRoles.Where(r => r.ValidTo == null && (r.Kind == PactRoleKind.Champion || r.Kind == PactRoleKind.RegionLead))
            .Select(r => new { r.PactId, r.Kind, r.RegionId, r.Person.Name, r.Person.JobTitle }).ToListAsync(ct);
        var groupings = await db.Regions.Where(r => r.RegionSet.PactId != null && r.ValidTo == null)
            .OrderBy(r => r.Name).Select(r => new { r.Id, r.Code, r.Name, PactId = r.RegionSet.PactId!.Value }).ToListAsync(ct);
        var actions = await db.PactActions.GroupBy(a => a.PactId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

        Pacts = pacts.Select(p => new PactCard(p.Code, p.Name, p.SignedOn, p.InitialSignatoryCount, p.Summary,
            roles.FirstOrDefault(r => r.PactId == p.Id && r.Kind == PactRoleKind.Champion)?.Name,
            actions.GetValueOrDefault(p.Id),
            groupings.Where(g => g.PactId == p.Id).Select(g =>
            {
                var lead = roles.FirstOrDefault(r => r.PactId == p.Id && r.Kind == PactRoleKind.RegionLead && r.RegionId == g.Id);
                return new LeadRow(g.Code, g.Name, lead?.Name, lead?.JobTitle);
            }).ToList())).ToList();

        Totals = new Counts(
            await db.Regions.CountAsync(r => r.RegionSet.Code == RegionSetCodes.Municipalities && r.ValidTo == null, ct),
            await db.RegionSets.CountAsync(ct),
            await db.Organisations.CountAsync(ct),
            await db.People.CountAsync(ct),
            await db.PactActions.CountAsync(ct));
    }
}
