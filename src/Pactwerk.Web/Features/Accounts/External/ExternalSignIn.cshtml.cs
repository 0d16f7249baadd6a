using System.Security.Claims;
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
/// the e-mail address the provider vouches for. Roles stay granted in Pactwerk.
/// </summary>
[AllowAnonymous]
public sealed class ExternalSignInModel(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users, SignInSteps steps,
    PactwerkDb db, TimeProvider clock, IOptions<ExternalSignInOptions> options, IStringLocalizer<SharedResource> t) : PageModel
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
        // The provider's answer is used once: whatever follows, it does not linger in a cookie.
        await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        var provider = info.ProviderDisplayName ?? info.LoginProvider;

        var user = await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey)
                   ?? await LinkByEmailAsync(info, provider);
        if (user is null)
            return Refused();
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
        {
            Message = t["Inloggen is niet gelukt: dit account is geblokkeerd."];
            return Refused();
        }
        return await steps.ContinueAsync(this, user, ReturnUrl, info.LoginProvider);
    }

    /// <summary>
    /// The first sign-in through a provider: the account with the address the provider says is verified
    /// gets the link, in one save with its audit event. An address the provider does not vouch for links nothing.
    /// </summary>
    private async Task<PactwerkUser?> LinkByEmailAsync(ExternalLoginInfo info, string provider)
    {
        var email = info.Principal.FindFirstValue(ClaimTypes.Email) ?? info.Principal.FindFirstValue("email");
        var settings = options.Value.Providers.FirstOrDefault(p => ExternalSignInOptions.SchemeOf(p.Key) == info.LoginProvider).Value;
        var verified = string.Equals(info.Principal.FindFirstValue("email_verified"), "true", StringComparison.OrdinalIgnoreCase)
                       || settings?.TrustEmailWithoutVerifiedClaim == true;
        if (string.IsNullOrWhiteSpace(email))
        {
            Message = t["{0} gaf geen e-mailadres door, dus we weten niet welk account van jou is.", provider];
            return null;
        }
        if (!verified)
        {
            Message = t["{0} heeft niet bevestigd dat {1} van jou is. Daarom koppelen we het niet aan een account.", provider, email];
            return null;
        }
        if (await users.FindByEmailAsync(email) is not { } user)
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
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ExternalSignInAuditActions.Linked, nameof(PactwerkUser), user.Id,
            new { Provider = info.LoginProvider, Subject = info.ProviderKey }, by: new NamedAuditActor(user.Id, user.DisplayName));
        // The provider vouched for the address, as following an e-mailed link would have.
        user.EmailConfirmed = true;
        var result = await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, provider));
        if (!result.Succeeded)
        {
            Message = string.Join(" ", result.Errors.Select(e => e.Description));
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
