using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// A real OpenID Connect provider for the single sign-on tests: OpenIddict's server on a loopback port,
/// with its own small sign-in page where a test (or Chromium) types who they are. It knows the people
/// the test gives it; each has a subject, an address and whether the provider vouches for that address.
/// The code flow, PKCE, discovery, signing keys and the token endpoint are OpenIddict's own.
/// </summary>
public sealed class OidcTestProvider : IAsyncDisposable
{
    public sealed record Person(string Subject, string Email, bool EmailVerified, string Name);

    public const string ClientId = "pactwerk";
    public const string ClientSecret = "pactwerk-test-secret";
    private const string Cookie = "idp";

    private readonly WebApplication _app;
    private readonly SqliteConnection _store;
    private readonly Person[] _people;

    private OidcTestProvider(WebApplication app, SqliteConnection store, Person[] people) =>
        (_app, _store, _people) = (app, store, people);

    /// <summary>The issuer address, e.g. http://127.0.0.1:41234/.</summary>
    public string Authority { get; private set; } = "";

    /// <summary>Who has signed in at this provider, in order (their subjects).</summary>
    public List<string> SignedIn { get; } = [];

    public static async Task<OidcTestProvider> StartAsync(params Person[] people)
    {
        var store = new SqliteConnection("Data Source=:memory:");
        await store.OpenAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<ProviderDb>(o => o.UseSqlite(store).UseOpenIddict());
        builder.Services.AddAuthentication(Cookie).AddCookie(Cookie);
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<ProviderDb>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        var provider = new OidcTestProvider(app, store, people);
        app.UseAuthentication();
        app.MapMethods("/connect/authorize", ["GET", "POST"], (Delegate)provider.AuthorizeAsync);
        app.MapGet("/login", (HttpContext c) => Results.Content(LoginPage(c.Request.Query["returnUrl"]), "text/html"));
        app.MapPost("/login", (Delegate)provider.LoginAsync);

        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<ProviderDb>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        provider.Authority = app.Urls.First().Replace("localhost", "127.0.0.1").TrimEnd('/') + "/";
        return provider;
    }

    /// <summary>Registers Pactwerk as a client that may be sent back to the given callback address.</summary>
    public async Task AllowClientAsync(params string[] redirectUris)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            ClientType = ClientTypes.Confidential,
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token,
                Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code,
                Permissions.Prefixes.Scope + Scopes.Email, Permissions.Prefixes.Scope + Scopes.Profile,
            },
        };
        foreach (var uri in redirectUris)
            descriptor.RedirectUris.Add(new Uri(uri));
        if (await applications.FindByClientIdAsync(ClientId) is { } existing)
            await applications.DeleteAsync(existing);
        await applications.CreateAsync(descriptor);
    }

    /// <summary>The settings that point a Pactwerk instance at this provider under the given name.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings(string name, string displayName) =>
    [
        new($"SignIn:Providers:{name}:DisplayName", displayName),
        new($"SignIn:Providers:{name}:Authority", Authority),
        new($"SignIn:Providers:{name}:ClientId", ClientId),
        new($"SignIn:Providers:{name}:ClientSecret", ClientSecret),
        new($"SignIn:Providers:{name}:RequireHttpsMetadata", "false"),
    ];

    private async Task<IResult> AuthorizeAsync(HttpContext context)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OpenID Connect request.");
        var known = await context.AuthenticateAsync(Cookie);
        if (Find(known.Principal?.FindFirstValue(ClaimTypes.Name)) is not { } person)
            return Results.Redirect("/login?returnUrl=" + Uri.EscapeDataString(context.Request.Path + context.Request.QueryString));

        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, person.Subject).SetClaim(Claims.Name, person.Name);
        if (person.Email.Length > 0)
            identity.SetClaim(Claims.Email, person.Email).SetClaim(Claims.EmailVerified, person.EmailVerified);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        SignedIn.Add(person.Subject);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private async Task<IResult> LoginAsync(HttpContext context)
    {
        var form = await context.Request.ReadFormAsync();
        var returnUrl = form["returnUrl"].ToString();
        if (Find(form["email"]) is not { } person || !returnUrl.StartsWith("/connect/authorize", StringComparison.Ordinal))
            return Results.Content(LoginPage(returnUrl, "Unknown person."), "text/html", statusCode: 400);
        await context.SignInAsync(Cookie, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, person.Subject)], Cookie)));
        return Results.Redirect(returnUrl);
    }

    /// <summary>A person by subject, or by address (the first with it: two people may share one over time).</summary>
    private Person? Find(string? typed) => string.IsNullOrEmpty(typed) ? null
        : _people.FirstOrDefault(p => p.Subject == typed) ?? _people.FirstOrDefault(p => string.Equals(p.Email, typed, StringComparison.OrdinalIgnoreCase));

    private static string LoginPage(string? returnUrl, string? error = null) =>
        $"""
        <!doctype html><html lang="en"><head><title>Test provider</title></head><body><main>
        <h1>Test provider</h1>{(error is null ? "" : $"<p role=\"alert\">{WebUtility.HtmlEncode(error)}</p>")}
        <form method="post" action="/login"><input type="hidden" name="returnUrl" value="{WebUtility.HtmlEncode(returnUrl)}">
        <label for="email">Your address at the provider</label> <input id="email" name="email" type="email">
        <button type="submit">Continue</button></form></main></body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _store.DisposeAsync();
    }

    internal sealed class ProviderDb(DbContextOptions<ProviderDb> options) : DbContext(options);
}
