using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>
/// The comparison of an indicator's regions (map, bars and table) without the site's chrome, to be
/// framed by other websites: this route alone allows any frame ancestor (see SecurityHeaders).
/// </summary>
[AllowAnonymous]
[OutputCache(PolicyName = MonitorCache.Policy)]
public sealed class EmbedModel(MonitorViews views) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "indeling")] public string? Set { get; set; }
    [BindProperty(SupportsGet = true, Name = "periode")] public string? Period { get; set; }
    [BindProperty(SupportsGet = true, Name = "uitsplitsing")] public string? Breakdown { get; set; }

    public IndicatorView? View { get; private set; }
    public string? NotFoundMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        switch (await views.IndicatorViewAsync(new IndicatorRequest(code, Region, Set, Period, Breakdown), ct))
        {
            case ViewOutcome<IndicatorView>.Found found:
                View = found.View;
                break;
            case ViewOutcome<IndicatorView>.NotFound nf:
                NotFoundMessage = nf.Message;
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return Page();
    }
}
