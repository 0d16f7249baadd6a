using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.AspNetCore.Authentication;

namespace Pactwerk.Web.Features.Accounts.External;

/// <summary>
/// How people sign in: with a local password, through OpenID Connect providers (SURFconext, Microsoft
/// Entra ID, Keycloak …), or both. Bound from the section "SignIn" (the same section as the sign-in
/// throttle's settings): <c>SignIn:LocalPasswords</c> and <c>SignIn:Providers:&lt;name&gt;:…</c>.
/// </summary>
public sealed partial class ExternalSignInOptions
{
    public const string Section = "SignIn";

    /// <summary>Whether accounts may sign in with a password of their own. Off needs at least one provider.</summary>
    public bool LocalPasswords { get; set; } = true;

    /// <summary>The providers by name; the name is part of the address (<c>/inloggen/extern/&lt;name&gt;</c>).</summary>
    public Dictionary<string, ExternalProvider> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The providers in the order they are shown, by display name.</summary>
    public IEnumerable<KeyValuePair<string, ExternalProvider>> Shown => Providers.OrderBy(p => p.Value.DisplayName ?? p.Key, StringComparer.CurrentCulture);

    /// <summary>The authentication scheme of a provider; distinct from every scheme Identity and the API use.</summary>
    public static string SchemeOf(string name) => "oidc-" + name.ToLowerInvariant();

    public ExternalProvider? Find(string? name) => name is not null && Providers.TryGetValue(name, out var p) ? p : null;

    /// <summary>The provider behind an authentication scheme (<see cref="SchemeOf"/>), as a sign-in's answer names it.</summary>
    public ExternalProvider? ProviderOfScheme(string scheme) => Providers.FirstOrDefault(p => SchemeOf(p.Key) == scheme).Value;

    /// <summary>Every reason the settings cannot work, in words an operator can act on; empty when they can.</summary>
    public IEnumerable<string> Problems()
    {
        if (!LocalPasswords && Providers.Count == 0)
            yield return "SignIn:LocalPasswords is false but no SignIn:Providers are configured: nobody could sign in.";
        foreach (var (name, provider) in Providers)
        {
            if (!NamePattern().IsMatch(name))
                yield return $"SignIn:Providers:{name}: a provider's name may hold only a–z, 0–9 and '-' (it becomes part of an address).";
            if (!Uri.TryCreate(provider.Authority, UriKind.Absolute, out var authority) || authority.Scheme is not ("https" or "http"))
                yield return $"SignIn:Providers:{name}:Authority must be the provider's absolute address (the issuer), e.g. https://connect.surfconext.nl.";
            else if (authority.Scheme == "http" && provider.RequireHttpsMetadata)
                yield return $"SignIn:Providers:{name}:Authority is http: only a provider on this machine for testing may be, with RequireHttpsMetadata false.";
            if (string.IsNullOrWhiteSpace(provider.ClientId))
                yield return $"SignIn:Providers:{name}:ClientId is missing: the id this site is registered under at the provider.";
        }
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$")]
    private static partial Regex NamePattern();
}

public sealed class ExternalProvider
{
    /// <summary>The name on the button ("Inloggen met SURFconext").</summary>
    public string? DisplayName { get; set; }
    /// <summary>The provider's issuer; its discovery document is read from &lt;Authority&gt;/.well-known/openid-configuration.</summary>
    public string Authority { get; set; } = "";
    public string ClientId { get; set; } = "";
    /// <summary>Keep out of appsettings.json: set it as SignIn__Providers__&lt;name&gt;__ClientSecret in the environment.</summary>
    public string? ClientSecret { get; set; }
    /// <summary>Null means openid, email and profile; a configured list replaces that (an array default would be appended to).</summary>
    public string[]? Scopes { get; set; }
    /// <summary>Off only for a provider on this machine for testing.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
    /// <summary>
    /// Accounts are linked by e-mail address only when the provider says the address is verified
    /// (<c>email_verified</c>). A provider that never sends that claim but manages every address itself
    /// (an organisation's own Entra ID tenant) can be trusted with this setting; never a public provider.
    /// </summary>
    public bool TrustEmailWithoutVerifiedClaim { get; set; }
}

public static class ExternalSignInRegistration
{
    /// <summary>One OpenID Connect handler per configured provider; it signs into Identity's external cookie, which the callback page reads once.</summary>
    public static IServiceCollection AddExternalSignIn(this IServiceCollection services, IConfiguration configuration,
        Microsoft.AspNetCore.Authentication.AuthenticationBuilder authentication)
    {
        var section = configuration.GetSection(ExternalSignInOptions.Section);
        services.AddOptions<ExternalSignInOptions>().Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ExternalSignInOptions>, ExternalSignInValidation>();
        var options = section.Get<ExternalSignInOptions>() ?? new ExternalSignInOptions();
        foreach (var (name, provider) in options.Providers)
            authentication.AddOpenIdConnect(ExternalSignInOptions.SchemeOf(name), provider.DisplayName ?? name, o =>
            {
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Authority = provider.Authority;
                o.ClientId = provider.ClientId;
                o.ClientSecret = provider.ClientSecret;
                o.RequireHttpsMetadata = provider.RequireHttpsMetadata;
                o.CallbackPath = $"/signin-oidc-{name.ToLowerInvariant()}";
                o.ResponseType = OpenIdConnectResponseType.Code;
                o.UsePkce = true;
                o.Scope.Clear();
                foreach (var scope in provider.Scopes ?? ["openid", "email", "profile"])
                    o.Scope.Add(scope);
                // The answer comes back as a plain redirect (a top-level GET), so the correlation and nonce
                // cookies can be SameSite=Lax rather than None; a form post from the provider would need None.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.CorrelationCookie.SameSite = SameSiteMode.Lax;
                o.NonceCookie.SameSite = SameSiteMode.Lax;
                // Secure whenever the request is HTTPS, which behind the proxy the forwarded headers make it.
                o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                // Pactwerk keeps no tokens of the provider: it only wants to know who this is.
                o.SaveTokens = false;
                o.GetClaimsFromUserInfoEndpoint = true;
                // A provider that says whether the address is verified only in its userinfo answer is heard too.
                o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                // The address the provider sends the person back to is the site's public address when one is configured,
                // not whatever Host header the request carried: behind a proxy, or with a forged header, the request's
                // own address is not the one registered at the provider. The same address is used to redeem the code.
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    var hosting = context.HttpContext.RequestServices.GetRequiredService<IOptions<Web.Shared.HostingOptions>>().Value;
                    if (!string.IsNullOrWhiteSpace(hosting.PublicBaseUrl))
                    {
                        // The handler keeps this message's address after the event, to redeem the code with.
                        context.ProtocolMessage.RedirectUri = hosting.PublicBaseUrl.TrimEnd('/') + context.Options.CallbackPath;
                    }
                    return Task.CompletedTask;
                };
                // The person may cancel at the provider; they come back to the sign-in page with a message, not an error page.
                o.Events.OnRemoteFailure = context =>
                {
                    context.Response.Redirect("/inloggen?extern=mislukt");
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        return services;
    }

    /// <summary>Names every problem with the settings at start, instead of one generic failure.</summary>
    private sealed class ExternalSignInValidation : IValidateOptions<ExternalSignInOptions>
    {
        public ValidateOptionsResult Validate(string? name, ExternalSignInOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
