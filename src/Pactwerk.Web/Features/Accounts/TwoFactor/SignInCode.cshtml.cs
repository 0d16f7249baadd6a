using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Accounts.TwoFactor;

/// <summary>
/// The second step of signing in, for an account with two-factor on: the password was right, and who it
/// was is held for five minutes in Identity's own two-factor cookie, not yet in a session.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(Policies.AuthRateLimit)]
public sealed class SignInCodeModel(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users, AccountAuthenticators authenticators,
    SignInSteps steps, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }

    /// <summary>Starts the second step for an account whose password was just checked.</summary>
    public static async Task<IActionResult> BeginAsync(PageModel page, PactwerkUser user, string? returnUrl)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], IdentityConstants.TwoFactorUserIdScheme);
        await page.HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(identity));
        return page.RedirectToPage("/Accounts/TwoFactor/SignInCode", new { returnUrl });
    }

    public async Task<IActionResult> OnGetAsync() => await PendingUserAsync() is null ? Restart() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await PendingUserAsync() is not { } user)
            return Restart();
        var check = await authenticators.CheckAsync(user, Code, ct);
        Code = "";
        if (check.Accepted && !await users.IsLockedOutAsync(user) && await signIn.CanSignInAsync(user))
        {
            await authenticators.RecordSignInAsync(user, check, ct);
            await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
            await steps.BeginSessionAsync(HttpContext, user, "mfa");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account");
        }
        // A right code for an account locked or erased in the meantime gets the sign-in form's one message for every failure.
        Message = check.Accepted
            ? t["Inloggen is niet gelukt. Het e-mailadres of het wachtwoord klopt niet, of het account is geblokkeerd. Na herhaalde mislukte pogingen duurt elke volgende poging langer."]
            : TwoFactorMessages.For(check, t);
        return Page();
    }

    private async Task<PactwerkUser?> PendingUserAsync()
    {
        var pending = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        return pending.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } id && await users.FindByIdAsync(id) is { TwoFactorEnabled: true } user ? user : null;
    }

    private IActionResult Restart() => RedirectToPage("/Accounts/SignIn", new { returnUrl = ReturnUrl });
}
