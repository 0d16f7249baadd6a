namespace Pactwerk.Web.Features.Accounts.TwoFactor;

/// <summary>
/// The authenticator app of an account with two-factor sign-in on (one per account). The shared
/// secret is kept only as ASP.NET Core Data Protection ciphertext: a copy of the database alone
/// does not give anyone the codes.
/// </summary>
public class AccountAuthenticator
{
    public required string UserId { get; set; }
    public required string ProtectedSecret { get; set; }
    public DateTime EnabledAt { get; set; }
    /// <summary>The 30-second time step of the last code accepted: a code of that step or an earlier one is refused (no replay).</summary>
    public long LastUsedStep { get; set; }
    /// <summary>Wrong codes since the last right one or the last lock.</summary>
    public int FailedAttempts { get; set; }
    /// <summary>Until when (UTC) the second step refuses every code after too many wrong ones.</summary>
    public DateTime? LockedUntil { get; set; }
}

/// <summary>One of the ten single-use recovery codes of an account; only a hash is kept.</summary>
public class AccountRecoveryCode
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Hash { get; set; }
    public DateTime? UsedAt { get; set; }
}
