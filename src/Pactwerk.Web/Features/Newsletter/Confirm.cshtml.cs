using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>
/// The confirmation link of the double opt-in. Opening the link only shows a button: mail scanners
/// open links in mail, and they must not be able to subscribe anyone.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmModel(NewsletterSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? Error { get; private set; }
    public string? Confirmed { get; private set; }
    public string? PactCode { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (await subscriptions.ConfirmAsync(Token, ct))
        {
            case SubscriptionOutcome.Confirmed c:
                (Confirmed, PactCode) = (c.PactName, c.PactCode);
                break;
            case SubscriptionOutcome.Invalid i:
                Error = i.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        return Page();
    }
}
