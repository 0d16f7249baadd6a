using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>A scheme's published draws, with how anyone recomputes them: public, as the draw's fairness rests on it.</summary>
[AllowAnonymous]
public sealed class DrawsModel(PactwerkDb db) : PageModel
{
    /// <summary>More numbers than this are not listed on the page (the API gives them all): a page of 300,000 numbers helps nobody.</summary>
    public const int Listed = 1000;

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";
    public DistributionRule Rule { get; private set; }
    public IReadOnlyList<VoucherDrawDto> Draws { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var scheme = await db.VoucherSchemes.AsNoTracking().Where(s => s.Code == code).Select(s => new { s.Id, s.Code, s.Name, s.NameEn, s.Rule }).SingleOrDefaultAsync(ct);
        if (scheme is null)
            return NotFound();
        (Code, Name, NameEn, Rule) = (scheme.Code, scheme.Name, scheme.NameEn, scheme.Rule);
        Draws = await VouchersApi.DrawsAsync(db, scheme.Id, ct);
        return Page();
    }
}
