using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Accounts;

public static class AccountsApi
{
    public static RouteGroupBuilder MapAccountsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/me", GetMe).WithName("GetMe").WithSummary("The signed-in user with their roles and scope.").WithTags("Accounts").RequireAuthorization(Policies.SignedIn);
        var tokens = api.MapGroup("/me/tokens").WithTags("Accounts").RequireAuthorization(Policies.InteractiveUser);
        tokens.MapGet("/", GetTokens).WithName("GetTokens").WithSummary("The signed-in user's API tokens (never their secrets).");
        tokens.MapPost("/", CreateToken).WithName("CreateToken").WithSummary("Creates a personal API token; its secret is shown once.").RequireRateLimiting(Policies.AuthRateLimit);
        tokens.MapDelete("/{id:int}", RevokeToken).WithName("RevokeToken").WithSummary("Revokes one of the signed-in user's API tokens.");
        api.MapPost("/invitations", Invite).WithName("Invite").WithSummary("Invites someone to an account with a role (coordinators).").WithTags("Accounts").RequireAuthorization(Policies.Coordinator);
        return api;
    }

    public sealed record RoleDto(int Id, string Kind, string? Pact, string? Region, string? Organisation, DateOnly ValidFrom, DateOnly? ValidTo);
    public sealed record MeDto(string Id, string DisplayName, string? Email, bool ViaToken, bool ReadOnly, IReadOnlyList<RoleDto> Roles);
    public sealed record TokenDto(int Id, string Name, string Prefix, DateTime CreatedAt, DateTime ExpiresAt, DateTime? RevokedAt, bool ReadOnly, IReadOnlyList<int> RoleAssignmentIds);
    public sealed record CreatedTokenDto(TokenDto Token, string Secret, string Note);
    public sealed record InvitedDto(string Id, string Email, string DisplayName);

    /// <summary>The signed-in account and the roles the current request may use.</summary>
    private static async Task<Ok<MeDto>> GetMe(ClaimsPrincipal principal, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var user = await db.Users.SingleAsync(u => u.Id == scope.UserId, ct);
        var ids = scope.Grants.Select(g => g.AssignmentId).ToList();
        var roles = await RolesQuery(db, r => ids.Contains(r.Id)).ToListAsync(ct);
        return TypedResults.Ok(new MeDto(user.Id, user.DisplayName, user.Email, principal.HasClaim(c => c.Type == Audit.PactwerkClaims.TokenId), scope.ReadOnly, roles));
    }

    /// <summary>Role assignments as shown to people; filter on the assignment, before the projection.</summary>
    public static IQueryable<RoleDto> RolesQuery(PactwerkDb db, System.Linq.Expressions.Expression<Func<RoleAssignment, bool>> filter) =>
        db.RoleAssignments.Where(filter).OrderBy(r => r.Id).Select(r => new RoleDto(r.Id, r.Kind.ToString(),
            db.Pacts.Where(p => p.Id == r.PactId).Select(p => p.Code).FirstOrDefault(),
            db.Regions.Where(g => g.Id == r.RegionId).Select(g => g.Code).FirstOrDefault(),
            db.Organisations.Where(o => o.Id == r.OrganisationId).Select(o => o.Name).FirstOrDefault(),
            r.ValidFrom, r.ValidTo));

    private static async Task<Ok<List<TokenDto>>> GetTokens(ClaimsPrincipal principal, PactwerkDb db, CancellationToken ct)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        var tokens = await db.ApiTokens.Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(tokens.Select(ToDto).ToList());
    }

    /// <summary>Creates a personal API token. The secret is in this response only; store it now.</summary>
    private static async Task<Results<Created<CreatedTokenDto>, ValidationProblem>> CreateToken(
        TokenRequest request, ClaimsPrincipal principal, AccountService accounts, CancellationToken ct)
    {
        switch (await accounts.CreateTokenAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, request, ct))
        {
            case AccountOutcome<CreatedToken>.Done done:
                return TypedResults.Created($"/api/v1/me/tokens/{done.Value.Token.Id}",
                    new CreatedTokenDto(ToDto(done.Value.Token), done.Value.Secret, "Bewaar dit token nu: het wordt niet nog eens getoond."));
            case AccountOutcome<CreatedToken>.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "Het token is niet gemaakt");
            default:
                throw new InvalidOperationException();
        }
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeToken(int id, ClaimsPrincipal principal, AccountService accounts, CancellationToken ct) =>
        await accounts.RevokeTokenAsync(principal.FindFirstValue(ClaimTypes.NameIdentifier)!, id, ct)
            ? TypedResults.NoContent()
            : ApiProblems.NotFound($"Je hebt geen token met nummer {id}.");

    /// <summary>Invites a new user with one role; they choose their own password from the e-mailed link.</summary>
    private static async Task<Results<Created<InvitedDto>, ValidationProblem, ProblemHttpResult>> Invite(
        InvitationRequest request, AccountService accounts, HttpContext context, CancellationToken ct)
    {
        switch (await accounts.InviteAsync(request, SetPasswordUrl(context), ct))
        {
            case AccountOutcome<PactwerkUser>.Done done:
                return TypedResults.Created($"/api/v1/users/{done.Value.Id}", new InvitedDto(done.Value.Id, done.Value.Email!, done.Value.DisplayName));
            case AccountOutcome<PactwerkUser>.Invalid invalid:
                return TypedResults.ValidationProblem(invalid.Errors, title: "De uitnodiging is niet verstuurd");
            case AccountOutcome<PactwerkUser>.Forbidden forbidden:
                return ApiProblems.Forbidden(forbidden.Reason);
            default:
                throw new InvalidOperationException();
        }
    }

    /// <summary>
    /// Links in e-mail use the configured public address, so a forged Host header cannot redirect
    /// them; only Development and Testing (where it is not required) fall back to the request.
    /// </summary>
    public static string SetPasswordUrl(HttpContext context)
    {
        var configured = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Pactwerk.Web.Shared.HostingOptions>>().Value.PublicBaseUrl;
        var root = string.IsNullOrWhiteSpace(configured) ? $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}" : configured.TrimEnd('/');
        return root + SetPasswordPath;
    }

    public const string SetPasswordPath = "/wachtwoord-instellen";

    private static TokenDto ToDto(ApiToken t) => new(t.Id, t.Name, t.Prefix, t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.ReadOnly, t.ScopeIds);
}
