using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Pactwerk.Tests.Infrastructure;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// The README's local cluster, as a user starts it: <c>./cluster.sh 2</c> gives a PostgreSQL, two
/// instances and nginx in front; through the proxy a sign-in made on one instance holds on the other,
/// both instances answer, one can die under load without a GET being lost, and <c>./cluster.sh stop</c>
/// ends it all. One cluster serves the steps in order (starting one takes most of the time); each step
/// also holds when run alone.
/// </summary>
[TestCaseOrderer("Pactwerk.Tests.Platform.StepOrderer", "Pactwerk.Tests")]
public sealed partial class ClusterScriptTests(ClusterScriptTests.RunningCluster cluster, ITestOutputHelper output) : IClassFixture<ClusterScriptTests.RunningCluster>
{
    /// <summary><c>./cluster.sh 2</c> in a folder and on ports of its own, started once for the class and stopped after it if a step did not.</summary>
    public sealed class RunningCluster : IAsyncLifetime
    {
        public string Root { get; } = FindRoot();
        public string Dir { get; } = Path.Combine(Path.GetTempPath(), "pactwerk-cluster-" + Guid.NewGuid().ToString("N")[..8]);
        public int Port { get; } = FreePort();
        public int Code { get; private set; }
        public string Output { get; private set; } = "";

        public string Instance(int i) => $"127.0.0.1:{Port + i}";

        public async Task InitializeAsync() => (Code, Output) = await RunAsync("2");

        public async Task DisposeAsync()
        {
            if (Directory.Exists(Dir))
                await RunAsync("stop");
        }

        public async Task<(int Code, string Output)> RunAsync(string argument)
        {
            var start = new ProcessStartInfo(Path.Combine(Root, "cluster.sh"), argument)
            {
                WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true,
                Environment =
                {
                    ["PACTWERK_CLUSTER_DIR"] = Dir, ["PACTWERK_CLUSTER_PORT"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
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

        private static string FindRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "cluster.sh")))
                    return dir.FullName;
            throw new InvalidOperationException("cluster.sh not found above the test's folder.");
        }

        private static int FreePort()
        {
            // Three ports in a row, the proxy's and one per instance, and the instances' mail sinks 100 above them.
            for (var attempt = 0; attempt < 50; attempt++)
            {
                var port = Random.Shared.Next(30000, 60000);
                if (Enumerable.Range(port, 3).Concat(Enumerable.Range(port + 101, 2)).All(p =>
                    {
                        try { using var l = new TcpListener(IPAddress.Loopback, p); l.Start(); return true; }
                        catch (SocketException) { return false; }
                    }))
                    return port;
            }
            throw new InvalidOperationException("No free ports for the proxy, the instances and their mail sinks.");
        }
    }

    private HttpClient SiteClient(out CookieContainer cookies)
    {
        Assert.True(cluster.Code == 0, cluster.Output);
        Assert.Contains($"Pactwerk on http://127.0.0.1:{cluster.Port}", cluster.Output);
        cookies = new CookieContainer();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = new Uri($"http://127.0.0.1:{cluster.Port}") };
    }

    /// <summary>The form's token comes from one instance and the sign-in goes to the other (round robin): one key ring.</summary>
    private static async Task SignInAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/inloggen");
        var signIn = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = "coordinator@techniekpact.demo", ["Password"] = Session.DemoPassword, ["__RequestVerificationToken"] = Session.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact, Step(1)]
    public async Task Both_instances_answer_through_nginx_and_a_sign_in_made_on_one_holds_on_the_other()
    {
        using var client = SiteClient(out _);

        // Round robin: both instances answer.
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            var response = await client.GetAsync("/");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            upstreams.Add(response.Headers.GetValues("X-Pactwerk-Upstream").Single());
        }
        Assert.Equal([cluster.Instance(1), cluster.Instance(2)], upstreams.Order().ToArray());

        await SignInAsync(client);
        for (var i = 0; i < 4; i++)
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account")).StatusCode);
    }

    /// <summary>
    /// Issue 21: stopping an instance during a load run against the proxy loses only the requests in flight,
    /// and nginx's retries of idempotent GETs (proxy_next_upstream) make even those succeed. Sixteen clients
    /// read monitor pages through the proxy; halfway instance 1 is killed (SIGKILL, by the id the script wrote down).
    /// </summary>
    [Fact, Step(2)]
    public async Task Instance_1_killed_under_load_loses_no_GET_and_the_session_holds_on_instance_2()
    {
        using var client = SiteClient(out _);
        await SignInAsync(client);
        using var readers = new HttpClient { BaseAddress = client.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        string[] pages = ["/pact/techniekpact/monitor", "/monitor/indicatoren/hbo-aandeel-techniek"];
        // Each instance makes each page once first: a cold instance (a Debug build on a busy machine) may
        // otherwise not finish its first answers before the kill, and the run would not show both answering.
        foreach (var instance in new[] { cluster.Instance(1), cluster.Instance(2) })
            foreach (var page in pages)
                Assert.Equal(HttpStatusCode.OK, (await readers.GetAsync($"http://{instance}{page}")).StatusCode);
        var answers = new ConcurrentBag<(double Start, double End, HttpStatusCode Status, string Upstream)>();
        var failures = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource();

        var load = Enumerable.Range(0, 16).Select(c => Task.Run(async () =>
        {
            for (var n = c; !stop.IsCancellationRequested; n++)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                try
                {
                    using var response = await readers.GetAsync(pages[n % pages.Length]);
                    await response.Content.ReadAsByteArrayAsync(); // the whole page, so a cut-off answer counts as lost
                    answers.Add((start, clock.Elapsed.TotalMilliseconds, response.StatusCode,
                        response.Headers.TryGetValues("X-Pactwerk-Upstream", out var u) ? u.Single() : ""));
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    failures.Add($"{start:0} ms: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToArray();

        // At least 3 s of load, and both instances answering under it, before the kill.
        await Task.Delay(TimeSpan.FromSeconds(3));
        while (clock.Elapsed < TimeSpan.FromSeconds(30)
               && answers.Select(a => Last(a.Upstream)).Distinct().Count(u => u == cluster.Instance(1) || u == cluster.Instance(2)) < 2)
            await Task.Delay(100);
        var pid = int.Parse(await File.ReadAllTextAsync(Path.Combine(cluster.Dir, "instance-1.pid")), System.Globalization.CultureInfo.InvariantCulture);
        var killing = clock.Elapsed.TotalMilliseconds;
        using (var first = Process.GetProcessById(pid))
            first.Kill();
        // Dead, or a zombie that nobody reaps (its parent, the script, is gone): either way it serves nothing.
        var gone = Stopwatch.StartNew();
        while (!Dead(pid) && gone.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(20);
        var killed = clock.Elapsed.TotalMilliseconds;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        output.WriteLine($"{answers.Count} answers, {failures.Count} failures; killed at {killing:0} ms, gone at {killed:0} ms; "
            + $"{answers.Count(a => a.Upstream.Contains(','))} retried by nginx; {answers.Count(a => a.Start > killed)} after the kill");
        Assert.True(Dead(pid), $"instance 1 (pid {pid}) still runs after the kill");
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => readers.GetAsync($"http://{cluster.Instance(1)}/health/live"));
        Assert.Empty(failures);
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Status));
        // nginx names every instance it tried; the last one answered.
        var before = answers.Where(a => a.End < killing).Select(a => Last(a.Upstream)).ToHashSet();
        var after = answers.Where(a => a.Start > killed).Select(a => Last(a.Upstream)).ToList();
        Assert.Equal([cluster.Instance(1), cluster.Instance(2)], before.Order().ToArray());
        Assert.True(after.Count >= 20, $"only {after.Count} requests after the kill");
        Assert.All(after, u => Assert.Equal(cluster.Instance(2), u));
        // The proxy noticed the death: a request sent to instance 1 after it died was retried on instance 2.
        Assert.Contains(answers, a => a.Upstream == $"{cluster.Instance(1)}, {cluster.Instance(2)}");

        for (var i = 0; i < 4; i++)
        {
            var response = await client.GetAsync("/account");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(cluster.Instance(2), Last(response.Headers.GetValues("X-Pactwerk-Upstream").Single()));
        }
    }

    [Fact, Step(3)]
    public async Task The_stop_ends_the_cluster_and_removes_its_folder()
    {
        using var client = SiteClient(out _);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        var (stopped, stopOutput) = await cluster.RunAsync("stop");
        Assert.True(stopped == 0, stopOutput);
        Assert.False(Directory.Exists(cluster.Dir));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => client.GetAsync("/"));
    }

    private static bool Dead(int pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (name) state …"; Z is a zombie.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static string Last(string upstream) => UpstreamRegex().Match(upstream).Value;

    /// <summary>The last upstream nginx tried (after a dead one it names both, the dead one first).</summary>
    [GeneratedRegex(@"127\.0\.0\.1:\d+$")]
    private static partial Regex UpstreamRegex();
}

/// <summary>The step a test is in a class whose tests share state in order (xUnit runs a class's tests one at a time).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StepAttribute(int number) : Attribute
{
    public int Number { get; } = number;
}

/// <summary>Orders a class's tests by their <see cref="StepAttribute"/>; tests without one come last, by name.</summary>
public sealed class StepOrderer : ITestCaseOrderer
{
    public IEnumerable<TTestCase> OrderTestCases<TTestCase>(IEnumerable<TTestCase> testCases) where TTestCase : ITestCase =>
        testCases.OrderBy(t => t.TestMethod.Method.GetCustomAttributes(typeof(StepAttribute).AssemblyQualifiedName).FirstOrDefault()
                ?.GetConstructorArguments().Cast<int>().Single() ?? int.MaxValue)
            .ThenBy(t => t.TestMethod.Method.Name, StringComparer.Ordinal);
}
