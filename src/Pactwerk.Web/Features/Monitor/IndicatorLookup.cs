using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>The monitor's indicators as picker choices: value the code, label the name in the reader's language.</summary>
public static class IndicatorLookup
{
    public static RouteGroupBuilder MapIndicatorLookupApi(this RouteGroupBuilder api)
    {
        api.MapGet("/lookup/indicators", Find).WithTags("Lookup").AllowAnonymous().WithName("LookupIndicators")
            .WithSummary("Indicators whose name or code matches q (case and diacritics ignored), best first, at most 20.");
        return api;
    }

    /// <summary>Indicators are public, as their definitions on the monitor are.</summary>
    private static async Task<Results<Ok<List<LookupItem>>, ValidationProblem>> Find(string? q, PactwerkDb db, CancellationToken ct) =>
        Lookup.Refuse(q) is { } refused ? refused : TypedResults.Ok(Lookup.Best(await AllAsync(db, ct), q));

    /// <summary>Every indicator by code (a few dozen at most), with its unit as the hint.</summary>
    public static async Task<List<LookupItem>> AllAsync(PactwerkDb db, CancellationToken ct)
    {
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        return (await db.Indicators.AsNoTracking().OrderBy(i => i.Code).Select(i => new { i.Code, i.Name, i.NameEn, i.Unit }).ToListAsync(ct))
            .Select(i => new LookupItem(i.Code, english ? i.NameEn : i.Name, $"{i.Code} · {i.Unit}")).ToList();
    }
}
