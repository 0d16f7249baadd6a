using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>A coordinator adds an objective (/pact/{code}/doelen/nieuw) or changes one.</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditObjectiveModel(PactwerkDb db, ObjectiveEditor editor) : EditPageModel
{
    public sealed record IndicatorChoice(string Code, string Name);

    [BindProperty] public ObjectiveInput Input { get; set; } = new();
    public string PactCode { get; private set; } = "";
    public string PactName { get; private set; } = "";
    public int? Number { get; private set; }
    public IReadOnlyList<IndicatorChoice> Indicators { get; private set; } = [];
    public async Task<IActionResult> OnGetAsync(string code, int? number, CancellationToken ct)
    {
        var (pactId, objective) = await LoadAsync(code, number, ct);
        if (pactId is null || (number is not null && objective is null))
            return NotFound();
        if (!await editor.MayEditAsync(pactId.Value, ct))
            return Forbid();
        Input = objective is null
            ? new ObjectiveInput { Number = await db.Objectives.Where(o => o.PactId == pactId).Select(o => (int?)o.Number).MaxAsync(ct) + 1 ?? 1, Indicators = [] }
            : new ObjectiveInput
            {
                Number = objective.Number, Title = objective.Title, Description = objective.Description, Version = objective.Version,
                Indicators = await db.Objectives.Where(o => o.Id == objective.Id).SelectMany(o => o.Indicators.Select(i => i.Indicator.Code)).ToListAsync(ct),
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, int? number, CancellationToken ct)
    {
        var (pactId, objective) = await LoadAsync(code, number, ct);
        if (pactId is null || (number is not null && objective is null))
            return NotFound();
        // An unticked list of checkboxes is an empty list, not "leave as it is".
        Input.Indicators ??= [];
        return await SaveAsync(() => objective is null ? editor.CreateAsync(PactCode, Input, ct) : editor.UpdateAsync(objective.Id, Input, ct),
            o => $"/pact/{PactCode}/doelen/{o.Number}", current => Input.Version = current.Version) ?? Page();
    }

    private async Task<(int? PactId, Objective? Objective)> LoadAsync(string code, int? number, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        if (pact is null)
            return (null, null);
        (PactCode, PactName, Number) = (pact.Code, pact.Name, number);
        Indicators = await db.Indicators.OrderBy(i => i.Name).Select(i => new IndicatorChoice(i.Code, i.Name)).ToListAsync(ct);
        var objective = number is null ? null : await db.Objectives.AsNoTracking().SingleOrDefaultAsync(o => o.PactId == pact.Id && o.Number == number, ct);
        return (pact.Id, objective);
    }
}
