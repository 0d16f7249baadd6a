using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Knowledge;

public static class LearningNetworkAuditActions
{
    /// <summary>Someone who is not a member asked for a case (or the case list) of a learning network.</summary>
    [Audit.AuditAction] public const string CaseAccessRefused = "CaseAccessRefused";
    /// <summary>How many more refusals one person had in a window after the first ones that got a line each.</summary>
    [Audit.AuditAction] public const string CaseAccessRefusedMore = "CaseAccessRefusedMore";
    [Audit.AuditAction] public const string CaseAdded = "CaseAdded";
    [Audit.AuditAction] public const string CaseUpdated = "CaseUpdated";
}

/// <summary>
/// The confidentiality of learning-network cases, in one place for the API and the pages. Only the
/// network's members read its cases: not its pact's coordinators, not administrators. Whoever else
/// asks (for a case, guessed ids included, or the list) gets "not found", whether or not the case
/// exists, and the attempt is written to the audit trail, without any of the case's text.
/// </summary>
public sealed class LearningNetworkAccess(PactwerkDb db, AccessScopeProvider scopes, IHttpContextAccessor http, TimeProvider clock, CaseRefusalThrottle throttle)
{
    public async Task<AccessScope> ScopeAsync(CancellationToken ct) => await scopes.GetAsync(ct);

    public async Task<bool> IsMemberAsync(int networkId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return scope.UserId is { } user
            && await db.LearningNetworkMembers.AnyAsync(m => m.NetworkId == networkId && m.UserId == user, ct);
    }

    /// <summary>The network's page (members, sessions) is for its members and the coordinators who run it.</summary>
    public async Task<LearningNetwork?> VisibleNetworkAsync(int networkId, CancellationToken ct)
    {
        var network = await db.LearningNetworks.AsNoTracking().SingleOrDefaultAsync(n => n.Id == networkId, ct);
        if (network is null)
            return null;
        var scope = await scopes.GetAsync(ct);
        return scope.Coordinates(network.PactId) || await IsMemberAsync(networkId, ct) ? network : null;
    }

    /// <summary>The case, when the reader is a member of its network; else null, and the attempt logged.</summary>
    public async Task<LearningNetworkCase?> ReadCaseAsync(int networkId, int caseId, CancellationToken ct)
    {
        if (await IsMemberAsync(networkId, ct)
            && await db.LearningNetworkCases.AsNoTracking().SingleOrDefaultAsync(c => c.Id == caseId && c.NetworkId == networkId, ct) is { } found)
            return found;
        await RefuseAsync(networkId, caseId, ct);
        return null;
    }

    /// <summary>Members may go on; anyone else is logged and must be answered "not found".</summary>
    public async Task<bool> MayUseCasesAsync(int networkId, CancellationToken ct)
    {
        if (await IsMemberAsync(networkId, ct))
            return true;
        await RefuseAsync(networkId, null, ct);
        return false;
    }

    private async Task RefuseAsync(int networkId, int? caseId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var request = http.HttpContext?.Request;
        var name = scope.UserId is null ? "anoniem" : await db.Users.Where(u => u.Id == scope.UserId).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "?";
        var now = clock.GetUtcNow().UtcDateTime;
        var who = scope.UserId ?? "address:" + (http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "local");
        var (ownLine, ended) = throttle.Record(who, scope.UserId, name, networkId, now);
        CaseRefusalThrottle.Record(db, ended, now);
        // No pact on the line: the refusal is for administrators and the person refused, not for the network's coordinators.
        if (ownLine)
            db.RecordEvent(now, LearningNetworkAuditActions.CaseAccessRefused, nameof(LearningNetworkCase), caseId?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { network = networkId, @case = caseId, method = request?.Method, path = request?.Path.Value }, by: new NamedAuditActor(scope.UserId, name));
        await db.SaveChangesAsync(ct);
    }
}
