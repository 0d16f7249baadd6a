using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Audit;

public sealed record AuditFilter(string? Person, string? EntityType, string? EntityId, string? Action, DateOnly? From, DateOnly? To);
public sealed record AuditPage(int Total, int Page, int PageSize, IReadOnlyList<AuditEntry> Items);

public static class AuditApi
{
    public const int MaxPageSize = 200;
    public const int MaxPage = 100_000;

    /// <summary>The audit trail can be read, never changed: there is no write route here, by design.</summary>
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", GetAudit).WithName("GetAudit").WithSummary("The audit log: who changed what, when, before and after (coordinators).").WithTags("Audit").RequireAuthorization(Policies.Coordinator);
        return api;
    }

    private static async Task<Results<Ok<AuditPage>, ValidationProblem>> GetAudit(PactwerkDb db, AccessScopeProvider scopes, string? person, string? entityType, string? entityId,
        string? action, DateOnly? from, DateOnly? to, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        if (page is < 1 or > MaxPage || pageSize is < 1 or > MaxPageSize)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pageSize"] = [$"page tussen 1 en {MaxPage}, pageSize tussen 1 en {MaxPageSize}."] });
        return TypedResults.Ok(await SearchAsync(db, await scopes.GetAsync(ct), new AuditFilter(person, entityType, entityId, action, from, to), page, pageSize, ct));
    }

    /// <summary>
    /// Administrators read every line; a coordinator the lines of their own pacts and the lines
    /// they caused themselves.
    /// </summary>
    public static async Task<AuditPage> SearchAsync(PactwerkDb db, AccessScope scope, AuditFilter filter, int page, int pageSize, CancellationToken ct)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (!scope.IsAdministrator)
        {
            var pacts = scope.Grants.Where(g => g.Kind == RoleKind.PactCoordinator && g.PactId is not null).Select(g => g.PactId!.Value).ToList();
            query = query.Where(a => (a.PactId != null && pacts.Contains(a.PactId.Value)) || a.UserId == scope.UserId);
        }
        if (!string.IsNullOrWhiteSpace(filter.Person))
            query = query.Where(a => a.UserId == filter.Person || a.Actor.Contains(filter.Person));
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
            query = query.Where(a => a.EntityType == filter.EntityType);
        if (!string.IsNullOrWhiteSpace(filter.EntityId))
            query = query.Where(a => a.EntityId == filter.EntityId);
        if (!string.IsNullOrWhiteSpace(filter.Action))
            query = query.Where(a => a.Action == filter.Action);
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(a => a.At < end);
        }
        var total = await query.CountAsync(ct);
        var items = await query.OrderByDescending(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        return new AuditPage(total, page, pageSize, items);
    }
}
