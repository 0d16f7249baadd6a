using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>An objective of a pact, its indicators and the actions that work towards it, with the list's filters.</summary>
[AllowAnonymous]
public sealed class ObjectiveModel(PactwerkDb db, ActionSearch search, PactActionEditor editor) : ActionListPage(db, search, editor)
{
    public sealed record IndicatorRef(string Code, string Name, string NameEn);

    public Objective Objective { get; private set; } = null!;
    public string PactName { get; private set; } = "";
    public IReadOnlyList<IndicatorRef> Indicators { get; private set; } = [];
    public override IReadOnlySet<string> FixedFilters => new HashSet<string> { "pact", "objective" };
    public override string FormAction => $"/pact/{RouteData.Values["code"]}/doelen/{Objective.Number}";

    public async Task<IActionResult> OnGetAsync(string code, int number, CancellationToken ct)
    {
        if (await Web.Features.Pacts.PactLookup.FindAsync(Db, code, ct) is not { } pact)
            return NotFound();
        var objective = await Db.Objectives.AsNoTracking().SingleOrDefaultAsync(o => o.PactId == pact.Id && o.Number == number, ct);
        if (objective is null)
            return NotFound();
        (Objective, PactName) = (objective, pact.Name);
        Indicators = await Db.Set<ObjectiveIndicator>().Where(i => i.ObjectiveId == objective.Id)
            .Select(i => new IndicatorRef(i.Indicator.Code, i.Indicator.Name, i.Indicator.NameEn)).ToListAsync(ct);
        await ListAsync(q => (q.Pact, q.Objective) = (pact.Code, number), ct);
        return Page();
    }
}
