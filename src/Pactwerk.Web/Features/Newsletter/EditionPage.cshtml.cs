using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>One sent edition at its own address, as it was sent; public.</summary>
[AllowAnonymous]
public sealed class EditionPageModel(PactwerkDb db, NewsletterLinks links) : PageModel
{
    public PactRef Pact { get; private set; } = null!;
    public EditionDto Edition { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, int id, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return NotFound();
        // Only sent editions, for everyone alike: a draft is previewed on its edit page.
        if (await EditionView.FindAsync(db, pact, id, false, links.Site(), ct) is not { } edition)
            return NotFound();
        (Pact, Edition) = (pact, edition);
        return Page();
    }
}
