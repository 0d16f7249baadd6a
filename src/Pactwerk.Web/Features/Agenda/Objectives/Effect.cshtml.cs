using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The effect view of an objective for a region: summed outputs of its actions beside its indicators against the target.</summary>
[AllowAnonymous]
public sealed class EffectModel(PactwerkDb db, ObjectiveEffect effect) : PageModel
{
    public sealed record RegionChoice(string Set, string Code, string Name);

    [BindProperty(SupportsGet = true, Name = "regio")]
    public string? RegionCode { get; set; }

    public string PactCode { get; private set; } = "";
    public EffectView? View { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, int number, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        var id = pact is null ? null : await db.Objectives.Where(o => o.PactId == pact.Id && o.Number == number).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            return NotFound();
        PactCode = pact!.Code;
        // Every set but the municipalities: the list stays short enough to choose from.
        Regions = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind != RegionSetKind.Municipalities)
            .OrderBy(r => r.RegionSet.SortOrder).ThenBy(r => r.Name)
            .Select(r => new RegionChoice(r.RegionSet.Name, r.Code, r.Name)).ToListAsync(ct);
        switch (await effect.ComputeAsync(id.Value, RegionCode, ct))
        {
            case QueryOutcome<EffectView>.Found found:
                View = found.Value;
                break;
            case QueryOutcome<EffectView>.Invalid invalid:
                Error = invalid.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                View = (await effect.ComputeAsync(id.Value, null, ct) as QueryOutcome<EffectView>.Found)?.Value;
                break;
        }
        return Page();
    }
}
