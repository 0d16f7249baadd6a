using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Monitor.Definitions;

/// <summary>
/// The indicators for coordinators to define and version. Indicators are shared by the pacts of an installation
/// (a pact's goals choose among them), so the list is the installation's, as the API's is.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class IndicatorListModel(PactwerkDb db) : PageModel
{
    public sealed record Row(string Code, string Name, string Unit, int Version, string? ValidFrom);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        Rows = (await db.Indicators.AsNoTracking()
            .Select(i => new { i.Code, i.Name, i.NameEn, i.Unit, i.CurrentVersion, Current = i.Versions.Single(v => v.Version == i.CurrentVersion) }).ToListAsync(ct))
            .Select(i => new Row(i.Code, english ? i.NameEn : i.Name, i.Unit, i.CurrentVersion, i.Current.ValidFrom))
            .OrderBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.CurrentCulture, true)).ToList();
    }
}
