using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>Puts the display name in the cookie, for the header and the audit trail.</summary>
public sealed class PactwerkClaimsFactory(UserManager<PactwerkUser> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PactwerkUser>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PactwerkUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PactwerkClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
