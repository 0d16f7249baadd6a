using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// Who may do what with programmes, in one place; anything not named here is refused. The programme's staff — the owner
/// organisation's partner editors, the coordinators of the programme's pact, administrators — see the candidates and
/// record intake decisions. A signed-in person applies for themselves and sees only their own applications. The
/// programmes, cohorts and their figures (under the small-cell rule) are public.
/// </summary>
public static class ProgrammeAccess
{
    public static bool IsStaff(AccessScope scope, Programme programme, bool forChange) =>
        scope.IsSignedIn && !(forChange && scope.ReadOnly)
        && (scope.Coordinates(programme.PactId)
            || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == programme.OwnerOrganisationId));

    /// <summary>A person applies for themselves only: a signed-in account, not a read-only token.</summary>
    public static bool MayApply(AccessScope scope) => scope.IsSignedIn && !scope.ReadOnly;
}
