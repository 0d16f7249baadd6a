using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>The archive of a pact's sent editions and the form to subscribe; coordinators also see their drafts.</summary>
[AllowAnonymous]
public sealed class ArchiveModel(PactwerkDb db, NewsletterEditor editor, NewsletterSubscriptions subscriptions, NewsletterLinks links) : PageModel
{
    public PactRef Pact { get; private set; } = null!;
    public bool MayCompose { get; private set; }
    public IReadOnlyList<EditionSummaryDto> Sent { get; private set; } = [];
    public IReadOnlyList<EditionSummaryDto> Unsent { get; private set; } = [];
    [BindProperty] public string? Email { get; set; }
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) => await LoadAsync(code, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is null)
            return NotFound();
        var outcome = await subscriptions.RequestAsync(code, Email, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "local", links.Site(), ct);
        switch (outcome)
        {
            case SubscriptionOutcome.Requested:
                Message = NewsletterSubscriptions.Accepted;
                Email = null;
                break;
            case SubscriptionOutcome.Invalid i:
                Error = i.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case SubscriptionOutcome.TooMany t:
                Error = t.Message;
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                break;
        }
        await LoadAsync(code, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return false;
        Pact = pact;
        MayCompose = await editor.MayComposeAsync(pact.Id, ct);
        var all = await db.Set<NewsletterEdition>().AsNoTracking().Where(e => e.PactId == pact.Id && (MayCompose || e.Status == EditionStatus.Sent))
            .OrderByDescending(e => e.SentAt ?? e.CreatedAt).ThenByDescending(e => e.Id)
            .Select(e => new EditionSummaryDto(e.Id, e.Title, e.Status, e.CreatedAt, e.SentAt, e.RecipientCount, e.Version)).ToListAsync(ct);
        Sent = all.Where(e => e.Status == EditionStatus.Sent).ToList();
        Unsent = all.Where(e => e.Status != EditionStatus.Sent).ToList();
        return true;
    }
}
