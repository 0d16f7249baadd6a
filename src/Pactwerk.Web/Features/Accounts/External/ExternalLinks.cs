using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts.External;

/// <summary>
/// Links between accounts and providers, made in one place and only when a whole sign-in has succeeded: the
/// provider's answer waits in Identity's external cookie (five minutes) while the person completes what the
/// account asks — its password once, if it has one, and its code, if two-factor is on — and becomes a link
/// when the session begins. So an address at a provider alone never takes over an account that has credentials
/// of its own, a blocked account gets no link, and a code never entered leaves none behind.
/// </summary>
public sealed class ExternalLinks(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users, PactwerkDb db, TimeProvider clock,
    IOptions<ExternalSignInOptions> options)
{
    /// <summary>
    /// The address the provider vouches for: <c>email_verified</c> true, or — only for a provider trusted with
    /// <see cref="ExternalProvider.TrustEmailWithoutVerifiedClaim"/> — no such claim at all. An explicit false is never trusted.
    /// </summary>
    public string? VouchedEmail(ExternalLoginInfo info)
    {
        if (AddressOf(info) is not { } email)
            return null;
        var verified = info.Principal.FindFirstValue("email_verified");
        var trusted = verified is null
            ? options.Value.ProviderOfScheme(info.LoginProvider)?.TrustEmailWithoutVerifiedClaim == true
            : string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase);
        return trusted ? email.Trim() : null;
    }

    /// <summary>The address the provider passed on, vouched for or not (mapped to the standard claim, or as sent).</summary>
    public static string? AddressOf(ExternalLoginInfo info) =>
        (info.Principal.FindFirstValue(ClaimTypes.Email) ?? info.Principal.FindFirstValue("email")) is { } email && !string.IsNullOrWhiteSpace(email) ? email : null;

    /// <summary>The provider's answer waiting to become a link, if any (the sign-in page tells the person what to do).</summary>
    public Task<ExternalLoginInfo?> PendingAsync() => signIn.GetExternalLoginInfoAsync();

    /// <summary>
    /// Called as a session begins: a provider's answer waiting for this very account (the same address, exactly)
    /// becomes its link, with its audit event in the same save. Any other waiting answer is dropped.
    /// </summary>
    public async Task LinkPendingAsync(HttpContext http, PactwerkUser user)
    {
        if (await signIn.GetExternalLoginInfoAsync() is not { } info)
            return;
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (VouchedEmail(info) is not { } email || !string.Equals(email, user.Email, StringComparison.OrdinalIgnoreCase)
            || await users.FindByLoginAsync(info.LoginProvider, info.ProviderKey) is not null
            || (await users.GetLoginsAsync(user)).Any(l => l.LoginProvider == info.LoginProvider))
            return;
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ExternalSignInAuditActions.Linked, nameof(PactwerkUser), user.Id,
            new { Provider = info.LoginProvider, Subject = info.ProviderKey }, by: new NamedAuditActor(user.Id, user.DisplayName));
        // The provider vouched for the address, as following an e-mailed link would have.
        user.EmailConfirmed = true;
        await users.AddLoginAsync(user, new UserLoginInfo(info.LoginProvider, info.ProviderKey, info.ProviderDisplayName ?? info.LoginProvider));
    }
}
