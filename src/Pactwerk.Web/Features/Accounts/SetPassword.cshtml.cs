using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>Where an invitation or a reset link leads: the user chooses their own password.</summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.AuthRateLimit)]
[External.LocalPasswordsOnly]
public sealed class SetPasswordModel(UserManager<PactwerkUser> users, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "user")] public new string User { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string Token { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty] public string Confirm { get; set; } = "";
    public List<string> Errors { get; } = [];

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Password != Confirm)
            Errors.Add(t["De twee wachtwoorden zijn niet gelijk."]);
        var account = string.IsNullOrEmpty(User) ? null : await users.FindByIdAsync(User);
        if (account is null || string.IsNullOrEmpty(Token))
            Errors.Add(t["Deze link is ongeldig of verlopen. Vraag een nieuwe aan."]);
        if (Errors.Count > 0)
            return Page();

        var result = await users.ResetPasswordAsync(account!, Token, Password);
        if (!result.Succeeded)
        {
            Errors.AddRange(result.Errors.Select(e => e.Description));
            return Page();
        }
        // Following the e-mailed link proves the address. A lock stays: failed sign-ins never lock an
        // account, so a lock is an administrator's decision (or an erasure) that a reset link must not undo.
        account!.EmailConfirmed = true;
        await users.UpdateAsync(account);
        return LocalRedirect("/inloggen?done=wachtwoord");
    }
}
