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
            .SetVaryByQuery("*")
            // Runs after request localisation, so the cookie's choice is the current culture here.
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", CultureInfo.CurrentUICulture.Name))
            .Expire(TimeSpan.FromMinutes(30))
            .Tag(Tag)));
        // Every database context gets the registered interceptors (see DatabaseSetup).
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, MonitorCacheEviction>();
        return services;
    }
}
