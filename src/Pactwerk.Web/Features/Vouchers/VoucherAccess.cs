using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>Who acts for a scheme: its pact's coordinators, and the editors of the organisation that runs it.</summary>
public static class VoucherAccess
{
    public static bool IsOfficer(AccessScope scope, VoucherScheme scheme, bool forChange) =>
        forChange
            ? scope.MayEdit(scheme.PactId, new HashSet<int>(), scheme.OrganisationId)
            : scope.Coordinates(scheme.PactId) || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.PactId == scheme.PactId && g.OrganisationId == scheme.OrganisationId);
}
