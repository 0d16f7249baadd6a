namespace Pactwerk.Web.Features.Accounts;

/// <summary>
/// A personal token for data pipelines. Only a SHA-256 hash of the secret is stored; the secret
/// is shown once, when the token is created. Its rights are the owner's, cut down to the role
/// assignments it names and, when read-only, to reading.
/// </summary>
public class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>First characters of the secret, to recognise a token in lists and logs.</summary>
    public required string Prefix { get; set; }
    public required string SecretHash { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public bool ReadOnly { get; set; }
    /// <summary>Ids of the owner's role assignments the token may use (comma-separated).</summary>
    public string RoleAssignmentIds { get; set; } = "";

    public IReadOnlyList<int> ScopeIds => RoleAssignmentIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
    public bool IsUsableAt(DateTime now) => RevokedAt is null && ExpiresAt > now;
}
