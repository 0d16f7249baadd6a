using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// Who may do what with programmes, in one place; anything not named here is refused. The programme's staff — the owner
/// organisation's partner editors, the coordinators of the programme's pact, administrators — see the candidates, record
/// intake decisions and set the programme up (its details, cohorts, employer network and modules); the same people set up a
/// new programme for an organisation and a pact. A signed-in person applies for themselves and sees and corrects only their
/// own applications. The programmes, cohorts and their figures (under the small-cell rule) are public.
/// </summary>
public static class ProgrammeAccess
{
    public static bool IsStaff(AccessScope scope, Programme programme, bool forChange) =>
        ActsFor(scope, programme.PactId, programme.OwnerOrganisationId, forChange);

    /// <summary>
    /// Who may set up a programme of this pact run by this organisation: the staff rule of <see cref="IsStaff"/> for the
    /// programme it would become, so that whoever creates a programme is its staff afterwards, and nobody else is.
    /// </summary>
    public static bool MaySetUp(AccessScope scope, int pactId, int ownerOrganisationId) => ActsFor(scope, pactId, ownerOrganisationId, forChange: true);

    /// <summary>Whether the person may set up any programme at all (the new programme's page): a coordinator, or an editor of some organisation.</summary>
    public static bool MaySetUpAny(AccessScope scope) =>
        scope.IsSignedIn && !scope.ReadOnly && (scope.Coordinates() || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId is not null));

    /// <summary>A person applies for themselves only: a signed-in account, not a read-only token.</summary>
    public static bool MayApply(AccessScope scope) => scope.IsSignedIn && !scope.ReadOnly;

    private static bool ActsFor(AccessScope scope, int pactId, int ownerOrganisationId, bool forChange) =>
        scope.IsSignedIn && !(forChange && scope.ReadOnly)
        && (scope.Coordinates(pactId) || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == ownerOrganisationId));
}
