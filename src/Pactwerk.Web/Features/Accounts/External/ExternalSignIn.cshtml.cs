using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts.External;

/// <summary>
/// Sign-in through an OpenID Connect provider. <c>/inloggen/extern/&lt;provider&gt;</c> sends the browser to
/// the provider; it comes back here without a provider name, and the answer is read once from
/// Identity's external cookie. Accounts are never created here: a person signs in to the account an
/// administrator or coordinator invited them to, found by the provider's link or, the first time, by
/// the e-mail address the provider vouches for (linked by <see cref="ExternalLinks"/> once the sign-in is
/// complete). Roles stay granted in Pactwerk.
/// </summary>
[AllowAnonymous]
public sealed class ExternalSignInModel(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users, SignInSteps steps,
    ExternalLinks links, IOptions<ExternalSignInOptions> options, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Provider { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync() => Provider is null ? await CompleteAsync() : SendToProvider();

    private IActionResult SendToProvider()
    {
        if (options.Value.Find(Provider) is null)
            return NotFound();
        var back = Url.Page("/Accounts/External/ExternalSignIn", new { provider = (string?)null, returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : null });
        var scheme = ExternalSignInOptions.SchemeOf(Provider!);
        return new ChallengeResult(scheme, signIn.ConfigureExternalAuthenticationProperties(scheme, back));
    }

    private async Task<IActionResult> CompleteAsync()
    {
        var info = await signIn.GetExternalLoginInfoAsync();
        if (info is null)
            return Redirect("/inloggen?extern=mislukt");
        var provider = info.ProviderDisplayName ?? info.LoginProvider;

        if (await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is { } linked)
        {
            // The provider's answer is used once: it does not linger in a cookie.
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return await AllowedAsync(linked) ? await steps.ContinueAsync(this, linked, ReturnUrl, info.LoginProvider) : Refused();
        }
        var user = await AccountForAddressAsync(info, provider);
        if (user is null || !await AllowedAsync(user))
        {
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
            return Refused();
        }
        // The answer stays in the external cookie and becomes the link when the sign-in completes (ExternalLinks).
        // An account with a password of its own proves it once: the provider's word about an address alone
        // does not hand over an account that someone may have had long before the address came to this person.
        if (user.PasswordHash is not null && options.Value.LocalPasswords)
            return Redirect("/inloggen" + (Url.IsLocalUrl(ReturnUrl) ? "?returnUrl=" + Uri.EscapeDataString(ReturnUrl) : ""));
        return await steps.ContinueAsync(this, user, ReturnUrl, info.LoginProvider);
    }

    private async Task<bool> AllowedAsync(PactwerkUser user)
    {
        if (!await users.IsLockedOutAsync(user) && await signIn.CanSignInAsync(user))
            return true;
        Message = t["Inloggen is niet gelukt: dit account is geblokkeerd."];
        return false;
    }

    /// <summary>
    /// The account a first sign-in through a provider is for: the one with the address the provider vouches for.
    /// Refused with a message when the provider does not vouch for one, there is no such account, or the account is
    /// already linked to someone else at this provider.
    /// </summary>
    private async Task<PactwerkUser?> AccountForAddressAsync(ExternalLoginInfo info, string provider)
    {
        if (ExternalLinks.AddressOf(info) is not { } email)
        {
            Message = t["{0} gaf geen e-mailadres door, dus we weten niet welk account van jou is.", provider];
            return null;
        }
        if (links.VouchedEmail(info) is null)
        {
            Message = t["{0} heeft niet bevestigd dat {1} van jou is. Daarom koppelen we het niet aan een account.", provider, email];
            return null;
        }
        if (await users.FindByEmailAsync(email) is not { } user || !string.Equals(user.Email, email.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            Message = t["Er is geen account met het e-mailadres {0}. Accounts maakt een beheerder of coördinator aan: vraag hun om een uitnodiging.", email];
            return null;
        }
        if ((await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == info.LoginProvider))
        {
            // Addresses get reused; a second person at the provider with the same address does not take over the account.
            Message = t["Het account met {0} is al gekoppeld aan een ander account bij {1}.", email, provider];
            return null;
        }
        return user;
    }

    private PageResult Refused()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}

/// <summary>Links between accounts and providers in the audit trail; named in the audit log in Dutch and English.</summary>
public static class ExternalSignInAuditActions
{
    [AuditAction] public const string Linked = "external-login-linked";
    [AuditAction] public const string Unlinked = "external-login-unlinked";
}
