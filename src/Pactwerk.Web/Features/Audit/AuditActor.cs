using System.Security.Claims;

namespace Pactwerk.Web.Features.Audit;

/// <summary>Who is making the change that is being saved.</summary>
public interface IAuditActor
{
    string? UserId { get; }
    string Name { get; }
}

/// <summary>The signed-in user (cookie or API token) of the current request, else the system.</summary>
public sealed class HttpAuditActor(IHttpContextAccessor http) : IAuditActor
{
    private ClaimsPrincipal? User => http.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;
    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string Name => User?.FindFirstValue(PactwerkClaims.DisplayName) ?? User?.Identity?.Name ?? SystemAuditActor.Instance.Name;
}

/// <summary>Someone named by the caller: the person a refusal is about, who may not be signed in.</summary>
public sealed record NamedAuditActor(string? UserId, string Name) : IAuditActor;

/// <summary>Start-up, the command line and design-time tools.</summary>
public sealed class SystemAuditActor : IAuditActor
{
    public static readonly SystemAuditActor Instance = new();
    public string? UserId => null;
    public string Name => "systeem";
}

public static class PactwerkClaims
{
    public const string DisplayName = "pactwerk:display-name";
    /// <summary>Set when the request is authenticated by an API token: the token's id.</summary>
    public const string TokenId = "pactwerk:token";
    /// <summary>Set for a read-only API token: no request of it may change anything.</summary>
    public const string ReadOnly = "pactwerk:read-only";
}
