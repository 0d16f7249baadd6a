using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// Who coordinates workshop days: the coordinators of the event's pact (and administrators), as for the pact's
/// agenda and voucher schemes. Everyone else — regional roles, partner editors, read-only tokens — is refused.
/// </summary>
public static class WorkshopDayAccess
{
    public static bool MayCoordinate(AccessScope scope, int pactId) => scope.MayEdit(pactId, new HashSet<int>(), null);
}
