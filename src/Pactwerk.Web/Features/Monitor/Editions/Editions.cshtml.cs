using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Monitor.Editions;

/// <summary>A pact's published monitor editions (public), and publishing the next (its coordinators).</summary>
[AllowAnonymous]
public sealed class EditionsModel(PactwerkDb db, EditionService editions, AccessScopeProvider access, IPlanGoals planGoals) : EditPageModel
{
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public IReadOnlyList<EditionSummary> Editions { get; private set; } = [];
    public bool MayPublish { get; private set; }
    public IReadOnlyList<(string Code, string Name, bool OfPact)> Indicators { get; private set; } = [];
    /// <summary>The pact's objectives: each gets a text field, the edition's chapter about it.</summary>
    public IReadOnlyList<PactObjective> Objectives { get; private set; } = [];
    [BindProperty] public PublishInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (await LoadAsync(code, ct) is { } missing)
            return missing;
        Input = new PublishInput { Year = DateTime.UtcNow.Year, Title = $"Monitor {Name} {DateTime.UtcNow.Year}", Indicators = Indicators.Where(i => i.OfPact).Select(i => i.Code).ToList() };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct) =>
        await SaveAsync(() => editions.PublishAsync(code, Input, ct), e => $"/pact/{code}/monitor/edities/{e.Year}") ?? await LoadAsync(code, ct) ?? Page();

    private async Task<IActionResult?> LoadAsync(string code, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, code, ct) is not { } pact)
            return NotFound();
        (Code, Name) = (pact.Code, pact.Name);
        Editions = (await editions.ListAsync(code, ct))!;
        MayPublish = (await access.GetAsync(ct)).Coordinates(pact.Id);
        if (MayPublish)
        {
            var ofPact = (await planGoals.KeyIndicatorsAsync(pact.Id, ct)).ToHashSet();
            Objectives = await planGoals.ObjectivesAsync(pact.Id, ct);
            Indicators = (await db.Indicators.AsNoTracking().OrderBy(i => i.Code).Select(i => new { i.Id, i.Code, i.Name }).ToListAsync(ct))
                .Select(i => (i.Code, i.Name, ofPact.Contains(i.Code))).ToList();
        }
        return null;
    }
}
