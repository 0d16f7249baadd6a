using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>Sign-out is a POST (with antiforgery), so another site cannot sign a user out.</summary>
[Microsoft.AspNetCore.Authorization.Authorize(Policy = Policies.SignedIn)]
public sealed class SignOutModel(SignInManager<PactwerkUser> signIn) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/account");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
