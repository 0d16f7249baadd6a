using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

/// <summary>
/// Issue 21's speed check: the README's local cluster (<c>./cluster.sh N</c>: PostgreSQL, N Release
/// instances, nginx in front) started in a folder and on ports of its own. The same monitor pages are
/// loaded with wrk through the proxy and, as the comparator in the same run, directly against instance 1,
/// so the proxy's cost shows as a ratio. With two instances it then imports through instance 1 and
/// polls instance 2 until the new figure is there: the cross-instance visibility (goal: under 1 s).
/// The cluster is stopped at the end, also when something failed or the run was interrupted.
/// </summary>
internal static partial class ClusterBench
{
    /// <summary>Public pages (served from the output cache) and one that is made anew for each request (a signed-in reader).</summary>
    private static readonly (string Path, bool SignedIn)[] Pages =
    [
        ("/pact/techniekpact/monitor", false),
        ("/monitor/indicatoren/hbo-aandeel-techniek", false),
        ("/monitor/indicatoren/hbo-aandeel-techniek", true),
    ];

    private const string Reader = "lid@pactwerk.demo";
    private const string Coordinator = "coordinator@techniekpact.demo";

    public static async Task<int> MainAsync(string[] args, string repository)
    {
        int instances = 0, seconds = 10, connections = 32, port = 5180, repeats = 10;
        for (var i = 0; i < args.Length; i++)
        {
            var ok = i + 1 < args.Length;
            switch (args[i])
            {
                case "--instances" when ok && args[i + 1] is "1" or "2": instances = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds" when ok && int.TryParse(args[i + 1], out var s) && s > 0: seconds = s; i++; break;
                case "--connections" when ok && int.TryParse(args[i + 1], out var c) && c > 0: connections = c; i++; break;
                case "--port" when ok && int.TryParse(args[i + 1], out var p) && p is > 1024 and < 65000: port = p; i++; break;
                case "--repeats" when ok && int.TryParse(args[i + 1], out var r) && r > 0: repeats = r; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or malformed argument '{args[i]}': cluster --instances 1|2 [--seconds 10] [--connections 32] [--port 5180] [--repeats 10]");
                    return 2;
            }
        }
        if (instances == 0)
        {
            Console.Error.WriteLine("cluster --instances 1|2 [--seconds 10] [--connections 32] [--port 5180] [--repeats 10]");
            return 2;
        }
        var wrk = LoadBench.FindOnPath("wrk");
        if (wrk is null)
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk");
            return 2;
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

        // A folder that does not exist yet (cluster.sh refuses one that does), outside the repository's .cluster/.
        var cluster = new Cluster(repository, Path.Combine(Path.GetTempPath(), "pactwerk-cluster-bench-" + Guid.NewGuid().ToString("N")[..8]), port);
        using var interrupted = new CancellationTokenSource();
        // Ctrl+C (SIGINT), SIGTERM and SIGHUP would end the process without its finally blocks and leave the
        // cluster running: they end the run between steps instead, and the finally below stops the cluster.
        using var signals = new DisposableList(
            [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, context =>
            {
                context.Cancel = true;
                interrupted.Cancel();
            }))]);
        try
        {
            return await RunAsync(cluster, instances, seconds, connections, repeats, wrk, interrupted.Token);
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("interrupted");
            return 1;
        }
        finally
        {
            await cluster.StopAsync();
        }
    }

    private static async Task<int> RunAsync(Cluster cluster, int instances, int seconds, int connections, int repeats, string wrk, CancellationToken ct)
    {
        var loadAtStart = LoadAverage();
        var clock = Stopwatch.StartNew();
        var (started, output) = await cluster.StartAsync(instances, ct);
        if (!started)
        {
            Console.Error.WriteLine(output);
            Console.Error.WriteLine($"./cluster.sh {instances} failed");
            return 1;
        }
        Console.WriteLine($"./cluster.sh {instances} (Release, PostgreSQL, nginx on {cluster.Proxy}) ready after {clock.Elapsed.TotalSeconds:0} s; load {loadAtStart}");
        var direct = cluster.Instance(1);
        var errors = 0L;

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        // The reader's session, signed in through the proxy: the key ring is shared, so the same cookie holds on every instance.
        var cookie = await LoadBench.SignInAsync(cluster.Proxy, Reader);

        // Round robin: with two instances both must answer through the proxy, or the run measures one instance twice.
        var upstreams = new SortedSet<string>();
        for (var i = 0; i < 2 * instances; i++)
        {
            using var answer = await http.GetAsync(cluster.Proxy + Pages[0].Path, ct);
            upstreams.Add(LastUpstream(answer));
        }
        Console.WriteLine($"answering through the proxy: {string.Join(", ", upstreams)}; direct comparator: {direct}");
        if (upstreams.Count != instances)
        {
            Console.Error.WriteLine($"expected {instances} instance(s) to answer through the proxy");
            return 1;
        }

        // Every page is checked and warmed up on both routes before anything is measured: the first page measured
        // through the proxy right after the start was still slowed by JIT and cold caches, which the direct run after it no longer was.
        var measured = new List<(string Path, bool SignedIn)>();
        foreach (var (path, signedIn) in Pages)
        {
            ct.ThrowIfCancellationRequested();
            var session = signedIn ? cookie : null;
            if ((await CheckAsync(http, cluster.Proxy + path, session, signedIn, ct) ?? await CheckAsync(http, direct + path, session, signedIn, ct)) is { } refused)
            {
                Console.WriteLine($"{(signedIn ? "[signed in] " : "") + path}: {refused}: not measured");
                errors++;
                continue;
            }
            await LoadBench.RunWrkAsync(wrk, cluster.Proxy + path, 3, connections, session);
            await LoadBench.RunWrkAsync(wrk, direct + path, 3, connections, session);
            measured.Add((path, signedIn));
        }

        Console.WriteLine($"wrk {connections} connections, 2 threads, {seconds} s per page and route, after a 3 s warm-up of every page on both routes");
        Console.WriteLine($"{"page",-56}{"proxy req/s",12}{"p99 ms",9}{"direct req/s",13}{"p99 ms",9}{"ratio",8}{"errors",8}");
        var summary = new List<string>();
        foreach (var (path, signedIn) in measured)
        {
            ct.ThrowIfCancellationRequested();
            var session = signedIn ? cookie : null;
            var label = (signedIn ? "[signed in] " : "") + path;
            // A second's pause before each run: the server finishes what the last run's connections left behind.
            await Task.Delay(1000, ct);
            var proxied = await LoadBench.RunWrkAsync(wrk, cluster.Proxy + path, seconds, connections, session);
            await Task.Delay(1000, ct);
            var alone = await LoadBench.RunWrkAsync(wrk, direct + path, seconds, connections, session);
            var ratio = proxied.RequestsPerSecond / alone.RequestsPerSecond;
            errors += proxied.Errors + alone.Errors;
            Console.WriteLine(FormattableString.Invariant(
                $"{label,-56}{proxied.RequestsPerSecond,12:0}{proxied.P99Ms,9:0.00}{alone.RequestsPerSecond,13:0}{alone.P99Ms,9:0.00}{ratio,8:0.00}{proxied.Errors + alone.Errors,8}"));
            // Errors are non-2xx answers and socket errors; say how many were wrk's own 2 s time-out (a slow answer, not a lost one).
            if (proxied.Errors + alone.Errors > 0)
                Console.WriteLine($"{"",-56}errors: proxy {proxied.Errors} ({proxied.Timeouts} wrk time-outs), direct {alone.Errors} ({alone.Timeouts} wrk time-outs)");
            summary.Add(FormattableString.Invariant(
                $"cluster: instances={instances} page={path} signed_in={(signedIn ? "true" : "false")} proxy_rps={proxied.RequestsPerSecond:0} proxy_p99_ms={proxied.P99Ms:0.00} direct_rps={alone.RequestsPerSecond:0} direct_p99_ms={alone.P99Ms:0.00} ratio={ratio:0.00}"));
        }
        Console.WriteLine("ratio: requests/s through the proxy against requests/s directly at instance 1, in the same run");

        string visibleMedian = "n/a", visibleMax = "n/a", importMedian = "n/a";
        var goal = "not applicable with one instance";
        if (instances > 1)
        {
            ct.ThrowIfCancellationRequested();
            var (visible, imports, failures) = await VisibilityAsync(direct, cluster.Instance(2), repeats, ct);
            errors += failures;
            if (visible.Count > 0)
            {
                visibleMedian = Median(visible).ToString("0", CultureInfo.InvariantCulture);
                visibleMax = visible.Max().ToString("0", CultureInfo.InvariantCulture);
                importMedian = Median(imports).ToString("0", CultureInfo.InvariantCulture);
                goal = failures == 0 && visible.Max() < 1000 ? "met" : "NOT met";
            }
            else
                goal = "NOT met (nothing became visible)";
            Console.WriteLine(FormattableString.Invariant(
                $"import through instance 1, visible on instance 2 (ms after the import's answer; {visible.Count} of {repeats}): {string.Join(" ", visible.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}"));
            Console.WriteLine($"the imports themselves (ms, request to answer): {string.Join(" ", imports.Select(v => v.ToString("0", CultureInfo.InvariantCulture)))}");
        }
        Console.WriteLine($"cross-instance visibility under 1 s: {goal}; load {LoadAverage()} at the end");
        foreach (var line in summary)
            Console.WriteLine(line);
        Console.WriteLine(FormattableString.Invariant(
            $"cluster: instances={instances} visible_median_ms={visibleMedian} visible_max_ms={visibleMax} import_median_ms={importMedian} errors={errors}"));
        return errors == 0 && (goal is "met" or "not applicable with one instance") ? 0 : 1;
    }

    /// <summary>Why a page cannot be measured (not 200, or a signed-in page that could come from a cache), or null.</summary>
    private static async Task<string?> CheckAsync(HttpClient http, string url, string? cookie, bool signedIn, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (cookie is not null)
            request.Headers.Add("Cookie", cookie);
        using var answer = await http.SendAsync(request, ct);
        if (answer.StatusCode != HttpStatusCode.OK)
            return $"{url} answered {(int)answer.StatusCode}";
        if (signedIn && answer.Headers.CacheControl?.Private != true && answer.Headers.CacheControl?.NoStore != true)
            return $"{url} answered a signed-in reader with Cache-Control '{answer.Headers.CacheControl}'";
        return null;
    }

    /// <summary>
    /// Imports a one-row file through instance 1's API (an API token of the demo coordinator) and polls
    /// instance 2's values API, whose answer it first put in instance 2's output cache, until the new
    /// figure is there. Each round imports another figure for the same year, so each is a new release that
    /// supersedes the last. Times are from the import's answer (the commit is done) to the first answer on
    /// instance 2 that has the figure, polled every 5 ms, at most 10 s.
    /// </summary>
    private static async Task<(List<double> Visible, List<double> Imports, int Failures)> VisibilityAsync(string first, string second, int repeats, CancellationToken ct)
    {
        var importer = await TokenClientAsync(first, ct);
        using var reader = new HttpClient { BaseAddress = new Uri(second), Timeout = TimeSpan.FromSeconds(10) };
        // The year after this one: a period the demo has no data for, and the last one the import accepts as plausible.
        var year = (DateTime.UtcNow.Year + 1).ToString(CultureInfo.InvariantCulture);
        var values = $"/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0193&period={year}";
        const string header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;";
        const string row = "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Benchhogeschool;techniek;n.v.t. (techniek);99999;B Clusteren;voltijd onderwijs;vrouw;";
        var visible = new List<double>();
        var imports = new List<double>();
        var failures = 0;
        for (var round = 1; round <= repeats; round++)
        {
            ct.ThrowIfCancellationRequested();
            var figure = 1000 + round;
            if (await ValueAsync(reader, values, ct) == figure)
                throw new InvalidOperationException($"instance 2 shows {figure} before it was imported");
            var file = Encoding.UTF8.GetBytes(header + year + "\r\n" + row + figure.ToString(CultureInfo.InvariantCulture) + "\r\n");
            using var form = new MultipartFormDataContent
            {
                { new ByteArrayContent(file), "file", $"cluster-bench-{round}.csv" }, { new StringContent("duo-hbo-ingeschrevenen"), "profile" },
            };
            var clock = Stopwatch.StartNew();
            using var imported = await importer.PostAsync("/api/v1/imports", form, ct);
            imports.Add(clock.Elapsed.TotalMilliseconds);
            if (imported.StatusCode != HttpStatusCode.OK)
            {
                Console.WriteLine($"round {round}: the import answered {(int)imported.StatusCode}: {await imported.Content.ReadAsStringAsync(ct)}");
                failures++;
                continue;
            }
            clock.Restart();
            while (await ValueAsync(reader, values, ct) != figure && clock.Elapsed < TimeSpan.FromSeconds(10))
                await Task.Delay(5, ct);
            if (clock.Elapsed >= TimeSpan.FromSeconds(10))
            {
                Console.WriteLine($"round {round}: instance 2 did not show {figure} within 10 s");
                failures++;
                continue;
            }
            visible.Add(clock.Elapsed.TotalMilliseconds);
        }
        return (visible, imports, failures);
    }

    /// <summary>The demo coordinator signed in at <paramref name="baseUrl"/>, with a personal API token made through the API as a pipeline would.</summary>
    private static async Task<HttpClient> TokenClientAsync(string baseUrl, CancellationToken ct)
    {
        using var signIn = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await signIn.GetStringAsync("/inloggen", ct);
        using var posted = await signIn.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Coordinator, ["Password"] = "pactwerk-demo-2026", ["__RequestVerificationToken"] = Antiforgery(form),
        }), ct);
        if (posted.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"signing in as {Coordinator} answered {(int)posted.StatusCode}");
        // An API write with the session cookie carries the page's antiforgery token (WriteGuards).
        signIn.DefaultRequestHeaders.Add("RequestVerificationToken", Antiforgery(await signIn.GetStringAsync("/account", ct)));
        using var created = await signIn.PostAsJsonAsync("/api/v1/me/tokens", new { name = "cluster-bench", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(2)) }, ct);
        if (created.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"making an API token answered {(int)created.StatusCode}: {await created.Content.ReadAsStringAsync(ct)}");
        var secret = (await created.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("secret").GetString();
        var client = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private static async Task<double?> ValueAsync(HttpClient reader, string url, CancellationToken ct)
    {
        var rows = await reader.GetFromJsonAsync<JsonElement>(url, ct);
        return rows.ValueKind == JsonValueKind.Array && rows.GetArrayLength() > 0 && rows[0].GetProperty("value") is { ValueKind: JsonValueKind.Number } v
            ? v.GetDouble() : null;
    }

    private static string Antiforgery(string html) =>
        WebUtility.HtmlDecode(AntiforgeryField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token on the page"));

    /// <summary>nginx names every instance it tried, the one that answered last.</summary>
    private static string LastUpstream(HttpResponseMessage answer) =>
        answer.Headers.TryGetValues("X-Pactwerk-Upstream", out var values) ? values.Single().Split(',')[^1].Trim() : "(no X-Pactwerk-Upstream header)";

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    private sealed class DisposableList(IReadOnlyList<IDisposable> items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
                item.Dispose();
        }
    }

    /// <summary>The README's cluster script, run with a folder and ports of the bench's own.</summary>
    private sealed class Cluster(string repository, string dir, int port)
    {
        public string Proxy { get; } = $"http://127.0.0.1:{port}";

        public string Instance(int i) => $"http://127.0.0.1:{port + i}";

        public async Task<(bool Started, string Output)> StartAsync(int instances, CancellationToken ct)
        {
            var (code, output) = await RunAsync(instances.ToString(CultureInfo.InvariantCulture), ct);
            return (code == 0, output);
        }

        /// <summary>Stops what the start started; also after a start that failed half-way (the script leaves what it had started).</summary>
        public async Task StopAsync()
        {
            if (!Directory.Exists(dir))
                return;
            var (code, output) = await RunAsync("stop", CancellationToken.None);
            if (code != 0)
                Console.Error.WriteLine($"./cluster.sh stop failed ({code}): {output}");
        }

        private async Task<(int Code, string Output)> RunAsync(string argument, CancellationToken ct)
        {
            var start = new ProcessStartInfo(Path.Combine(repository, "cluster.sh"), argument)
            {
                WorkingDirectory = repository, RedirectStandardOutput = true, RedirectStandardError = true,
                Environment =
                {
                    ["PACTWERK_CLUSTER_DIR"] = dir, ["PACTWERK_CLUSTER_PORT"] = port.ToString(CultureInfo.InvariantCulture), ["PACTWERK_CLUSTER_BUILD"] = "Release",
                },
            };
            // `dotnet run -c Release` of the bench has just built the web project's Release output (a project
            // reference); building it again inside the run would only cost time. Without that output the script builds.
            if (File.Exists(Path.Combine(repository, "src", "Pactwerk.Web", "bin", "Release", "net10.0", "Pactwerk.Web.dll")))
                start.Environment["PACTWERK_CLUSTER_NO_BUILD"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(ct);
            }
            catch (OperationCanceledException)
            {
                // An interrupted start: let it finish (it stops on its own within its time-outs) so the stop finds everything it started.
                await process.WaitForExitAsync(CancellationToken.None);
                throw;
            }
            return (process.ExitCode, await output + await error);
        }
    }
}
