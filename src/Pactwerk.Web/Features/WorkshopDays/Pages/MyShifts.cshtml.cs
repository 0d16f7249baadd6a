using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>A volunteer's shifts of an event, reached without an account through the secret link in their mail; each can be withdrawn from.</summary>
[AllowAnonymous]
public sealed class MyShiftsModel(VolunteerSignUps signUps, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Sleutel { get; set; }
    [BindProperty(SupportsGet = true, Name = "afgemeld")] public bool Withdrew { get; set; }
    public VolunteerView? View { get; private set; }
    public string? Error { get; private set; }
    public string LapsedMessage => signUps.LapsedRefusal.In(t);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        NoStore();
        View = await signUps.FindAsync(Sleutel, ct);
        return View is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(int? signUpId, CancellationToken ct)
    {
        NoStore();
        if (await signUps.FindAsync(Sleutel, ct) is null)
            return NotFound();
        var refusal = await signUps.WithdrawAsync(Sleutel, signUpId ?? 0, ct);
        if (refusal is null)
            return Redirect(VolunteerSignUps.ShiftsUrl(Sleutel!.Trim()) + "&afgemeld=true");
        View = await signUps.FindAsync(Sleutel, ct);
        Error = refusal.In(t);
        Response.StatusCode = VolunteersApi.StatusOf(refusal);
        return Page();
    }

    private void NoStore()
    {
        Response.Headers.CacheControl = "no-store";
        // The key is in the address: no other site should learn it from a link on this page.
        Response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
