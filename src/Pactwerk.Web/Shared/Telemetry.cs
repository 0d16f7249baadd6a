using System.Diagnostics.Metrics;
using System.Net;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pactwerk.Web.Shared;

public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";
    /// <summary>The networks (CIDR) whose requests may read <c>/metrics</c>; everyone else gets a 404. Loopback when none are set.</summary>
    public List<string> MetricsAllowedNetworks { get; set; } = [];

    /// <summary>Empty by default and filled here: the configuration binder adds to a list, so a default in the list could never be taken away.</summary>
    internal IReadOnlyList<IPNetwork> AllowedNetworks() =>
        (MetricsAllowedNetworks.Count > 0 ? MetricsAllowedNetworks : ["127.0.0.0/8", "::1/128"]).Select(IPNetwork.Parse).ToList();
}

/// <summary>
/// A background queue whose length is worth watching (mail waiting to be sent): an area registers one, and
/// the gauge <c>pactwerk.queue.length</c> reports it with the queue's name, so no area touches the meter itself.
/// </summary>
public sealed record QueueLength(string Name, Func<long> Read);

/// <summary>
/// The instruments of Pactwerk's own work, beside what ASP.NET Core, EF Core, Npgsql and the runtime report:
/// how long an import and a reload of the monitor's engine take, and how often the public monitor is
/// answered from the output cache. Static, as the framework's own meters are: a measurement costs nothing
/// while nobody listens.
/// </summary>
public static class PactwerkMetrics
{
    public const string MeterName = "Pactwerk";
    private static readonly Meter Meter = new(MeterName);

    public static readonly Histogram<double> ImportDuration = Meter.CreateHistogram<double>("pactwerk.monitor.import.duration", "s", "How long an import of a data file took, from reading to commit.");
    public static readonly Histogram<double> EngineLoadDuration = Meter.CreateHistogram<double>("pactwerk.monitor.engine.load.duration", "s", "How long the monitor's engine took to read figures from the database (everything at start, or the elements an import changed).");
    public static readonly Counter<long> CacheHits = Meter.CreateCounter<long>("pactwerk.monitor.cache.hits", "{request}", "Anonymous requests for monitor pages and data answered from the output cache.");
    public static readonly Counter<long> CacheMisses = Meter.CreateCounter<long>("pactwerk.monitor.cache.misses", "{request}", "Anonymous requests for monitor pages and data that had to be made.");

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<IServiceProvider, IReadOnlyList<QueueLength>> Queues = new();

    /// <summary>One gauge over the queues of every app in the process (one in production; several in the tests, each until it stops).</summary>
    private static readonly ObservableGauge<long> QueueLengths = Meter.CreateObservableGauge("pactwerk.queue.length", Measure,
        "{item}", "Items waiting in a background queue.");

    /// <summary>
    /// The queues of every app still running. An app disposed without stopping (a test host whose start failed) leaves its
    /// queues here, and reading one then throws: one throw would lose the whole gauge for the scrape of every other app,
    /// so such an app's queues are left out and forgotten.
    /// </summary>
    private static List<Measurement<long>> Measure()
    {
        var measurements = new List<Measurement<long>>();
        foreach (var (services, queues) in Queues)
        {
            try
            {
                measurements.AddRange(queues.Select(q => new Measurement<long>(q.Read(), new KeyValuePair<string, object?>("queue", q.Name))).ToList());
            }
            catch (ObjectDisposedException)
            {
                Queues.TryRemove(services, out _);
            }
        }
        return measurements;
    }

    internal static void ObserveQueues(IServiceProvider services)
    {
        Queues[services] = services.GetServices<QueueLength>().ToList();
        services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => Queues.TryRemove(services, out _));
    }
}

/// <summary>
/// OpenTelemetry traces and metrics for ASP.NET Core, EF Core, Npgsql and the runtime, Pactwerk's own
/// metrics, a Prometheus scrape at <c>/metrics</c> for the networks of <see cref="TelemetryOptions"/> only,
/// and traces to an OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names one.
/// </summary>
public static class TelemetryModule
{
    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section);
        var otel = builder.Services.AddOpenTelemetry().ConfigureResource(r => r.AddService("pactwerk"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddMeter(PactwerkMetrics.MeterName)
                // Every scrape reads the figures of that moment (the exporter would otherwise answer from a copy up to 300 ms old).
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0))
            .WithTracing(t => Npgsql.TracerProviderBuilderExtensions.AddNpgsql(
                t.AddAspNetCoreInstrumentation(o => o.Filter = c => !c.Request.Path.StartsWithSegments("/metrics")).AddEntityFrameworkCoreInstrumentation()));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
            otel.UseOtlpExporter();
        return builder;
    }

    /// <summary>The scrape, answered before anything else of the site, and only to the allowed networks (others fall through to a 404).</summary>
    public static WebApplication UseTelemetry(this WebApplication app)
    {
        PactwerkMetrics.ObserveQueues(app.Services);
        var allowed = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TelemetryOptions>>().Value.AllowedNetworks();
        app.UseOpenTelemetryPrometheusScrapingEndpoint(c => c.Request.Path == "/metrics"
            && c.Connection.RemoteIpAddress is { } ip && allowed.Any(n => n.Contains(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip)));
        return app;
    }
}
