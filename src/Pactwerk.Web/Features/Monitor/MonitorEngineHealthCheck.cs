using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>Ready only once the engine has read the figures: before that every monitor page would answer without them.</summary>
public sealed class MonitorEngineHealthCheck(MonitorEngineHost host) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(host.Loaded ? HealthCheckResult.Healthy("figures loaded") : HealthCheckResult.Unhealthy("figures not loaded yet"));
}
