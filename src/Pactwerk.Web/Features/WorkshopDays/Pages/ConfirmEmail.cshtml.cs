using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The link in the teacher's mail: opening it shows a button, only the button confirms (a mail scanner that opens links confirms nothing).</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(SchoolRegistrations registrations) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public RegistrationView? Info { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Info = await registrations.InfoAsync(Code, ct);
        if (Info is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        if (await registrations.ConfirmAsync(Code, ct) is null)
            Response.StatusCode = StatusCodes.Status404NotFound;
        Info = await registrations.InfoAsync(Code, ct);
        return Page();
    }
}
