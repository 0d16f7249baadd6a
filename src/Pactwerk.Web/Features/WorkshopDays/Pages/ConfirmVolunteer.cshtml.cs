using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The confirmation link in a volunteer's mail, as the teacher's (<see cref="ConfirmEmailModel"/>): opening it shows a button, only the button confirms.</summary>
[AllowAnonymous]
public sealed class ConfirmVolunteerModel(VolunteerSignUps signUps, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Code { get; set; }
    public VolunteerView? Info { get; private set; }
    public bool Confirmed { get; private set; }
    public string LapsedMessage => signUps.LapsedRefusal.In(t);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        await ShowAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-store";
        await signUps.ConfirmAsync(Code, ct);
        await ShowAsync(ct);
        return Page();
    }

    private async Task ShowAsync(CancellationToken ct)
    {
        Info = await signUps.InfoAsync(Code, ct);
        // A lapsed sign-up is gone for good: the link says so, and to sign up again.
        Response.StatusCode = Info is null ? StatusCodes.Status404NotFound : Info.Lapsed ? StatusCodes.Status410Gone : Response.StatusCode;
        Confirmed = Info?.Shifts.FirstOrDefault(s => s.SignUpId == Info.SignUpId)?.EmailConfirmed ?? false;
    }
}
