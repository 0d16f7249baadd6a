using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>One published edition: its frozen figures for the country and a chosen set and period, with revision notes.</summary>
[AllowAnonymous]
public sealed class EditionModel(EditionService editions, EditionDocuments documents, PactwerkDb db) : PageModel
{
    public EditionDto Edition { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Name)> Sets { get; private set; } = [];
    /// <summary>The period shown for the set, per indicator: the chosen one if the indicator has it, else its latest.</summary>
    public string? Period { get; private set; }
    /// <summary>The size of the edition's PDF per language once it is stored (it is made on the first download).</summary>
    public IReadOnlyDictionary<string, int> PdfSizes { get; private set; } = new Dictionary<string, int>();

    public async Task<IActionResult> OnGetAsync(string code, int year, string? indeling, string? periode, CancellationToken ct)
    {
        if (await editions.GetAsync(code, year, indeling, ct) is not { } edition)
            return NotFound();
        Edition = edition;
        Period = periode;
        PdfSizes = await documents.SizesAsync(edition.Pact, edition.Year, ct);
        Sets = (await db.RegionSets.AsNoTracking().Where(s => s.Code != ReferenceData.RegionSetCodes.Country).OrderBy(s => s.SortOrder)
            .Select(s => new { s.Code, s.Name }).ToListAsync(ct)).Select(s => (s.Code, s.Name)).ToList();
        return Page();
    }

    /// <summary>A chapter's heading: "Doel 2: …" for an objective, the translated title of the other indicators' chapter.</summary>
    public string Heading(EditionSectionDto section, IStringLocalizer<SharedResource> T) =>
        section.ObjectiveNumber is { } n ? T["Doel {0}: {1}", n, section.Title] : T[section.Title];

    /// <summary>The indicator's name in the reader's language.</summary>
    public string NameOf(EditionIndicatorDto indicator) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(indicator.NameEn) ? indicator.NameEn : indicator.Name;

    public string PeriodFor(EditionIndicatorDto indicator) =>
        Period is { } p && indicator.Periods.Contains(p) ? p : indicator.Periods.LastOrDefault() ?? "";
}
