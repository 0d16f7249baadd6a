using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// The README's local cluster, as a user starts it: <c>./cluster.sh 2</c> gives a PostgreSQL, two
/// instances and nginx in front; through the proxy a sign-in made on one instance holds on the other,
/// both instances answer, one can die without the site going down, and <c>./cluster.sh stop</c> ends it all.
/// </summary>
public sealed partial class ClusterScriptTests
{
    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "cluster.sh")))
                return dir.FullName;
        throw new InvalidOperationException("cluster.sh not found above the test's folder.");
    }

    private static int FreePort()
    {
        // Three ports in a row: the proxy's and one per instance.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(30000, 60000);
            if (Enumerable.Range(port, 3).All(p =>
                {
                    try { using var l = new TcpListener(IPAddress.Loopback, p); l.Start(); return true; }
                    catch (SocketException) { return false; }
                }))
                return port;
        }
        throw new InvalidOperationException("No three free ports in a row.");
    }

    private static async Task<(int Code, string Output)> RunAsync(string root, string dir, int port, string argument)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "cluster.sh"), argument)
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
            Environment =
            {
                ["PACTWERK_CLUSTER_DIR"] = dir, ["PACTWERK_CLUSTER_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                // The tests' own build of the app: building it again under a running test would change it under the others.
                ["PACTWERK_CLUSTER_BUILD"] = "Debug", ["PACTWERK_CLUSTER_NO_BUILD"] = "1",
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task Two_instances_behind_nginx_behave_as_one_site_and_stop_cleanly()
    {
        var root = Root();
        var dir = Path.Combine(Path.GetTempPath(), "pactwerk-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        try
        {
            var (code, output) = await RunAsync(root, dir, port, "2");
            Assert.True(code == 0, output);
            Assert.Contains($"Pactwerk on http://127.0.0.1:{port}", output);

            var site = new Uri($"http://127.0.0.1:{port}");
            using var handler = new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() };
            using var client = new HttpClient(handler) { BaseAddress = site };

            // Round robin: both instances answer.
            var upstreams = new HashSet<string>();
            for (var i = 0; i < 6; i++)
            {
                var response = await client.GetAsync("/");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                upstreams.Add(response.Headers.GetValues("X-Pactwerk-Upstream").Single());
            }
            Assert.Equal([$"127.0.0.1:{port + 1}", $"127.0.0.1:{port + 2}"], upstreams.Order().ToArray());

            // The form's token comes from one instance and the sign-in goes to the other: one key ring.
            var page = await client.GetStringAsync("/inloggen");
            var signIn = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = "coordinator@techniekpact.demo", ["Password"] = Session.DemoPassword, ["__RequestVerificationToken"] = Session.AntiforgeryToken(page),
            }));
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            for (var i = 0; i < 4; i++)
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);

            // Instance 1 dies: the proxy sends everything to instance 2, and the session holds there.
            var first = int.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "instance-1.pid")), System.Globalization.CultureInfo.InvariantCulture);
            Process.GetProcessById(first).Kill();
            await Process.GetProcessById(first).WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ContinueWith(_ => { });
            for (var i = 0; i < 4; i++)
            {
                var response = await client.GetAsync("/account");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal($"127.0.0.1:{port + 2}", UpstreamRegex().Match(response.Headers.GetValues("X-Pactwerk-Upstream").Single()).Value);
            }

            var (stopped, stopOutput) = await RunAsync(root, dir, port, "stop");
            Assert.True(stopped == 0, stopOutput);
            Assert.False(Directory.Exists(dir));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/"));
        }
        finally
        {
            if (Directory.Exists(dir))
                await RunAsync(root, dir, port, "stop");
        }
    }

    /// <summary>The last upstream nginx tried (after a dead one it names both, the dead one first).</summary>
    [GeneratedRegex(@"127\.0\.0\.1:\d+$")]
    private static partial Regex UpstreamRegex();
}
