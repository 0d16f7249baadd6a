using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Who acts for a scheme: its pact's coordinators, and the editors of the organisation that runs it.</summary>
public static class VoucherAccess
{
    public static bool IsOfficer(AccessScope scope, VoucherScheme scheme, bool forChange) => IsOfficer(scope, scheme.PactId, scheme.OrganisationId, forChange);

    private static bool IsOfficer(AccessScope scope, int pactId, int organisationId, bool forChange) =>
        forChange
            ? scope.MayEdit(pactId, new HashSet<int>(), organisationId)
            : scope.Coordinates(pactId) || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.PactId == pactId && g.OrganisationId == organisationId);

    /// <summary>
    /// Who must sign in with two-factor to use the officers' and providers' pages and endpoints: an officer of
    /// any scheme, or an account that acts for any provider. Decided for the person, not per scheme, so the
    /// same account is never let in on one scheme's page and sent to set up two-factor on the next.
    /// </summary>
    public static async Task<bool> NeedsTwoFactorAsync(PactwerkDb db, AccessScope scope, CancellationToken ct)
    {
        if (scope.UserId is not { } userId)
            return false;
        var schemes = await db.VoucherSchemes.AsNoTracking().Select(s => new { s.PactId, s.OrganisationId }).Distinct().ToListAsync(ct);
        return schemes.Any(s => IsOfficer(scope, s.PactId, s.OrganisationId, forChange: false))
            || await db.VoucherProviderUsers.AnyAsync(u => u.UserId == userId, ct);
    }

    /// <summary>Whether the signed-in account acts for this provider (a <see cref="VoucherProviderUser"/> link set by the scheme's officer).</summary>
    public static async Task<bool> ActsForProviderAsync(PactwerkDb db, AccessScope scope, int providerId, bool forChange, CancellationToken ct) =>
        scope.UserId is { } userId && !(forChange && scope.ReadOnly) && await db.VoucherProviderUsers.AnyAsync(u => u.ProviderId == providerId && u.UserId == userId, ct);

}
