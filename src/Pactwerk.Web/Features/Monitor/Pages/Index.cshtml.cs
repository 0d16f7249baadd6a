using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor.Pages;

/// <summary>The monitor's entrance: each pact's monitor and every indicator.</summary>
[AllowAnonymous]
[OutputCache(PolicyName = MonitorCache.Policy)]
public sealed class IndexModel(PactwerkDb db) : PageModel
{
    public sealed record Item(string Code, string Name);

    public List<Item> Pacts { get; private set; } = [];
    public List<Item> Indicators { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Pacts = (await db.Pacts.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Code, p.Name }).ToListAsync(ct)).Select(p => new Item(p.Code, p.Name)).ToList();
        Indicators = (await db.Indicators.AsNoTracking().OrderBy(i => i.Name).Select(i => new { i.Code, i.Name, i.NameEn }).ToListAsync(ct))
            .Select(i => new Item(i.Code, english ? i.NameEn : i.Name)).ToList();
    }
}
