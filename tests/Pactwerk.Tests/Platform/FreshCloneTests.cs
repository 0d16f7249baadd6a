using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// The README's first command on a machine that has only the repository: the committed HEAD is
/// cloned into an empty temporary folder (no ../shared beside it), built once, and started with
/// `dotnet run --project src/Pactwerk.Web` on a free loopback port and a SQLite file of its own.
/// What a new user would look for must be there: every region set, the demo pacts, monitor
/// figures and the map.
/// </summary>
[Collection(FreshCloneCollection.Name)]
public sealed class FreshCloneTests(ITestOutputHelper output)
{
    private static readonly TimeSpan StartLimit = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_clone_with_nothing_beside_it_runs_the_demo_with_regions_monitor_and_map()
    {
        var repository = RepositoryRoot();
        var head = (await RunAsync("git", ["-C", repository, "rev-parse", "HEAD"], repository, TimeSpan.FromSeconds(30))).Trim();
        var temp = Directory.CreateTempSubdirectory("pactwerk-fresh-");
        var clone = Path.Combine(temp.FullName, "pactwerk");
        var clock = Stopwatch.StartNew();
        Process? app = null;
        try
        {
            await RunAsync("git", ["clone", "--quiet", "--no-local", repository, clone], temp.FullName, TimeSpan.FromMinutes(1));
            await RunAsync("git", ["-C", clone, "checkout", "--quiet", "--detach", head], clone, TimeSpan.FromSeconds(30));
            Assert.False(Directory.Exists(Path.Combine(temp.FullName, "shared")));
            var cloned = clock.Elapsed;

            // One build first: `dotnet run` would build too, but then the start-up wait would hide a slow build.
            // The limit is a guard against a hung build, not the measure: on a quiet 2-core machine the build takes about 95 s.
            await RunAsync("dotnet", ["build", "src/Pactwerk.Web", "--nologo", "-v", "quiet"], clone, TimeSpan.FromMinutes(8));
            var built = clock.Elapsed;

            var port = FreePort();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = clone, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
                ArgumentList =
                {
                    "run", "--project", "src/Pactwerk.Web", "--no-build", "--",
                    "--urls", $"http://127.0.0.1:{port}",
                    "--Database:ConnectionString", $"Data Source={Path.Combine(temp.FullName, "fresh.db")}",
                    // The development SMTP sink would otherwise take 2525, which another instance may hold.
                    "--Newsletter:Smtp:Port", FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
                },
            };
            var log = new System.Text.StringBuilder();
            app = Process.Start(start)!;
            app.OutputDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            app.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
            app.BeginOutputReadLine();
            app.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            await WaitForAsync(http, app, log);
            var started = clock.Elapsed;

            var sets = await JsonAsync(http, "/api/v1/region-sets");
            var counts = sets.EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!, s => s.GetProperty("regionCount").GetInt32());
            var municipalities = SharedData.Municipalities();
            Assert.Equal(municipalities.Count, counts["gemeenten"]);
            Assert.Equal(municipalities.Select(m => m.Province).Distinct().Count(), counts["provincies"]);
            Assert.Equal(municipalities.Select(m => m.Corop).Distinct().Count(), counts["corop"]);
            Assert.Equal(municipalities.Select(m => m.LabourMarketRegion).Distinct().Count(), counts["arbeidsmarktregios"]);
            Assert.Equal(SharedData.LandsdeelOfProvince().Values.Distinct().Count(), counts["techniekpact-landsdelen"]);

            var pacts = await JsonAsync(http, "/api/v1/pacts");
            Assert.Contains(pacts.EnumerateArray(), p => p.GetProperty("code").GetString() == "techniekpact");

            var values = await JsonAsync(http, "/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet=provincies&period=2023");
            var rows = Rows(values);
            Assert.Equal(12, rows.Count);
            // Noord-Holland's techniek enrolments in 2023, counted straight from the shipped DUO file.
            var noordHolland = municipalities.Where(m => m.Province == "PV27").Select(m => m.Code).ToHashSet();
            var expected = DuoReference.Sum(2023, noordHolland, field => field("ONDERDEEL") == "techniek");
            var row = rows.Single(r => r.GetProperty("region").GetProperty("code").GetString() == "PV27");
            Assert.Equal(expected.Sum, row.GetProperty("numerator").GetDouble());

            var map = await JsonAsync(http, "/api/v1/geo/provincies");
            Assert.Equal(12, map.GetProperty("features").GetArrayLength());

            output.WriteLine($"clone {cloned.TotalSeconds:0.0} s, build {(built - cloned).TotalSeconds:0.0} s, start to healthy {(started - built).TotalSeconds:0.0} s, total {clock.Elapsed.TotalSeconds:0.0} s");
        }
        finally
        {
            if (app is { HasExited: false })
            {
                app.Kill(entireProcessTree: true);
                await app.WaitForExitAsync();
            }
            app?.Dispose();
            try { temp.Delete(recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static List<JsonElement> Rows(JsonElement values) =>
        (values.ValueKind == JsonValueKind.Array ? values : values.GetProperty("values")).EnumerateArray().ToList();

    private static async Task WaitForAsync(HttpClient http, Process app, System.Text.StringBuilder log)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < StartLimit)
        {
            if (app.HasExited)
                Assert.Fail($"Pactwerk stopped with exit code {app.ExitCode}:\n{log}");
            try
            {
                // The demo content and the monitor import are loaded before the server listens.
                if ((await http.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(500);
        }
        Assert.Fail($"Pactwerk did not answer /health within {StartLimit}:\n{log}");
    }

    private static async Task<JsonElement> JsonAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Pactwerk.slnx")))
                return dir.FullName;
        throw new DirectoryNotFoundException("Pactwerk.slnx not found above the test binaries.");
    }

    private static async Task<string> RunAsync(string file, string[] args, string directory, TimeSpan limit)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', args)} took longer than {limit}.");
        }
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} failed ({process.ExitCode}):\n{await stdout}\n{await stderr}");
        return await stdout;
    }
}

/// <summary>
/// Runs alone, after the parallel tests: a build inside the clone competes for the same cores as the
/// test hosts, and its time is part of what the test measures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FreshCloneCollection
{
    public const string Name = "Fresh clone";
}
