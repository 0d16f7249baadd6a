using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.LearningPlaces;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// Who may do what in matching, in one place; anything not named here is refused. Coordinators (of any pact) see rankings
/// and propose; a place's organisation sees its candidates blind and decides on proposals for its places; a candidate is the
/// account with the candidate's confirmed address (as a learning account's holder) and sees and answers only their own.
/// </summary>
public static class MatchingAccess
{
    public static bool IsCoordinator(AccessScope scope) => scope.IsSignedIn && scope.Coordinates();

    public static bool MayPropose(AccessScope scope) => IsCoordinator(scope) && !scope.ReadOnly;

    /// <summary>The place's staff (blind) and coordinators see the candidates for a place.</summary>
    public static bool SeesCandidatesFor(AccessScope scope, int organisationId) =>
        IsCoordinator(scope) || LearningPlaceAccess.ActsFor(scope, organisationId, forChange: false);

    public static bool DecidesFor(AccessScope scope, int organisationId) => LearningPlaceAccess.ActsFor(scope, organisationId, forChange: true);

    /// <summary>The place's organisation and the coordinators who may propose state what a place asks.</summary>
    public static bool EditsRequirementsFor(AccessScope scope, int organisationId) => DecidesFor(scope, organisationId) || MayPropose(scope);

    /// <summary>
    /// An organisation's staff publish and change its vacancies (as they do its learning places); they, and coordinators, see the
    /// candidates for them, by <see cref="SeesCandidatesFor"/>.
    /// </summary>
    public static bool PublishesVacanciesFor(AccessScope scope, int organisationId) => DecidesFor(scope, organisationId);

    /// <summary>
    /// Which competences a voucher course teaches is kept by the officers of the course's scheme (who keep its catalogue, by
    /// the vouchers' one rule for who they are) and by administrators; the API and the officers' page both ask here.
    /// </summary>
    public static bool KeepsCourseCompetences(AccessScope scope, Vouchers.VoucherScheme scheme) =>
        scope.IsSignedIn && !scope.ReadOnly && (scope.IsAdministrator || Vouchers.VoucherAccess.IsOfficer(scope, scheme, forChange: true));

    /// <summary>Whether the signed-in user is the candidate: the candidate's address is theirs and confirmed.</summary>
    public static bool Is(PactwerkUser? user, Candidate candidate) =>
        user is { EmailConfirmed: true, Email: { } email } && LearningAccounts.LearningAccount.Normalise(email) == candidate.Email;
}
