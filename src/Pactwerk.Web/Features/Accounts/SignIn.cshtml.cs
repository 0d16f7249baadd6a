using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(Policies.AuthRateLimit)]
public sealed class SignInModel(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly PactwerkUser Unknown = new() { DisplayName = "" };
    private static readonly string UnknownHash = new PasswordHasher<PactwerkUser>().HashPassword(Unknown, Guid.NewGuid().ToString());

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public string? Message { get; private set; }
    public string? Notice { get; private set; }

    public void OnGet(string? done)
    {
        if (done == "wachtwoord")
            Notice = t["Je wachtwoord is ingesteld. Log in om verder te gaan."];
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = string.IsNullOrWhiteSpace(Email) || Email.Length > 256 ? null : await users.FindByEmailAsync(Email.Trim());
        if (user is null)
            // Hash anyway, so an unknown address takes as long as a wrong password.
            users.PasswordHasher.VerifyHashedPassword(Unknown, UnknownHash, Password ?? "");
        var result = user is null || string.IsNullOrEmpty(Password)
            ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/account");

        // One message for every failure, so the form does not tell which addresses have an account.
        Message = t["Inloggen is niet gelukt. Het e-mailadres of het wachtwoord klopt niet, of het account is na te veel pogingen 15 minuten geblokkeerd."];
        Password = "";
        return Page();
    }
}
