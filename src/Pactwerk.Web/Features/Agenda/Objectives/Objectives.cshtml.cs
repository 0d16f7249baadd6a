using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The objectives of a pact, each with its indicators and the number of actions that work on it.</summary>
[AllowAnonymous]
public sealed class ObjectivesModel(PactwerkDb db, ObjectiveEditor editor) : PageModel
{
    public sealed record Row(int Number, string Title, string Description, bool IsDemoContent, IReadOnlyList<string> Indicators, int Actions);

    public string PactCode { get; private set; } = "";
    public string PactName { get; private set; } = "";
    public List<Row> Rows { get; private set; } = [];
    public bool MayEdit { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, code, ct);
        if (pact is null)
            return NotFound();
        (PactCode, PactName) = (pact.Code, pact.Name);
        MayEdit = await editor.MayEditAsync(pact.Id, ct);
        Rows = await db.Objectives.Where(o => o.PactId == pact.Id).OrderBy(o => o.Number)
            .Select(o => new Row(o.Number, o.Title, o.Description, o.IsDemoContent, o.Indicators.Select(i => i.Indicator.Name).ToList(),
                db.ActionObjectives.Count(a => a.ObjectiveId == o.Id)))
            .ToListAsync(ct);
        return Page();
    }
}
