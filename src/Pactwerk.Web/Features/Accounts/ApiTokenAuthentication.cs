using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// Authenticates `Authorization: Bearer pw_…` with a personal API token. The secret is never
/// stored: the handler hashes what it receives and looks the hash up.
/// </summary>
public sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, PactwerkDb db, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";
    public const string SecretPrefix = "pw_";

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string NewSecret() => SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();
        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 200)
            return AuthenticateResult.Fail("Dit is geen Pactwerk-token.");

        var hash = Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        if (token is null)
            return AuthenticateResult.Fail("Onbekend token.");
        var now = clock.GetUtcNow().UtcDateTime;
        if (token.RevokedAt is not null)
            return AuthenticateResult.Fail("Dit token is ingetrokken.");
        if (token.ExpiresAt <= now)
            return AuthenticateResult.Fail("Dit token is verlopen.");
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user.LockoutEnd > now)
            return AuthenticateResult.Fail("Het account van dit token is geblokkeerd.");

        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, user.Id),
            new Claim(ClaimTypes.Name, user.UserName ?? user.Id),
            new Claim(PactwerkClaims.DisplayName, user.DisplayName),
            new Claim(PactwerkClaims.TokenId, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            .. token.ReadOnly ? [new Claim(PactwerkClaims.ReadOnly, "true")] : Array.Empty<Claim>(),
        ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>A 401 that says why, as problem details, instead of an empty response.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Niet aangemeld",
            detail: result.Failure?.Message ?? "Meld je aan, of stuur een API-token mee als 'Authorization: Bearer pw_…'.")
            .ExecuteAsync(Context);
    }
}
