using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Web.Features.Competences;

/// <summary>
/// A coordinator loads an ESCO download into the pact's framework: the skills file, and optionally the occupations and
/// their relations, all in one language. The import is all or nothing, so there is no preview: a wrong file changes
/// nothing and every problem is listed with its file and line.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
// An ESCO skills file is some 10 MB per language.
[RequestSizeLimit(100 * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = 100 * 1024 * 1024)]
public sealed class ImportCompetencesModel(PactwerkDb db, CompetenceImport import, AccessScopeProvider scopes) : PageModel
{
    [BindProperty] public string Language { get; set; } = CompetenceImport.Dutch;
    [BindProperty] public IFormFile? Skills { get; set; }
    [BindProperty] public IFormFile? Occupations { get; set; }
    [BindProperty] public IFormFile? Relations { get; set; }

    public string PactCode { get; private set; } = "";
    public string PactName { get; private set; } = "";
    public CompetenceImportReport? Report { get; private set; }
    public bool SkillsMissing { get; private set; }

    public async Task<IActionResult> OnGetAsync(string pact, CancellationToken ct) => await AllowedAsync(pact, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string pact, CancellationToken ct)
    {
        if (await AllowedAsync(pact, ct) is { } refused)
            return refused;
        SkillsMissing = Skills is null || Skills.Length == 0;
        if (SkillsMissing)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var pactId = (await PactLookup.FindAsync(db, pact, ct))!.Id;
        Report = await import.ImportAsync(pactId, Language, (await ReadAsync(Skills, ct))!, await ReadAsync(Occupations, ct), await ReadAsync(Relations, ct), ct);
        if (!Report.Accepted)
            Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> AllowedAsync(string pact, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, pact, ct) is not { } found)
            return NotFound();
        (PactCode, PactName) = (found.Code, found.Name);
        return CompetenceAccess.MayMaintain(await scopes.GetAsync(ct), found.Id) ? null : Forbid();
    }

    private static async Task<EscoFile?> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            return null;
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return new EscoFile(Path.GetFileName(file.FileName), buffer.ToArray());
    }
}
