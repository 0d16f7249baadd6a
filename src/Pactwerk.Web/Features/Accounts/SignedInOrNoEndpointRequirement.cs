using Microsoft.AspNetCore.Authorization;

namespace Pactwerk.Web.Features.Accounts;

/// <summary>The fallback: a signed-in user, or a request that no endpoint answers (a 404 to be).</summary>
public sealed class SignedInOrNoEndpointRequirement : IAuthorizationRequirement;

public sealed class SignedInOrNoEndpointHandler : AuthorizationHandler<SignedInOrNoEndpointRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, SignedInOrNoEndpointRequirement requirement)
    {
        if (context.User.Identity?.IsAuthenticated == true || context.Resource is HttpContext { } http && http.GetEndpoint() is null)
            context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
