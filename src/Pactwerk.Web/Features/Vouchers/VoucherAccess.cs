using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Who acts for a scheme: its pact's coordinators, and the editors of the organisation that runs it.</summary>
public static class VoucherAccess
{
    public static bool IsOfficer(AccessScope scope, VoucherScheme scheme, bool forChange) =>
        forChange
            ? scope.MayEdit(scheme.PactId, new HashSet<int>(), scheme.OrganisationId)
            : scope.Coordinates(scheme.PactId) || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.PactId == scheme.PactId && g.OrganisationId == scheme.OrganisationId);

    /// <summary>Whether the signed-in account acts for this provider (a <see cref="VoucherProviderUser"/> link set by the scheme's officer).</summary>
    public static async Task<bool> ActsForProviderAsync(PactwerkDb db, AccessScope scope, int providerId, bool forChange, CancellationToken ct) =>
        scope.UserId is { } userId && !(forChange && scope.ReadOnly) && await db.VoucherProviderUsers.AnyAsync(u => u.ProviderId == providerId && u.UserId == userId, ct);

}
