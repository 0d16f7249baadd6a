using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pactwerk.Web.Data;

/// <summary>Ready only when the database holds every migration of this build: an instance on an older schema would fail on the first write.</summary>
public sealed class MigrationsHealthCheck(PactwerkDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        return pending.Count == 0
            ? HealthCheckResult.Healthy("every migration applied")
            : HealthCheckResult.Unhealthy($"{pending.Count} migration(s) not applied, the first {pending[0]}");
    }
}
