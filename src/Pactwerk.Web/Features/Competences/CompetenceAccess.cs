using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Competences;

/// <summary>Who keeps a pact's framework: its coordinators and administrators (<see cref="AccessScope.Coordinates"/>); a read-only token changes nothing.</summary>
public static class CompetenceAccess
{
    public static bool MayMaintain(AccessScope scope, int pactId) => scope.IsSignedIn && !scope.ReadOnly && scope.Coordinates(pactId);
}
