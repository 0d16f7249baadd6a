using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// A pact's national plan and its regional plans, each with the revision that holds now. Public.
/// Who may make a plan (<see cref="PlanEditor"/>'s rules) starts one here: the national plan, or
/// the plan of a landsdeel that has none yet.
/// </summary>
[AllowAnonymous]
public sealed class PactPlansModel(PactwerkDb db, PlanEditor editor) : EditPageModel(inputPrefix: "NewPlan.")
{
    /// <summary>A plan the user may start: Code is empty for the national plan, a landsdeel's code otherwise.</summary>
    public sealed record Choice(string Code, string Name);

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<PlanDto> Plans { get; private set; } = [];
    public IReadOnlyList<Choice> Choices { get; private set; } = [];
    [BindProperty] public PlanInput NewPlan { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } missing)
            return missing;
        NewPlan = new PlanInput { FirstYear = DateTime.UtcNow.Year, LastYear = DateTime.UtcNow.Year + 3 };
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(string code, CancellationToken ct) =>
        await SaveAsync(() => editor.CreateAsync(code, NewPlan, ct), p => $"/plannen/{p.Id}/herzieningen/1") ?? await LoadAsync(code, ct) ?? Page();

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, code, ct) is not { } pact)
            return NotFound();
        (Code, Name) = (pact.Code, pact.Name);
        Plans = await PlanQueries.PlansAsync(db, p => p.PactId == pact.Id, User.Identity?.IsAuthenticated == true, ct);
        Choices = User.Identity?.IsAuthenticated == true ? await ChoicesAsync(pact.Id, ct) : [];
        return null;
    }

    /// <summary>The plans the user may start, by the editor's rules, leaving out those that exist.</summary>
    private async Task<IReadOnlyList<Choice>> ChoicesAsync(int pactId, CancellationToken ct)
    {
        var taken = await db.Plans.Where(p => p.PactId == pactId).Select(p => p.RegionId).ToListAsync(ct);
        var landsdelen = await db.Regions.AsNoTracking().Where(r => r.RegionSet.PactId == pactId && r.ValidTo == null)
            .OrderBy(r => r.Name).Select(r => new { r.Id, r.Code, r.Name }).ToListAsync(ct);
        var choices = new List<Choice>();
        if (!taken.Contains(null) && await editor.MayEditAsync(new Plan { PactId = pactId, Title = "" }, ct))
            choices.Add(new Choice("", Localiser["Landelijk plan"].Value));
        foreach (var r in landsdelen.Where(r => !taken.Contains(r.Id)))
            if (await editor.MayEditAsync(new Plan { PactId = pactId, RegionId = r.Id, Title = "" }, ct))
                choices.Add(new Choice(r.Code, r.Name));
        return choices;
    }
}
