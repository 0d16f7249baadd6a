using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts.External;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>Accounts: identity, sign-in by cookie or API token, the authorisation policies, e-mail and rate limits.</summary>
public static class AccountsModule
{
    public const string SmartScheme = "Pactwerk";

    public static IHostApplicationBuilder AddAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddIdentityCore<PactwerkUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                // Accounts can be locked (by an administrator, or on erasure); failed sign-ins never
                // lock them, they slow further tries instead (SignInThrottle).
                o.Lockout.AllowedForNewUsers = true;
                // Version 3 of Identity's tables adds AspNetUserPasskeys: passkeys are the framework's own.
                o.Stores.SchemaVersion = IdentitySchema.Version;
            })
            .AddEntityFrameworkStores<PactwerkDb>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PactwerkClaimsFactory>()
            .AddErrorDescriber<DutchIdentityErrorDescriber>();
        services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(7));
        // Checked on every request, so sign-out, a lock, a new password or a withdrawn role ends every session at once.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);
        services.AddScoped<ISecurityStampValidator, SessionValidator>();
        services.AddOptions<Pactwerk.Web.Shared.HostingOptions>().Bind(builder.Configuration.GetSection(Pactwerk.Web.Shared.HostingOptions.Section))
            .Validate(o => builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Testing") || Uri.IsWellFormedUriString(o.PublicBaseUrl, UriKind.Absolute),
                "Hosting:PublicBaseUrl must be set outside Development: e-mailed links use it, never the request's Host header.")
            .ValidateOnStart();

        // One scheme in front: an API token when the request carries one, the browser cookie otherwise.
        var authentication = services.AddAuthentication(SmartScheme);
        authentication
            .AddPolicyScheme(SmartScheme, SmartScheme, o => o.ForwardDefaultSelector = c =>
                c.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? ApiTokenAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null)
            .AddIdentityCookies();
        services.AddExternalSignIn(builder.Configuration, authentication);
        services.AddScoped<SignInSteps>();
        services.AddScoped<ExternalLinks>();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/inloggen";
            o.LogoutPath = "/uitloggen";
            o.AccessDeniedPath = "/geen-toegang";
            o.Cookie.Name = "pactwerk";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers with status codes, never with a redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => ApiOr(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => ApiOr(c, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            // Deny by default: an endpoint or page without its own policy needs a signed-in user.
            // A request that matched no endpoint at all goes on to its 404.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().AddRequirements(new SignedInOrNoEndpointRequirement()).Build())
            .AddPolicy(Policies.SignedIn, p => p.RequireAuthenticatedUser())
            .AddPolicy(Policies.Coordinator, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(s => s.Coordinates())))
            .AddPolicy(Policies.Administrator, p => p.RequireAuthenticatedUser().AddRequirements(new ScopeRequirement(s => s.IsAdministrator)))
            .AddPolicy(Policies.InteractiveUser, p => p.AddAuthenticationSchemes(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser());
        services.AddScoped<IAuthorizationHandler, ScopeRequirementHandler>();
        services.AddSingleton<IAuthorizationHandler, SignedInOrNoEndpointHandler>();
        services.AddScoped<AccessScopeProvider>();
        // The session check and the rights read the account from here; the monitor's eviction interceptor and cluster channel drop it.
        services.AddSingleton<AccessMemo>();
        services.AddSignInRecorder();
        services.AddOptions<SignInThrottleOptions>().Bind(builder.Configuration.GetSection(SignInThrottleOptions.Section));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<AccountService>();
        services.AddOptions<TwoFactorOptions>().Bind(builder.Configuration.GetSection(TwoFactorOptions.Section));
        services.AddScoped<TwoFactor.AccountAuthenticators>();
        services.AddScoped<IAuthorizationHandler, TwoFactorRequirementHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorRefusal>();

        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<IEmailSender, MailKitEmailSender>();

        var perMinute = builder.Configuration.GetValue("RateLimits:AuthPerMinute", 20);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts count (POST); looking at the form is free.
            o.AddPolicy(Policies.AuthRateLimit, c => HttpMethods.IsGet(c.Request.Method)
                ? RateLimitPartition.GetNoLimiter("read")
                : RateLimitPartition.GetFixedWindowLimiter(c.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
        return builder;
    }

    public static WebApplication MapAccounts(this WebApplication app, RouteGroupBuilder api)
    {
        api.MapAccountsApi();
        return app;
    }

    private static Task ApiOr(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
            context.Response.StatusCode = status;
        else
            context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
