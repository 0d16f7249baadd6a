using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The link in the teacher's mail: opening it shows a button, only the button confirms (a mail scanner that opens links confirms nothing).</summary>
[AllowAnonymous]
public sealed class ConfirmEmailModel(SchoolRegistrations registrations, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public RegistrationView? Info { get; private set; }
    public string LapsedMessage => registrations.LapsedRefusal.In(t);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        Info = await registrations.InfoAsync(Code, ct);
        Status();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        await registrations.ConfirmAsync(Code, ct);
        Info = await registrations.InfoAsync(Code, ct);
        Status();
        return Page();
    }

    /// <summary>A link that is not one is not found; a lapsed registration is gone for good (the page says so, and to register again).</summary>
    private void Status() =>
        Response.StatusCode = Info is null ? StatusCodes.Status404NotFound : Info.Lapsed ? StatusCodes.Status410Gone : Response.StatusCode;
}
