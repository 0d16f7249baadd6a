using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Web.Features.Competences;

/// <summary>One competence of a pact's framework with its other names and the occupations that ask it.</summary>
[AllowAnonymous]
public sealed class CompetenceModel(PactwerkDb db, CompetenceQueries queries, Accounts.AccessScopeProvider scopes) : PageModel
{
    public CompetenceDetail Competence { get; private set; } = null!;
    public string PactName { get; private set; } = "";
    /// <summary>Whether the reader keeps this framework: only then the link to the form.</summary>
    public bool MayMaintain { get; private set; }

    public async Task<IActionResult> OnGetAsync(string pact, string code, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, pact, ct) is not { } found || await queries.CompetenceAsync(found.Id, code, ct) is not { } competence)
            return NotFound();
        (Competence, PactName) = (competence, found.Name);
        MayMaintain = CompetenceAccess.MayMaintain(await scopes.GetAsync(ct), found.Id);
        return Page();
    }

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
    public string Name(string nl, string? en) => English && !string.IsNullOrEmpty(en) ? en : nl;
}
