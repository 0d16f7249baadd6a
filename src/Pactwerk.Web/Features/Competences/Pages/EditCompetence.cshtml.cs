using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Competences;

/// <summary>A coordinator of the pact adds a competence by hand (/competenties/{pact}/bewerken) or changes one (…/bewerken/{code}).</summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditCompetenceModel(PactwerkDb db, CompetenceEditor editor, AccessScopeProvider scopes) : EditPageModel
{
    [BindProperty] public CompetenceInput Input { get; set; } = new();
    public string PactCode { get; private set; } = "";
    public string PactName { get; private set; } = "";
    public string? Code { get; private set; }

    public async Task<IActionResult> OnGetAsync(string pact, string? code, CancellationToken ct)
    {
        var (pactId, competence) = await LoadAsync(pact, code, ct);
        if (pactId is null || (code is not null && competence is null))
            return NotFound();
        if (!CompetenceAccess.MayMaintain(await scopes.GetAsync(ct), pactId.Value))
            return Forbid();
        if (competence is not null)
            Input = new CompetenceInput
            {
                Code = competence.Code, NameNl = competence.NameNl, NameEn = competence.NameEn, Description = competence.Description, Group = competence.Group,
                AltLabelsNl = competence.AltLabelsNl, AltLabelsEn = competence.AltLabelsEn, Version = competence.Version,
            };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string pact, string? code, CancellationToken ct)
    {
        var (pactId, competence) = await LoadAsync(pact, code, ct);
        if (pactId is null || (code is not null && competence is null))
            return NotFound();
        return await SaveAsync(() => editor.SaveAsync(pactId.Value, code, Input, ct),
            c => $"/competenties/{PactCode}/{Uri.EscapeDataString(c.Code)}", current => Input.Version = current.Version) ?? Page();
    }

    protected override string Localise(string message) => CompetenceMessages.Localise(Localiser, message);

    private async Task<(int? PactId, Competence? Competence)> LoadAsync(string pact, string? code, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, pact, ct) is not { } found)
            return (null, null);
        (PactCode, PactName, Code) = (found.Code, found.Name, code);
        var competence = code is null ? null : await db.Competences.AsNoTracking().SingleOrDefaultAsync(c => c.PactId == found.Id && c.Code == code, ct);
        return (found.Id, competence);
    }
}
