using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// Issue 21 item 4: the Prometheus scrape at /metrics over a real socket (Kestrel on loopback, so the remote
/// address is real): the framework's, the runtime's and Pactwerk's own metrics, and a 404 for a network that
/// is not allowed. Other test classes run in the same process and their requests count too, so the cache's
/// counters are checked to have grown by at least what this test did.
/// </summary>
public sealed partial class TelemetryTests
{
    private static async Task<(SqliteFactory App, HttpClient Http)> StartAsync(params (string Key, string Value)[] settings)
    {
        var app = new SqliteFactory();
        // Its own first start: the metrics read below include the demo's imports, which a template copy skips.
        app.FreshDatabase();
        foreach (var (key, value) in settings)
            app.With(key, value);
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("localhost", "127.0.0.1").Replace("[::1]", "127.0.0.1");
        await Task.CompletedTask;
        return (app, new HttpClient { BaseAddress = new Uri(address) });
    }

    private static double Sum(string scrape, string metric) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == metric)
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{[^}]*\})? (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();

    [Fact]
    public async Task Loopback_reads_the_frameworks_the_runtimes_and_Pactwerks_own_metrics()
    {
        var (app, http) = await StartAsync();
        await using (app)
        using (http)
        {
            var before = await http.GetStringAsync("/metrics");
            // Twice the same anonymous monitor page: the first is made, the second comes from the output cache.
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/pact/techniekpact/monitor?telemetrie=1")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/pact/techniekpact/monitor?telemetrie=1")).StatusCode);
            // The framework records a request's duration after its response has gone out: wait for it. On the busy CI machine
            // (2 cores, every test host at once) 5 s was once not enough, so up to 30 s; a quiet machine waits a few ms.
            var after = await http.GetStringAsync("/metrics");
            for (var i = 0; i < 300 && Sum(after, "http_server_request_duration_seconds_count") < 2; i++)
            {
                await Task.Delay(100);
                after = await http.GetStringAsync("/metrics");
            }

            Assert.True(Sum(after, "pactwerk_monitor_cache_hits_total") >= Sum(before, "pactwerk_monitor_cache_hits_total") + 1, after);
            Assert.True(Sum(after, "pactwerk_monitor_cache_misses_total") >= Sum(before, "pactwerk_monitor_cache_misses_total") + 1, after);
            // The engine read everything at start; the demo's imports went through the import service.
            Assert.True(Sum(after, "pactwerk_monitor_engine_load_duration_seconds_count") >= 1, after);
            Assert.True(Sum(after, "pactwerk_monitor_import_duration_seconds_count") >= 1, after);
            Assert.Contains("pactwerk_queue_length{", after);
            Assert.Contains("queue=\"voucher-mail\"", after);
            Assert.True(Sum(after, "http_server_request_duration_seconds_count") >= 2, after);
            Assert.Contains("\ndotnet_", after);
            Assert.Contains("service_name=\"pactwerk\"", after);
        }
    }

    [Fact]
    public async Task A_network_that_is_not_allowed_gets_a_404()
    {
        var (app, http) = await StartAsync(("Telemetry:MetricsAllowedNetworks:0", "192.0.2.0/24"));
        await using (app)
        using (http)
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/metrics")).StatusCode);
    }
}
