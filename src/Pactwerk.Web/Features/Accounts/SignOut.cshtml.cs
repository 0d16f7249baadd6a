using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>Sign-out is a POST (with antiforgery), so another site cannot sign a user out.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/account");

    /// <summary>
    /// Ends every session of the account, not only this browser's: a new security stamp makes every
    /// cookie issued before it invalid, so a copied cookie does not outlive the sign-out.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
            await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
