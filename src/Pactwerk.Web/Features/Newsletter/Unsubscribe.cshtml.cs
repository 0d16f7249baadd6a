using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>The unsubscribe link in every mail: one button, no sign-in. (Mail programs use the one-click API address in the header.)</summary>
[AllowAnonymous]
public sealed class UnsubscribeModel(NewsletterSubscriptions subscriptions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public string? Error { get; private set; }
    public bool Done { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (await subscriptions.UnsubscribeAsync(Token, ct))
        {
            case SubscriptionOutcome.Unsubscribed:
                Done = true;
                break;
            case SubscriptionOutcome.Invalid i:
                Error = i.Message;
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
        }
        return Page();
    }
}
