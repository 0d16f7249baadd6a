using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// Checks the session cookie on every request (<see cref="SecurityStampValidatorOptions.ValidationInterval"/>
/// is zero): the account's security stamp must still be the one the cookie was issued with, and the
/// account must not be locked. Sign-out, a lock, a password change and a role withdrawal each give
/// the account a new stamp (<see cref="SessionEnd"/>), so every open session of it ends at once.
/// </summary>
public sealed class SessionValidator(IOptions<SecurityStampValidatorOptions> options, SignInManager<PactwerkUser> signIn, ILoggerFactory logger,
    AccessMemo memo, Data.PactwerkDb db, TimeProvider clock)
    : SecurityStampValidator<PactwerkUser>(options, signIn, logger)
{
    /// <summary>
    /// The account as <see cref="AccessMemo"/> holds it (read once, dropped with every committed write to it) says
    /// whether the session still holds. Only the answer "it holds, nothing to renew" is taken from it; anything else
    /// (a new stamp, a lock, a new name, no such account) goes through the framework's own check against the database,
    /// which ends or renews the session as it always did.
    /// </summary>
    public override async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is { } principal && SignInManager.UserManager.GetUserId(principal) is { } userId
            && await memo.GetAsync(db, userId, clock.Today(), context.HttpContext.RequestAborted) is { } account
            && account.SecurityStamp is { } stamp
            && principal.FindFirstValue(SignInManager.Options.ClaimsIdentity.SecurityStampClaimType) == stamp
            && !account.IsLockedOutAt(clock.GetUtcNow())
            && principal.FindFirstValue(Audit.PactwerkClaims.DisplayName) == account.DisplayName)
            return;
        await base.ValidateAsync(context);
    }

    protected override async Task<PactwerkUser?> VerifySecurityStamp(ClaimsPrincipal? principal)
    {
        var user = await base.VerifySecurityStamp(principal);
        // A lock ends the session even when it was written past the change tracker.
        return user is not null && await SignInManager.UserManager.IsLockedOutAsync(user) ? null : user;
    }

    /// <summary>
    /// The framework rebuilds the principal (another query for the account's claims) and issues a
    /// new cookie after every successful check; with a check on every request that is most of what
    /// a signed-in page costs beyond its own work. The cookie holds only the stamp and the display
    /// name, and every change of rights or lock gives a new stamp, so while the name is the same the
    /// cookie is kept as it is; the cookie's own sliding expiration still renews it.
    /// </summary>
    protected override Task SecurityStampVerified(PactwerkUser user, CookieValidatePrincipalContext context) =>
        context.Principal?.FindFirstValue(Audit.PactwerkClaims.DisplayName) == user.DisplayName ? Task.CompletedTask : base.SecurityStampVerified(user, context);
}

/// <summary>
/// Gives an account a new security stamp whenever a save withdraws one of its roles or locks it,
/// whoever makes that change and through whichever page or endpoint: called by
/// <c>PactwerkDb.SaveChangesAsync</c>, so no caller needs to remember it.
/// </summary>
public static class SessionEnd
{
    public static async Task StampAccountsLosingAccessAsync(ChangeTracker tracker, DbSet<PactwerkUser> users, CancellationToken ct)
    {
        var withdrawn = tracker.Entries<RoleAssignment>()
            .Where(e => e.State == EntityState.Deleted || (e.State == EntityState.Modified && e.Property(r => r.ValidTo).IsModified))
            .Select(e => e.Entity.UserId).ToHashSet();
        var now = DateTimeOffset.UtcNow;
        var locked = tracker.Entries<PactwerkUser>()
            .Where(e => e.State == EntityState.Modified && e.Property(u => u.LockoutEnd).IsModified && e.Entity.LockoutEnd > now)
            .Select(e => e.Entity.Id);
        foreach (var id in withdrawn.Union(locked).ToList())
        {
            var user = tracker.Entries<PactwerkUser>().FirstOrDefault(e => e.Entity.Id == id)?.Entity ?? await users.FindAsync([id], ct);
            if (user is null)
                continue;
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
        }
    }
}
