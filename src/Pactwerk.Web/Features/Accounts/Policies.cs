namespace Pactwerk.Web.Features.Accounts;

/// <summary>The names of the authorisation and rate-limiting policies that endpoints and pages ask for.</summary>
public static class Policies
{
    /// <summary>Any signed-in account (also reads internal pages).</summary>
    public const string SignedIn = "SignedIn";
    /// <summary>Administrators and pact coordinators: invitations, the audit trail.</summary>
    public const string Coordinator = "Coordinator";
    /// <summary>Administrators only.</summary>
    public const string Administrator = "Administrator";
    /// <summary>Signed in with the browser session, not with an API token (creating tokens).</summary>
    public const string InteractiveUser = "InteractiveUser";
    /// <summary>Rate-limiting policy for sign-in, password reset and token creation.</summary>
    public const string AuthRateLimit = "auth";
}
