using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Web.Features.Competences;

/// <summary>One occupation of a pact's framework with the competences it asks, essential first.</summary>
[AllowAnonymous]
public sealed class OccupationModel(PactwerkDb db, CompetenceQueries queries) : PageModel
{
    public OccupationDetail Occupation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string pact, string code, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, pact, ct) is not { } found || await queries.OccupationAsync(found.Id, code, ct) is not { } occupation)
            return NotFound();
        Occupation = occupation;
        return Page();
    }

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
    public string Name(string nl, string? en) => English && !string.IsNullOrEmpty(en) ? en : nl;
}
