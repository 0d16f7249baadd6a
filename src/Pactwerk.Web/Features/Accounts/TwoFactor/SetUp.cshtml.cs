using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Accounts.TwoFactor;

/// <summary>
/// Turning two-factor sign-in on and off. A new secret travels in the form (protected, bound to the account,
/// half an hour) until the first code from the app confirms it; only then is it stored, encrypted, and never
/// shown again. The recovery codes are shown once, right after.
/// </summary>
[Authorize(Policy = Policies.InteractiveUser)]
[EnableRateLimiting(Policies.AuthRateLimit)]
public sealed class SetUpModel(UserManager<PactwerkUser> users, SignInManager<PactwerkUser> signIn, AccountAuthenticators authenticators,
    AccessScopeProvider scopes, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public string Code { get; set; } = "";
    [BindProperty] public string SetUpToken { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string Secret { get; private set; } = "";
    public string QrSvg { get; private set; } = "";
    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Notice { get; private set; }
    public string? Continue => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null;
    /// <summary>The account's coordinating roles wait for two-factor (<see cref="TwoFactorOptions.RequiredForCoordinators"/>).</summary>
    public bool RolesHeldBack { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        if (done == "uit")
            Notice = t["Tweestapsverificatie staat uit. Je geheime sleutel en herstelcodes zijn gewist."];
        RolesHeldBack = (await scopes.GetAsync(ct)).WithTwoFactor is not null;
        await ShowAsync(user, secret: null, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var secret = authenticators.UnprotectForSetUp(user.Id, SetUpToken);
        if (secret is null)
        {
            Message = t["Deze sleutel is verlopen. Voeg de nieuwe sleutel hieronder toe aan je app en typ de code."];
            await ShowAsync(user, null, ct);
            return Page();
        }
        if (await authenticators.EnableAsync(user, secret, Code, ct) is not { } codes)
        {
            Message = user.TwoFactorEnabled ? null : t["De code klopt niet. Controleer of de tijd op je telefoon goed staat en typ de code die je app nu toont."].Value;
            await ShowAsync(user, user.TwoFactorEnabled ? null : secret, ct);
            return Page();
        }
        // The new security stamp ended every session of the account, this one too: it begins again, having just proved the second factor.
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: "mfa");
        RecoveryCodes = codes;
        Enabled = true;
        RecoveryCodesLeft = codes.Count;
        Code = "";
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return Challenge();
        var check = await authenticators.DisableAsync(user, Code, ct);
        if (check.Accepted)
        {
            await signIn.SignInAsync(user, isPersistent: false);
            return RedirectToPage(new { done = "uit" });
        }
        Message = TwoFactorMessages.For(check, t);
        Code = "";
        await ShowAsync(user, null, ct);
        return Page();
    }

    private async Task ShowAsync(PactwerkUser user, string? secret, CancellationToken ct)
    {
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await authenticators.RecoveryCodesLeftAsync(user.Id, ct);
            return;
        }
        Secret = secret ?? AccountAuthenticators.NewSecret();
        SetUpToken = authenticators.ProtectForSetUp(user.Id, Secret);
        QrSvg = AccountAuthenticators.QrSvg(AccountAuthenticators.Uri(user.Email ?? user.UserName ?? user.Id, Secret));
    }
}
