using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// Who may do what with learning places, in one place; anything not named here is refused. An organisation's staff (its
/// partner editors, in whichever pact) and administrators manage its places and supervisors; they and the pacts'
/// coordinators place learners. The places themselves are public; learners and supervisors are not.
/// </summary>
public static class LearningPlaceAccess
{
    public static bool ActsFor(AccessScope scope, int organisationId, bool forChange) =>
        scope.IsSignedIn && !(forChange && scope.ReadOnly)
        && (scope.IsAdministrator || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == organisationId));

    /// <summary>The organisation's staff, and a coordinator of any pact, who brings learners and places together.</summary>
    public static bool MayPlace(AccessScope scope, int organisationId) =>
        scope.IsSignedIn && !scope.ReadOnly && (ActsFor(scope, organisationId, forChange: true) || scope.Coordinates());

    /// <summary>The organisations the account acts for (administrators name one themselves).</summary>
    public static IReadOnlyList<int> OrganisationsOf(AccessScope scope) =>
        scope.Grants.Where(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId is not null).Select(g => g.OrganisationId!.Value).Distinct().ToList();
}
