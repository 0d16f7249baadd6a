using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Regions;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The effect view of an objective for a region: summed outputs of its actions beside its indicators against the target.</summary>
[AllowAnonymous]
public sealed class EffectModel(PactwerkDb db, ObjectiveEffect effect) : PageModel
{
    public sealed record RegionChoice(string Set, string Code, string Name);

    [BindProperty(SupportsGet = true, Name = "regio")]
    public string? RegionCode { get; set; }

    public string PactCode { get; private set; } = "";
    public EffectView? View { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyList<RegionChoice> Regions { get; private set; } = [];

    /// <summary>
    /// The figures the charts draw, as a JSON data block (the CSP keeps scripts to files): each indicator's
    /// values (hidden cells as null, as in the table) beside the target path, and the summed outputs per unit and year.
    /// </summary>
    public string ChartJson(Microsoft.Extensions.Localization.IStringLocalizer<Pactwerk.Web.SharedResource> T)
    {
        if (View is not { } v)
            return "{}";
        var years = v.Outputs.Select(o => o.Year).Distinct().Order().ToList();
        var data = new
        {
            labels = new { value = T["Waarde"].Value, expected = T["Verwacht volgens streefpad"].Value },
            indicators = v.Indicators.Select(i => new
            {
                code = i.Code, name = i.Name, unit = i.Unit,
                periods = i.Points.Select(p => p.Period),
                values = i.Points.Select(p => p.Protected is null ? p.Value : null),
                expected = i.Points.Select(p => p.Expected),
            }),
            outputs = new
            {
                years,
                units = v.Outputs.Select(o => o.Unit).Distinct().Select(unit => new
                {
                    name = T[$"Eenheid.{unit}"].Value,
                    values = years.Select(y => v.Outputs.SingleOrDefault(o => o.Year == y && o.Unit == unit)?.Quantity),
                }),
            },
        };
        return System.Text.Json.JsonSerializer.Serialize(data, System.Text.Json.JsonSerializerOptions.Web);
    }

    public async Task<IActionResult> OnGetAsync(string code, int number, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        var id = pact is null ? null : await db.Objectives.Where(o => o.PactId == pact.Id && o.Number == number).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct);
        if (id is null)
            return NotFound();
        PactCode = pact!.Code;
        // Every set but the municipalities: the list stays short enough to choose from.
        Regions = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind != RegionSetKind.Municipalities)
            .OrderBy(r => r.RegionSet.SortOrder).ThenBy(r => r.Name)
            .Select(r => new RegionChoice(r.RegionSet.Name, r.Code, r.Name)).ToListAsync(ct);
        switch (await effect.ComputeAsync(id.Value, RegionCode, ct))
        {
            case QueryOutcome<EffectView>.Found found:
                View = found.Value;
                break;
            case QueryOutcome<EffectView>.Invalid invalid:
                Error = invalid.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                View = (await effect.ComputeAsync(id.Value, null, ct) as QueryOutcome<EffectView>.Found)?.Value;
                break;
        }
        return Page();
    }
}
