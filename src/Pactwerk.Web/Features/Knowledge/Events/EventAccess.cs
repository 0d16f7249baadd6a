using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// Who sees and manages events. Public events are for everyone. An internal meeting, with its
/// agenda, documents and minutes, is for its members and the coordinators of its pact, who
/// organise it; to everyone else it does not exist.
/// </summary>
public static class EventAccess
{
    public static bool MayManage(AccessScope scope, int pactId) => !scope.ReadOnly && scope.Coordinates(pactId);

    /// <summary>
    /// The registrant list and its export: the event's organisers, who are the coordinators of its
    /// pact (only they plan events), and administrators. Reading, so a read-only token may.
    /// </summary>
    public static bool MaySeeRegistrants(AccessScope scope, int pactId) => scope.Coordinates(pactId);

    public static bool MaySeeInternal(AccessScope scope, int pactId, IEnumerable<string> memberIds) =>
        scope.Coordinates(pactId) || (scope.UserId is { } user && memberIds.Contains(user));

    /// <summary>The events the scope may see, as a query filter.</summary>
    public static IQueryable<Event> Visible(IQueryable<Event> events, AccessScope scope)
    {
        if (scope.IsAdministrator)
            return events;
        var user = scope.UserId;
        var coordinated = scope.Grants.Where(g => g.Kind == RoleKind.PactCoordinator && g.PactId is not null).Select(g => g.PactId!.Value).ToList();
        return user is null
            ? events.Where(e => e.IsPublic)
            : events.Where(e => e.IsPublic || coordinated.Contains(e.PactId) || e.Members.Any(m => m.UserId == user));
    }
}
