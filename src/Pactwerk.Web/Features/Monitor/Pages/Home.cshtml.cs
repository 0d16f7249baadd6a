using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>A pact's monitor: its key indicators as cards, for the country or any region.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = MonitorCache.Policy)]
public sealed class HomeModel(MonitorViews views) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }

    public HomeView? View { get; private set; }
    public string? NotFoundMessage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        switch (await views.HomeAsync(code, Region, ct))
        {
            case ViewOutcome<HomeView>.Found found:
                View = found.View;
                break;
            case ViewOutcome<HomeView>.NotFound nf:
                NotFoundMessage = nf.Message;
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return Page();
    }

    /// <summary>The points of a sparkline (inline SVG, drawn on the server) in a 120 × 32 box; null values leave gaps out.</summary>
    public static string Sparkline(IReadOnlyList<ValueRow> series)
    {
        var points = series.Select((r, i) => (i, r.Value)).Where(p => p.Value is not null).ToList();
        if (points.Count < 2)
            return "";
        double min = points.Min(p => p.Value!.Value), max = points.Max(p => p.Value!.Value);
        var span = max - min == 0 ? 1 : max - min;
        var step = 116.0 / Math.Max(1, series.Count - 1);
        return string.Join(' ', points.Select(p => string.Create(CultureInfo.InvariantCulture,
            $"{2 + p.i * step:0.#},{30 - (p.Value!.Value - min) / span * 28:0.#}")));
    }
}
