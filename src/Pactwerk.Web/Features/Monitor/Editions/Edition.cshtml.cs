using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>One published edition: its frozen figures for the country and a chosen set and period, with revision notes.</summary>
[AllowAnonymous]
public sealed class EditionModel(EditionService editions, PactwerkDb db) : PageModel
{
    public EditionDto Edition { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Sets { get; private set; } = [];
    /// <summary>The period shown for the set, per indicator: the chosen one if the indicator has it, else its latest.</summary>
    public string? Period { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, int year, string? indeling, string? periode, CancellationToken ct)
    {
        if (await editions.GetAsync(code, year, indeling, ct) is not { } edition)
            return NotFound();
        Edition = edition;
        Period = periode;
        Sets = (await db.RegionSets.AsNoTracking().Where(s => s.Code != ReferenceData.RegionSetCodes.Country).OrderBy(s => s.SortOrder)
            .Select(s => new { s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Code, s.Name)).ToList();
        return Page();
    }

    public string PeriodFor(EditionIndicatorDto indicator) =>
        Period is { } p && indicator.Periods.Contains(p) ? p : indicator.Periods.LastOrDefault() ?? "";
}
