using Microsoft.AspNetCore.Authorization;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>A requirement decided on the current <see cref="AccessScope"/>.</summary>
public sealed class ScopeRequirement(Func<AccessScope, bool> allows) : IAuthorizationRequirement
{
    public bool Allows(AccessScope scope) => allows(scope);
}

public sealed class ScopeRequirementHandler(AccessScopeProvider scopes) : AuthorizationHandler<ScopeRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (requirement.Allows(await scopes.GetAsync()))
            context.Succeed(requirement);
    }
}
