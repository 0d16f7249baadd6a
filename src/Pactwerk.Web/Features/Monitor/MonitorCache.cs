using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// Output caching of the public monitor: pages, downloads, embeds, the values API and the map
/// geometry. Only anonymous requests are cached or served from the cache (the framework's default
/// policy refuses signed-in users, who may see small cells); entries vary by the whole query and
/// by the culture (query or cookie), and carry the tag "monitor", which <see cref="MonitorCacheEviction"/>
/// evicts whenever a committed write changes what the monitor shows.
/// </summary>
public static class MonitorCache
{
    public const string Policy = "monitor";
    public const string Tag = "monitor";

    public static IServiceCollection AddMonitorCache(this IServiceCollection services)
    {
        services.AddOutputCache(o => o.AddPolicy(Policy, b => b
            .AddPolicy<CountingPolicy>()
            .SetVaryByQuery("*")
            // Runs after request localisation, so the cookie's choice is the current culture here.
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
            .Expire(TimeSpan.FromMinutes(30))
            .Tag(Tag)));
        // What the monitor's pages look up, held in memory and evicted with the cache (one place for both).
        services.AddSingleton<MonitorCatalogue>();
        // Every database context gets the registered interceptors (see DatabaseSetup).
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, MonitorCacheEviction>();
        // The same on every instance of one PostgreSQL database: each tells the others what it changed.
        services.AddSingleton<MonitorCluster>();
        services.AddHostedService(sp => sp.GetRequiredService<MonitorCluster>());
        return services;
    }
}

/// <summary>Counts the monitor cache's hits and misses for the telemetry (hit rate = hits / (hits + misses)); decides nothing.</summary>
internal sealed class CountingPolicy : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken ct) => ValueTask.CompletedTask;

    /// <summary>Called only when a fresh entry was found for a request that may use the cache.</summary>
    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken ct)
    {
        Web.Shared.PactwerkMetrics.CacheHits.Add(1);
        return ValueTask.CompletedTask;
    }

    /// <summary>Called when the page was made after all: a miss if the request could have used the cache (an anonymous reader).</summary>
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken ct)
    {
        if (context.AllowCacheLookup)
            Web.Shared.PactwerkMetrics.CacheMisses.Add(1);
        return ValueTask.CompletedTask;
    }
}
