using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>One active role of the current user, with the municipalities a regional role covers.</summary>
public sealed record Grant(int AssignmentId, RoleKind Kind, int? PactId, int? RegionId, int? OrganisationId, IReadOnlySet<int> Municipalities);

/// <summary>
/// What the current request may do: the user's roles that are active today, cut down to the
/// token's scope when the request came with an API token. Loaded once per request.
/// </summary>
public sealed class AccessScope
{
    public static readonly AccessScope Anonymous = new(null, false, []);

    public AccessScope(string? userId, bool readOnly, IReadOnlyList<Grant> grants) => (UserId, ReadOnly, Grants) = (userId, readOnly, grants);

    public string? UserId { get; }
    /// <summary>A read-only API token: every change is refused, whatever the roles.</summary>
    public bool ReadOnly { get; }
    public IReadOnlyList<Grant> Grants { get; }

    /// <summary>
    /// The scope the account would have with two-factor on, when roles are held back for want of it
    /// (<see cref="TwoFactorOptions.RequiredForCoordinators"/>); null when nothing is held back.
    /// </summary>
    public AccessScope? WithTwoFactor { get; init; }

    public bool IsSignedIn => UserId is not null;
    public bool IsAdministrator => Grants.Any(g => g.Kind == RoleKind.Administrator);

    /// <summary>Administrators, and coordinators of this pact (any pact when null).</summary>
    public bool Coordinates(int? pactId = null) =>
        IsAdministrator || Grants.Any(g => g.Kind == RoleKind.PactCoordinator && (pactId is null || g.PactId == pactId));

    /// <summary>
    /// May change a record of a pact that lies in the given municipalities and belongs to the given
    /// organisation. A regional role covers a record only when all of its municipalities lie inside
    /// the role's region: region sets need not nest, so "inside" is decided on municipalities.
    /// </summary>
    public bool MayEdit(int pactId, IReadOnlySet<int> municipalities, int? organisationId)
    {
        if (ReadOnly)
            return false;
        if (Coordinates(pactId))
            return true;
        return Grants.Any(g =>
            (g.Kind is RoleKind.RegionalLead or RoleKind.RegionalCoordinator && g.PactId == pactId
                && municipalities.Count > 0 && municipalities.IsSubsetOf(g.Municipalities))
            || (g.Kind == RoleKind.PartnerEditor && g.PactId == pactId && organisationId is not null && g.OrganisationId == organisationId));
    }
}

/// <summary>Builds the <see cref="AccessScope"/> of the current request from the account's rows (held in <see cref="AccessMemo"/>).</summary>
public sealed class AccessScopeProvider(PactwerkDb db, IHttpContextAccessor http, TimeProvider clock, Microsoft.Extensions.Options.IOptions<TwoFactorOptions> twoFactor,
    AccessMemo memo)
{
    private AccessScope? _scope;

    public async Task<AccessScope> GetAsync(CancellationToken ct = default)
    {
        if (_scope is not null)
            return _scope;
        var user = http.HttpContext?.User;
        var userId = user?.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) : null;
        if (userId is null)
            return _scope = AccessScope.Anonymous;

        var today = clock.Today();
        var account = await memo.GetAsync(db, userId, today, ct);
        var roles = account?.Roles.Where(r => r.IsActiveOn(today)).ToList() ?? [];
        var readOnly = false;
        if (int.TryParse(user!.FindFirstValue(PactwerkClaims.TokenId), out var tokenId))
        {
            var token = await db.ApiTokens.SingleAsync(t => t.Id == tokenId, ct);
            var allowed = token.ScopeIds.ToHashSet();
            roles = roles.Where(a => allowed.Contains(a.Id)).ToList();
            readOnly = token.ReadOnly;
        }

        var grants = roles.Select(r => new Grant(r.Id, r.Kind, r.PactId, r.RegionId, r.OrganisationId, r.Municipalities)).ToList();
        var scope = new AccessScope(userId, readOnly, grants);
        // Every right in the app is read from this scope, so holding the roles back here holds them back
        // everywhere (pages, API, who sees exact figures) without any caller having to remember it.
        if (grants.Any(g => TwoFactorOptions.NeedsTwoFactor(g.Kind)) && account is not null && Lacks(account.TwoFactorEnabled, account.Email))
            scope = new AccessScope(userId, readOnly, grants.Where(g => !TwoFactorOptions.NeedsTwoFactor(g.Kind)).ToList()) { WithTwoFactor = scope };
        return _scope = scope;
    }

    /// <summary>Whether roles of this account are held back until it turns two-factor on: where sign-in sends the person next.</summary>
    public async Task<bool> HoldsRolesBackAsync(string userId, CancellationToken ct)
    {
        var today = clock.Today();
        return await db.RoleAssignments.AnyAsync(r => r.UserId == userId && r.ValidFrom <= today && (r.ValidTo == null || r.ValidTo > today)
                   && TwoFactorOptions.CoordinatingRoles.Contains(r.Kind), ct)
               && await LacksTwoFactorAsync(userId, ct);
    }

    private async Task<bool> LacksTwoFactorAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => new { u.TwoFactorEnabled, u.Email }).SingleOrDefaultAsync(ct) is { } account
        && Lacks(account.TwoFactorEnabled, account.Email);

    private bool Lacks(bool twoFactorEnabled, string? email) =>
        twoFactor.Value.RequiredForCoordinators && !twoFactorEnabled && !twoFactor.Value.Exempts(email);

    /// <summary>
    /// Which of the candidate regions lie wholly inside the given region: all their municipalities
    /// are among its municipalities. Region sets need not nest, so this is decided on municipalities.
    /// </summary>
    public static async Task<IReadOnlySet<int>> RegionsInsideAsync(PactwerkDb db, int regionId, IReadOnlyCollection<int> candidates, CancellationToken ct)
    {
        var municipalities = await MunicipalitiesOfAsync(db, candidates.Append(regionId).Distinct().ToList(), ct);
        var outer = municipalities[regionId];
        return candidates.Where(c => municipalities[c].Count > 0 && municipalities[c].IsSubsetOf(outer)).ToHashSet();
    }

    /// <summary>The current municipalities of each region; a municipality covers itself.</summary>
    public static async Task<Dictionary<int, IReadOnlySet<int>>> MunicipalitiesOfAsync(PactwerkDb db, IReadOnlyCollection<int> regionIds, CancellationToken ct)
    {
        // Most readers hold no regional right: two queries that could find nothing cost a signed-in page two round trips.
        if (regionIds.Count == 0)
            return [];
        var members = await db.RegionMemberships.Where(m => regionIds.Contains(m.RegionId) && m.ValidTo == null)
            .Select(m => new { m.RegionId, m.MunicipalityId }).ToListAsync(ct);
        var themselves = await db.Regions.Where(r => regionIds.Contains(r.Id) && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities)
            .Select(r => r.Id).ToListAsync(ct);
        return regionIds.ToDictionary(id => id, id => (IReadOnlySet<int>)members.Where(m => m.RegionId == id).Select(m => m.MunicipalityId)
            .Concat(themselves.Where(t => t == id)).ToHashSet());
    }
}
