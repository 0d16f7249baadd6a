using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// The register of public-private partnerships of a region: every action of that kind, of any
/// pact, that runs inside the region (a region of its own or one wholly inside it).
/// </summary>
[AllowAnonymous]
public sealed class PartnershipRegisterModel(PactwerkDb db, ActionSearch search, PactActionEditor editor) : ActionListPage(db, search, editor)
{
    public string RegionCode { get; private set; } = "";
    public string RegionName { get; private set; } = "";
    public override IReadOnlySet<string> FixedFilters => new HashSet<string> { "region", "kind" };
    public override string FormAction => $"/regio/{RegionCode}/pps";

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var region = await Db.Regions.Where(r => r.Code == code.ToUpperInvariant() && r.ValidTo == null).Select(r => new { r.Code, r.Name }).SingleOrDefaultAsync(ct);
        if (region is null)
            return NotFound();
        (RegionCode, RegionName) = (region.Code, region.Name);
        await ListAsync(q => (q.Region, q.Kind) = (region.Code, nameof(PactActionKind.PublicPrivatePartnership)), ct);
        return Page();
    }
}
