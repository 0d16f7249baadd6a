using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>An indicator for a region: time series against the target path, all regions of a set on a map and in bars, a breakdown.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = MonitorCache.Policy)]
public sealed class IndicatorModel(MonitorViews views) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "indeling")] public string? Set { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "uitsplitsing")] public string? Breakdown { get; set; }

    public IndicatorView? View { get; private set; }
    public string? NotFoundMessage { get; private set; }
    public List<RegionChoice> Regions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        switch (await views.IndicatorViewAsync(new IndicatorRequest(code, Region, Set, Period, Breakdown), ct))
        {
            case ViewOutcome<IndicatorView>.Found found:
                View = found.View;
                Regions = await views.RegionsAsync(ct);
                break;
            case ViewOutcome<IndicatorView>.NotFound nf:
                NotFoundMessage = nf.Message;
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return Page();
    }

    /// <summary>The query of this view, for downloads and embeds of the same figures.</summary>
    public string Query()
    {
        var v = View!;
        return $"regio={Uri.EscapeDataString(v.Region.Code)}&indeling={Uri.EscapeDataString(v.Set.Code)}&periode={Uri.EscapeDataString(v.Period ?? "")}&uitsplitsing={Uri.EscapeDataString(v.Breakdown ?? "geen")}";
    }
}
