using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// The link in the applicant's mail (<see cref="EmailConfirmations"/>): opening it shows the application
/// and a button; only the button confirms, so a mail scanner that opens every link confirms nothing.
/// The token travels back in the form's body, and nothing is kept by a browser or proxy.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(EmailConfirmations confirmations) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public EmailConfirmationInfo? Info { get; private set; }
    public EmailConfirmationOutcome? Outcome { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoStore();
        Info = await confirmations.InfoAsync(Code, ct);
        if (Info is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        NoStore();
        Outcome = await confirmations.ConfirmAsync(Code, ct);
        Info = await confirmations.InfoAsync(Code, ct);
        Response.StatusCode = Outcome switch
        {
            EmailConfirmationOutcome.NotFound => StatusCodes.Status404NotFound,
            EmailConfirmationOutcome.Closed => StatusCodes.Status409Conflict,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }

    /// <summary>Whether the page still offers the button: the address waits for its confirmation.</summary>
    public bool MayConfirm => Info is { } i && EmailConfirmations.AwaitsConfirmation(i.Status, i.ConfirmedAt);

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
