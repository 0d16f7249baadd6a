using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

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
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        if (pact is null)
            return NotFound();
        (PactCode, PactName) = (pact.Code, pact.Name);
        Sets = await HelixBalance.SetsFor(db, pact.Id).Select(s => new SetChoice(s.Code, s.Name)).ToListAsync(ct);
        SetCode = string.IsNullOrWhiteSpace(SetCode) ? await NetworkApi.DefaultSetAsync(db, pact.Id, ct) : SetCode.Trim().ToLowerInvariant();
        Balance = await HelixBalance.ComputeAsync(db, pact.Id, pact.Code, SetCode, clock.Today(), ct);
        if (Balance is null)
        {
            Error = SetCode;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        return Page();
    }
}
