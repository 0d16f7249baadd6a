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
}
