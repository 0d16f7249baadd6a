using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// What follows the first factor, whichever it was (a password, or an OpenID Connect provider): the
/// second step for an account with two-factor on, otherwise the session; and a coordinator whose roles
/// wait for two-factor is sent to set it up first. One place, so a new way of signing in cannot skip it.
/// </summary>
public sealed class SignInSteps(SignInManager<PactwerkUser> signIn, AccessScopeProvider scopes, External.ExternalLinks links)
{
    /// <param name="method">How the first factor was given ("pwd", "passkey", or the provider's scheme), kept as the session's authentication method.</param>
    /// <param name="bothFactors">
    /// The credential was itself two factors: a passkey is something the person has, unlocked by their fingerprint,
    /// face or PIN (user verification, which Identity requires by default), so no code is asked after it.
    /// </param>
    public async Task<IActionResult> ContinueAsync(PageModel page, PactwerkUser user, string? returnUrl, string method, bool bothFactors = false)
    {
        var local = page.Url.IsLocalUrl(returnUrl) ? returnUrl : null;
        // With two-factor on, the first factor only opens the second step; the session begins after the code.
        if (user.TwoFactorEnabled && !bothFactors)
            return await TwoFactor.SignInCodeModel.BeginAsync(page, user, local);
        await BeginSessionAsync(page.HttpContext, user, method);
        var next = local ?? "/account";
        // A coordinator's roles wait for two-factor (AccessScopeProvider): the set-up comes first, then where they were going.
        if (await scopes.HoldsRolesBackAsync(user.Id, page.HttpContext.RequestAborted))
            return page.LocalRedirect($"{TwoFactorRefusal.SetUpPath}?returnUrl={Uri.EscapeDataString(next)}");
        return page.LocalRedirect(next);
    }

    /// <summary>The session begins: a provider's answer waiting for this account becomes its link, and the cookie is issued.</summary>
    public async Task BeginSessionAsync(HttpContext http, PactwerkUser user, string method)
    {
        // The link first: making it saves the whole account, which after the cookie would write back the sign-in time
        // the cookie's issue had just recorded (SignInRecorder) as it was before.
        await links.LinkPendingAsync(http, user);
        await signIn.SignInAsync(user, isPersistent: false, authenticationMethod: method);
    }
}
