using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Accounts;

public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";
    /// <summary>Wrong codes in a row before the second step of sign-in is locked.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
    /// <summary>How long the second step stays locked after too many wrong codes.</summary>
    public TimeSpan LockFor { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>
    /// Accounts (e-mail addresses) the requirement does not hold for. Empty unless the demo adds its own
    /// accounts (Demo:TwoFactorExempt): their password is published, so a published secret beside it would
    /// be no second factor, only a second copy of the first.
    /// </summary>
    public HashSet<string> ExemptAccounts { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Administrators, pact coordinators and regional leads and coordinators act on the whole pact or a region,
    /// so their roles count only once two-factor is on (see <see cref="AccessScopeProvider"/>). On by default.
    /// </summary>
    public bool RequiredForCoordinators { get; set; } = true;

    /// <summary>The roles <see cref="RequiredForCoordinators"/> holds back until two-factor is on (a list, so a query can ask for them too).</summary>
    public static readonly RoleKind[] CoordinatingRoles = [RoleKind.Administrator, RoleKind.PactCoordinator, RoleKind.RegionalLead, RoleKind.RegionalCoordinator];

    public static bool NeedsTwoFactor(RoleKind kind) => CoordinatingRoles.Contains(kind);

    /// <summary>Whether the account is one the requirements do not hold for.</summary>
    public bool Exempts(string? email) => email is not null && ExemptAccounts.Contains(email);
}

/// <summary>
/// Two-factor sign-in is required of the accounts <paramref name="appliesTo"/> picks (an area decides who:
/// the vouchers' officers and provider users): a policy holding this requirement lets such an account through
/// only with two-factor on. Accounts it does not pick pass, and the page or endpoint decides on them as before.
/// </summary>
public sealed class TwoFactorRequirement(Func<IServiceProvider, AccessScope, CancellationToken, Task<bool>> appliesTo) : IAuthorizationRequirement
{
    public Task<bool> AppliesToAsync(IServiceProvider services, AccessScope scope, CancellationToken ct) => appliesTo(services, scope, ct);
}

public sealed class TwoFactorRequirementHandler(AccessScopeProvider scopes, PactwerkDb db, IServiceProvider services, IOptions<TwoFactorOptions> options,
    IHttpContextAccessor http) : AuthorizationHandler<TwoFactorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorRequirement requirement)
    {
        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } userId)
            return;
        var ct = http.HttpContext?.RequestAborted ?? default;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.TwoFactorEnabled }).SingleOrDefaultAsync(ct);
        if (account is null)
            return;
        if (account.TwoFactorEnabled || options.Value.Exempts(account.Email)
            // Asked of the roles the account has with two-factor on: roles held back for want of it still call for it.
            || !await requirement.AppliesToAsync(services, await scopes.GetAsync(ct) is var scope && scope.WithTwoFactor is { } full ? full : scope, ct))
            context.Succeed(requirement);
    }
}

/// <summary>
/// What a refusal for want of two-factor looks like: a page sends the user to the set-up page and back
/// afterwards; the API answers 403 with a problem that says what to do. Every other outcome is the framework's.
/// </summary>
public sealed class TwoFactorRefusal : IAuthorizationMiddlewareResultHandler
{
    public const string SetUpPath = "/account/tweestapsverificatie";
    public const string Title = "Tweestapsverificatie nodig";
    public const string Detail = "Voor deze handeling is tweestapsverificatie nodig. Zet die aan op " + SetUpPath + " en probeer het daarna opnieuw.";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (!result.Forbidden || result.AuthorizationFailure?.FailedRequirements.OfType<TwoFactorRequirement>().Any() != true)
        {
            await _default.HandleAsync(next, context, policy, result);
            return;
        }
        if (context.Request.Path.StartsWithSegments("/api"))
            await Results.Problem(Detail, statusCode: StatusCodes.Status403Forbidden, title: Title).ExecuteAsync(context);
        else
            context.Response.Redirect($"{SetUpPath}?returnUrl={Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString)}");
    }
}
