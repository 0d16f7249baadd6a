using Microsoft.AspNetCore.Identity;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>A sign-in account. Rights come from its <see cref="RoleAssignment"/>s, not from Identity roles.</summary>
[Data.DecidesAccess]
public class PactwerkUser : IdentityUser
{
    public required string DisplayName { get; set; }
    /// <summary>The person in the network this account belongs to, if linked.</summary>
    public int? PersonId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>The last time a browser session began (UTC); null if the account never signed in.</summary>
    public DateTime? LastSignInAt { get; set; }
}
