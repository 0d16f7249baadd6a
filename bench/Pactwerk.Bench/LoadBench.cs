using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

/// <summary>
/// The load benchmark: the Release build of Pactwerk runs as its own process on loopback (SQLite,
/// demo content, Production settings), and wrk (Debian's package) loads each page in turn. The
/// comparator in the same run is a static file served by the same process: the ceiling of this
/// server on this machine, so a page's ratio to it says what the page itself costs.
/// </summary>
internal static partial class LoadBench
{
    public static async Task<int> RunAsync(string[] paths, int seconds, int connections, string repository, string work, string? signedInAs = null)
    {
        var wrk = FindOnPath("wrk");
        if (wrk is null)
        {
            Console.Error.WriteLine("wrk is not installed: apt-get install -y wrk");
            return 2;
        }
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        using var server = StartServer(baseUrl, repository, "--Database:ConnectionString", $"Data Source={Path.Combine(work, "load.db")}");
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
            if (!await WaitUntilReadyAsync(http, server, TimeSpan.FromMinutes(5)))
            {
                Console.Error.WriteLine("The server did not answer within 5 minutes.");
                return 1;
            }
            // Each page anonymously and, when asked, with the session cookie of a demo account signed in through the form.
            var sessions = new List<(bool SignedIn, string? Cookie)> { (false, null) };
            if (signedInAs is not null)
                sessions.Add((true, await SignInAsync(baseUrl, signedInAs)));
            Console.WriteLine($"Pactwerk (Release, Production, SQLite with demo content) on {baseUrl}; wrk {connections} connections, 2 threads, {seconds} s per page, after a 3 s warm-up"
                + (signedInAs is null ? "" : $"; signed-in rows as {signedInAs}"));
            Console.WriteLine($"{"path",-60}{"req/s",10}{"p50 ms",9}{"p99 ms",9}{"errors",8}{"ratio",8}");
            double? ceiling = null;
            var failed = false;
            var summary = new List<string>();
            foreach (var (signedIn, cookie) in sessions)
            foreach (var path in paths)
            {
                using (var check = new HttpRequestMessage(HttpMethod.Get, path))
                {
                    if (cookie is not null)
                        check.Headers.Add("Cookie", cookie);
                    using var answer = await http.SendAsync(check);
                    if (!answer.IsSuccessStatusCode || (signedIn && answer.Headers.CacheControl?.Private != true && answer.Headers.CacheControl?.NoStore != true && path != paths[0]))
                    {
                        Console.WriteLine($"{path,-60} answered {(int)answer.StatusCode} ({answer.Headers.CacheControl}){(signedIn ? " signed in" : "")}: not measured");
                        failed = true;
                        continue;
                    }
                }
                await RunWrkAsync(wrk, baseUrl + path, 3, connections, cookie); // warm-up: JIT, caches
                var result = await RunWrkAsync(wrk, baseUrl + path, seconds, connections, cookie);
                ceiling ??= result.RequestsPerSecond;
                var label = (signedIn ? "[signed in] " : "") + path;
                Console.WriteLine(FormattableString.Invariant(
                    $"{label,-60}{result.RequestsPerSecond,10:0}{result.P50Ms,9:0.00}{result.P99Ms,9:0.00}{result.Errors,8}{result.RequestsPerSecond / ceiling.Value,8:0.00}"));
                failed |= result.Errors > 0;
                summary.Add(FormattableString.Invariant($"load: page={path} signed_in={(signedIn ? "true" : "false")} db=sqlite rps={result.RequestsPerSecond:0} p99_ms={result.P99Ms:0.00}"));
            }
            Console.WriteLine("ratio: requests/s against the first path (the static file) in the same run");
            // One machine-readable line per page, last, for the results files.
            foreach (var line in summary)
                Console.WriteLine(line);
            return failed ? 1 : 0;
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
        }
    }

    /// <summary>
    /// The Release build of Pactwerk as its own process on loopback, in Production with demo content;
    /// <paramref name="settings"/> are extra command-line settings (they win over appsettings.json).
    /// </summary>
    internal static Process StartServer(string baseUrl, string repository, params string[] settings)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "Pactwerk.Web.dll");
        var content = Path.Combine(repository, "src", "Pactwerk.Web");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = content,
        };
        foreach (var argument in (string[])[web, "--contentRoot", content, "--urls", baseUrl, "--environment", "Production", "--Demo:Enabled", "true",
                     "--Hosting:PublicBaseUrl", baseUrl, "--Logging:LogLevel:Default", "Warning", .. settings])
            start.ArgumentList.Add(argument);
        var server = Process.Start(start)!;
        var debug = Environment.GetEnvironmentVariable("PACTWERK_BENCH_DEBUG") is "1";
        server.OutputDataReceived += (_, e) => { if (debug && e.Data is not null) Console.WriteLine($"[server] {e.Data}"); };
        server.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[server] {e.Data}"); };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        return server;
    }

    /// <summary>Signs in through the sign-in form as a person would (antiforgery token and all) and returns the session cookie.</summary>
    internal static async Task<string> SignInAsync(string baseUrl, string email)
    {
        var jar = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var form = await client.GetStringAsync("/inloggen");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var posted = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = "pactwerk-demo-2026", ["__RequestVerificationToken"] = token,
        }));
        var session = jar.GetCookies(new Uri(baseUrl))["pactwerk"]
            ?? throw new InvalidOperationException($"Signing in as {email} gave no session cookie (answer {(int)posted.StatusCode}).");
        return $"{session.Name}={session.Value}";
    }

    /// <summary><paramref name="Timeouts"/> (part of <paramref name="Errors"/>): requests wrk gave up on after its 2 s, left out of its latencies.</summary>
    internal sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors, long Timeouts = 0);

    internal static async Task<WrkResult> RunWrkAsync(string wrk, string url, int seconds, int connections, string? cookie = null)
    {
        var info = new ProcessStartInfo(wrk)
        {
            ArgumentList = { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (cookie is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add("Cookie: " + cookie);
        }
        info.ArgumentList.Add(url);
        using var process = Process.Start(info)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        var rps = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        // Non-2xx answers and socket errors are both errors for this measurement.
        var errors = Non2xx().Match(output) is { Success: true } n ? long.Parse(n.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var timeouts = 0L;
        if (SocketErrors().Match(output) is { Success: true } s)
        {
            errors += s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture));
            timeouts = long.Parse(s.Groups[4].Value, CultureInfo.InvariantCulture);
        }
        return new WrkResult(rps, Latency(output, "50"), Latency(output, "99"), errors, timeouts);
    }

    /// <summary>wrk prints latencies as 1.23ms, 456.00us or 1.02s.</summary>
    private static double Latency(string output, string percentile)
    {
        var m = Regex.Match(output, $@"^\s*{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex Non2xx();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();

    internal static async Task<bool> WaitUntilReadyAsync(HttpClient http, Process server, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < limit && !server.HasExited)
        {
            try
            {
                // The home page answers once migrations, reference data and demo content are in.
                using var response = await http.GetAsync("/");
                if (response.StatusCode == HttpStatusCode.OK)
                    return true;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(500);
        }
        return false;
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
