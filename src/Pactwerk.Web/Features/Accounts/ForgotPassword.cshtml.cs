using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace Pactwerk.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(Policies.AuthRateLimit)]
[External.LocalPasswordsOnly]
public sealed class ForgotPasswordModel(AccountService accounts) : PageModel
{
    [BindProperty] public string Email { get; set; } = "";
    public bool Sent { get; private set; }

    public async Task OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email) && Email.Length <= 256)
            await accounts.RequestPasswordResetAsync(Email, AccountsApi.SetPasswordUrl(HttpContext));
        // The same answer whether or not the address has an account.
        Sent = true;
    }
}
