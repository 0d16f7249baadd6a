using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Network;

/// <summary>Where a pact lacks a helix: partners per region and helix, as a table and a chart.</summary>
[AllowAnonymous]
public sealed class HelixBalanceModel(PactwerkDb db, TimeProvider clock) : PageModel
{
    public sealed record SetChoice(string Code, string Name);

    [BindProperty(SupportsGet = true, Name = "indeling")]
    public string? SetCode { get; set; }

    public string PactName { get; private set; } = "";
    public string PactCode { get; private set; } = "";
    public IReadOnlyList<SetChoice> Sets { get; private set; } = [];
    public HelixBalanceResult? Balance { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var pact = await db.Pacts.Where(p => p.Code == code.ToLower()).Select(p => new { p.Id, p.Code, p.Name }).SingleOrDefaultAsync(ct);
        if (pact is null)
            return NotFound();
        (PactCode, PactName) = (pact.Code, pact.Name);
        // A pact's own grouping, and the national sets; not another pact's landsdelen.
        Sets = await db.RegionSets.Where(s => s.PactId == null || s.PactId == pact.Id).OrderBy(s => s.SortOrder)
            .Select(s => new SetChoice(s.Code, s.Name)).ToListAsync(ct);
        SetCode = string.IsNullOrWhiteSpace(SetCode) ? await NetworkApi.DefaultSetAsync(db, pact.Id, ct) : SetCode.Trim().ToLowerInvariant();
        Balance = await HelixBalance.ComputeAsync(db, pact.Id, pact.Code, SetCode, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        if (Balance is null)
        {
            Error = SetCode;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
