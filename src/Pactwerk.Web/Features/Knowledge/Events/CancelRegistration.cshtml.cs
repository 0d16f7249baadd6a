using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The cancellation link in a registrant's mail: the page asks to confirm (a link opened by a mail
/// scanner must not cancel anything), and the button cancels. No account needed: the token is the proof.
/// </summary>
[AllowAnonymous]
public sealed class CancelRegistrationModel(EventRegistrar registrar) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    public CancellationPreview? Preview { get; private set; }
    public CancellationOutcome.Cancelled? Cancelled { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Preview = await registrar.PreviewAsync(Token, ct);
        if (Preview is null)
        {
            Error = EventRegistrar.InvalidLink;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (await registrar.CancelAsync(Token, ct))
        {
            case CancellationOutcome.Cancelled cancelled:
                Cancelled = cancelled;
                break;
            case CancellationOutcome.Invalid invalid:
                Error = invalid.Message;
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        return Page();
    }
}
