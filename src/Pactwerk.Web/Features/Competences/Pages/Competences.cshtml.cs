using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Competences;

/// <summary>
/// A pact's competence framework for everyone (as the API): search by name or alternative label in Dutch or English,
/// and the framework's occupations. Without a pact, the first pact that has a framework.
/// </summary>
[AllowAnonymous]
public sealed class CompetencesModel(PactwerkDb db, CompetenceQueries queries, Accounts.AccessScopeProvider scopes) : PageModel
{
    public const int PageSize = 50;
    public sealed record PactChoice(string Code, string Name);
    public sealed record OccupationRow(string Code, string NameNl, string? NameEn, int Competences);

    [BindProperty(SupportsGet = true, Name = "pact")] public string? Pact { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Query { get; set; }
    [BindProperty(SupportsGet = true, Name = "pagina")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PactChoice> Pacts { get; private set; } = [];
    public PactChoice? Chosen { get; private set; }
    public CompetencePage Results { get; private set; } = new(0, 1, PageSize, []);
    public IReadOnlyList<OccupationRow> Occupations { get; private set; } = [];
    /// <summary>Whether the reader keeps the chosen pact's framework: only then the link to add a competence.</summary>
    public bool MayMaintain { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Pacts = await db.Pacts.AsNoTracking().Where(p => db.Competences.Any(c => c.PactId == p.Id)).OrderBy(p => p.Name)
            .Select(p => new PactChoice(p.Code, p.Name)).ToListAsync(ct);
        Chosen = string.IsNullOrWhiteSpace(Pact) ? Pacts.FirstOrDefault() : Pacts.FirstOrDefault(p => p.Code == Pact.Trim().ToLowerInvariant());
        if (Chosen is null)
            return string.IsNullOrWhiteSpace(Pact) ? Page() : NotFound();
        var pactId = await db.Pacts.Where(p => p.Code == Chosen.Code).Select(p => p.Id).SingleAsync(ct);
        MayMaintain = CompetenceAccess.MayMaintain(await scopes.GetAsync(ct), pactId);
        Results = await queries.SearchAsync(pactId, Query, PageNumber, PageSize, ct);
        Occupations = await db.Occupations.AsNoTracking().Where(o => o.PactId == pactId).OrderBy(o => o.NameNl)
            .Select(o => new OccupationRow(o.Code, o.NameNl, o.NameEn, db.OccupationCompetences.Count(r => r.OccupationId == o.Id))).ToListAsync(ct);
        return Page();
    }

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The name in the reader's language: English when asked and known, else the Dutch.</summary>
    public string Name(string nl, string? en) => English && !string.IsNullOrEmpty(en) ? en : nl;
}
