using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Who may do what with learning accounts, in one place; anything not named here is refused. A funder's
/// officers (the partner editors of its organisation) deposit for that funder and see what it paid in;
/// an administrator sees every statement; the holder sees their own account, signed in with its address
/// confirmed. Nobody moves money from one person's account to another's: there is no such operation.
/// </summary>
public static class LearningAccountAccess
{
    public static bool IsFunderOfficer(AccessScope scope, Funder funder, bool forChange) =>
        !(forChange && scope.ReadOnly)
        && (scope.IsAdministrator || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == funder.OrganisationId));

    /// <summary>Whether the signed-in user holds the account: the account's address is theirs and confirmed.</summary>
    public static bool Holds(PactwerkUser? user, LearningAccount account) =>
        user is { EmailConfirmed: true, Email: { } email } && LearningAccount.Normalise(email) == account.HolderEmail;

    /// <summary>
    /// Who must sign in with two-factor to deposit, record departures or read another person's statement: an
    /// officer of any funder, or an administrator. Decided for the person, not per funder, as for the vouchers'
    /// officers (<see cref="Vouchers.VoucherAccess.NeedsTwoFactorAsync"/>): the same account is never let in for
    /// one funder and sent to set up two-factor for the next.
    /// </summary>
    public static async Task<bool> NeedsTwoFactorAsync(PactwerkDb db, AccessScope scope, CancellationToken ct)
    {
        if (scope.UserId is null)
            return false;
        if (scope.IsAdministrator)
            return true;
        var organisations = scope.Grants.Where(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId is not null).Select(g => g.OrganisationId!.Value).Distinct().ToList();
        return organisations.Count > 0 && await db.LearningFunders.AnyAsync(f => organisations.Contains(f.OrganisationId), ct);
    }
}
