using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts.Passkeys;

/// <summary>
/// A person's passkeys (WebAuthn), with ASP.NET Core Identity's own passkey support: the browser makes the key
/// pair, Pactwerk keeps only the public key (AspNetUserPasskeys). The ceremony's challenge travels in Identity's
/// own short-lived cookie between the options and the answer.
/// </summary>
[Authorize(Policy = Policies.InteractiveUser)]
[EnableRateLimiting(Policies.AuthRateLimit)]
public sealed class PasskeysModel(UserManager<PactwerkUser> users, SignInManager<PactwerkUser> signIn, PactwerkDb db, TimeProvider clock,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public const int MaxNameLength = 60;

    public sealed record Shown(string Id, string Name, DateTimeOffset CreatedAt, bool BackedUp);

    // Nullable: model binding turns an empty field into null, and an empty field is input to answer, not a crash.
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Credential { get; set; }
    public List<Shown> Keys { get; } = [];
    public string? Message { get; private set; }
    public string? Notice { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done)
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        Notice = done switch
        {
            "toegevoegd" => t["De passkey is toegevoegd. Je kunt er voortaan mee inloggen, zonder wachtwoord."].Value,
            "verwijderd" => t["De passkey is verwijderd."].Value,
            _ => null,
        };
        await ShowAsync(user);
        return Page();
    }

    /// <summary>The options for navigator.credentials.create(): the browser asks for them right before the ceremony.</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
            { Id = user.Id, Name = user.Email ?? user.UserName ?? user.Id, DisplayName = user.DisplayName });
        return Content(options, "application/json");
    }

    public async Task<IActionResult> OnPostAddAsync()
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        var name = (Name ?? "").Trim();
        if (name.Length is 0 or > MaxNameLength)
            return await RefuseAsync(user, t["Geef de passkey een naam van 1 tot {0} tekens, zodat je haar later herkent (bijvoorbeeld ‘Laptop werk’).", MaxNameLength]);
        if (string.IsNullOrWhiteSpace(Credential))
            return await RefuseAsync(user, t["Je browser gaf geen passkey terug. Probeer het opnieuw, of gebruik een browser die passkeys kent."]);
        var attestation = await PasskeyAnswers.AttestAsync(signIn, Credential!);
        if (attestation is not { Succeeded: true })
            return await RefuseAsync(user, t["De passkey kon niet worden gecontroleerd; er is niets toegevoegd. Probeer het opnieuw."]);
        attestation.Passkey.Name = name;
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, PasskeyAuditActions.Added, nameof(PactwerkUser), user.Id, new { Name = name });
        var result = await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey);
        if (!result.Succeeded)
            return await RefuseAsync(user, string.Join(" ", result.Errors.Select(e => e.Description)));
        return RedirectToPage(new { done = "toegevoegd" });
    }

    public async Task<IActionResult> OnPostRemoveAsync(string id)
    {
        if (await users.GetUserAsync(User) is not { } user)
            return Challenge();
        byte[] credentialId;
        try { credentialId = WebEncoders.Base64UrlDecode(id ?? ""); }
        catch (FormatException) { return BadRequest(); }
        // Only the account's own passkey: another account's id finds nothing here.
        if (await users.GetPasskeyAsync(user, credentialId) is not { } passkey)
            return RedirectToPage();
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, PasskeyAuditActions.Removed, nameof(PactwerkUser), user.Id, new { passkey.Name });
        await users.RemovePasskeyAsync(user, credentialId);
        return RedirectToPage(new { done = "verwijderd" });
    }

    private async Task<IActionResult> RefuseAsync(PactwerkUser user, string message)
    {
        Message = message;
        Credential = "";
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await ShowAsync(user);
        return Page();
    }

    private async Task ShowAsync(PactwerkUser user) =>
        Keys.AddRange((await users.GetPasskeysAsync(user)).OrderBy(p => p.CreatedAt)
            .Select(p => new Shown(WebEncoders.Base64UrlEncode(p.CredentialId), p.Name ?? "", p.CreatedAt, p.IsBackedUp)));
}

/// <summary>
/// The browser's answer is input like any other: Identity reports a wrong signature or challenge as a failed result,
/// but throws on an answer that is not the JSON of a credential at all, and when no ceremony is underway (its
/// state cookie expired, or the answer was posted without asking for options). All come back here as no result.
/// </summary>
public static class PasskeyAnswers
{
    public static async Task<PasskeyAttestationResult?> AttestAsync(SignInManager<PactwerkUser> signIn, string credential)
    {
        try { return await signIn.PerformPasskeyAttestationAsync(credential); }
        catch (Exception e) when (e is System.Text.Json.JsonException or PasskeyException or FormatException or InvalidOperationException) { return null; }
    }

    public static async Task<PasskeyAssertionResult<PactwerkUser>?> AssertAsync(SignInManager<PactwerkUser> signIn, string credential)
    {
        try { return await signIn.PerformPasskeyAssertionAsync(credential); }
        catch (Exception e) when (e is System.Text.Json.JsonException or PasskeyException or FormatException or InvalidOperationException) { return null; }
    }
}

/// <summary>Passkeys in the audit trail; named in the audit log in Dutch and English.</summary>
public static class PasskeyAuditActions
{
    [AuditAction] public const string Added = "passkey-added";
    [AuditAction] public const string Removed = "passkey-removed";
    [AuditAction] public const string SignedIn = "passkey-signed-in";
}
