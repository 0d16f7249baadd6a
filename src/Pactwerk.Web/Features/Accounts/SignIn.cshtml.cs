using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Features.Accounts.External;

namespace Pactwerk.Web.Features.Accounts;

[AllowAnonymous]
[EnableRateLimiting(Policies.AuthRateLimit)]
public sealed class SignInModel(SignInManager<PactwerkUser> signIn, UserManager<PactwerkUser> users, SignInThrottle throttle,
    SignInSteps steps, ExternalLinks links, IOptions<ExternalSignInOptions> external, Data.PactwerkDb db, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    private static readonly PactwerkUser Unknown = new() { DisplayName = "" };
    private static readonly string UnknownHash = new PasswordHasher<PactwerkUser>().HashPassword(Unknown, Guid.NewGuid().ToString());

    [BindProperty] public string Email { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    /// <summary>The browser's answer to the passkey ceremony (navigator.credentials.get(), as JSON).</summary>
    [BindProperty] public string? Credential { get; set; }
    public string? Message { get; private set; }
    public string? Notice { get; private set; }
    public ExternalSignInOptions External => external.Value;

    public async Task OnGetAsync(string? done)
    {
        // A provider's answer waiting for an account that has a password: that password, once, makes the link.
        if (await links.PendingAsync() is { } pending && links.VouchedEmail(pending) is { } address)
        {
            Email = address;
            Notice = t["Er is al een account met {0}. Log hier één keer in met het wachtwoord van dat account (en zo nodig je code); daarna is het gekoppeld aan {1} en log je voortaan daar in.",
                address, pending.ProviderDisplayName ?? pending.LoginProvider];
            return;
        }
        if (done == "wachtwoord")
            Notice = t["Je wachtwoord is ingesteld. Log in om verder te gaan."];
        if (Request.Query["wachtwoord"] == "uit")
            Notice = t["Inloggen met een wachtwoord staat uit op deze site. Log in via je organisatie, met het e-mailadres waarop je uitgenodigd bent."];
        if (Request.Query["extern"] == "mislukt")
            Message = t["Inloggen via je organisatie is niet gelukt of afgebroken. Probeer het opnieuw."];
    }

    /// <summary>
    /// Every failure takes the same path: one password hash is checked whether the address is
    /// unknown, the password empty or wrong, or the account locked or erased, so the time of the
    /// answer does not tell which addresses have an account. Failures slow further tries for the
    /// address (<see cref="SignInThrottle"/>) but never lock the account.
    /// </summary>
    public async Task<IActionResult> OnPostAsync()
    {
        if (!External.LocalPasswords)
        {
            // Switched off: no password is even looked at, so an old one cannot open the account.
            Message = t["Inloggen met een wachtwoord staat uit op deze site. Log in via je organisatie, met het e-mailadres waarop je uitgenodigd bent."];
            Password = "";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var key = SignInThrottle.Key(Email);
        if (throttle.DelayFor(key) is { Ticks: > 0 } wait)
            await Task.Delay(wait, HttpContext.RequestAborted);
        var user = string.IsNullOrWhiteSpace(Email) || Email.Length > 256 ? null : await users.FindByEmailAsync(Email.Trim());
        var password = Password ?? "";
        bool verified;
        if (user?.PasswordHash is null)
        {
            users.PasswordHasher.VerifyHashedPassword(Unknown, UnknownHash, password);
            verified = false;
        }
        else
            verified = await users.CheckPasswordAsync(user, password) && password.Length > 0;

        if (verified && !await users.IsLockedOutAsync(user!) && await signIn.CanSignInAsync(user!))
        {
            throttle.Succeeded(key);
            return await steps.ContinueAsync(this, user!, ReturnUrl, "pwd");
        }

        throttle.Failed(key);
        // One message for every failure, so the form does not tell which addresses have an account.
        Message = t["Inloggen is niet gelukt. Het e-mailadres of het wachtwoord klopt niet, of het account is geblokkeerd. Na herhaalde mislukte pogingen duurt elke volgende poging langer."];
        Password = "";
        return Page();
    }

    /// <summary>The options for navigator.credentials.get(): any passkey of this site on the device may answer.</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync() => Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>
    /// Sign-in with a passkey: Identity checks the signature against the stored public key, the challenge from the
    /// options and this site's origin; the passkey's new signature count is stored, so a cloned key shows.
    /// </summary>
    public async Task<IActionResult> OnPostPasskeyAsync()
    {
        if (!string.IsNullOrWhiteSpace(Credential))
        {
            var assertion = await Passkeys.PasskeyAnswers.AssertAsync(signIn, Credential);
            if (assertion is { Succeeded: true } && !await users.IsLockedOutAsync(assertion.User) && await signIn.CanSignInAsync(assertion.User))
            {
                // The event and the new signature count are saved together.
                db.RecordEvent(clock.GetUtcNow().UtcDateTime, Passkeys.PasskeyAuditActions.SignedIn, nameof(PactwerkUser), assertion.User.Id,
                    new { assertion.Passkey.Name }, by: new Audit.NamedAuditActor(assertion.User.Id, assertion.User.DisplayName));
                await users.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey);
                return await steps.ContinueAsync(this, assertion.User, ReturnUrl, "passkey", bothFactors: true);
            }
        }
        Message = t["Inloggen met een passkey is niet gelukt. Gebruik een passkey die je voor dit account hebt toegevoegd, of log op een andere manier in."];
        Credential = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
