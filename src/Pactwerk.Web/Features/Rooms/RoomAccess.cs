using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// Who acts for an organisation in the rooms: its partner editors (in whichever pact they hold the role)
/// and administrators, as for the organisation's shared record (<see cref="Network.SharedRecords"/>).
/// Everyone else is refused; a read-only token changes nothing.
/// </summary>
public static class RoomAccess
{
    public static bool ActsFor(AccessScope scope, int organisationId, bool forChange) =>
        scope.IsSignedIn && !(forChange && scope.ReadOnly)
        && (scope.IsAdministrator || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == organisationId));

    /// <summary>The organisations the account books for (administrators name one themselves).</summary>
    public static IReadOnlyList<int> OrganisationsOf(AccessScope scope) =>
        scope.Grants.Where(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId is not null).Select(g => g.OrganisationId!.Value).Distinct().ToList();

    /// <summary>Who may add a room: an administrator, or whoever acts for an organisation (as <see cref="RoomEditor"/> decides for that organisation).</summary>
    public static bool MayAddRooms(AccessScope scope) =>
        scope.IsSignedIn && !scope.ReadOnly && (scope.IsAdministrator || OrganisationsOf(scope).Count > 0);
}
