using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DuckDB.NET.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pactwerk.Monitoring;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.ReferenceData;

/// <summary>
/// The monitor benchmark: the engine, the HTTP API and DuckDB (the comparator) answer the same
/// queries over the same synthetic data in one run; ratios matter, not the absolute times.
/// </summary>
internal static partial class BenchMain
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["load", ..])
            return await LoadAsync(args[1..]);
        if (args is ["vouchers", ..])
            return await VoucherBench.MainAsync(args[1..], Repository());
        if (args is ["bookings", ..])
            return await BookingBench.MainAsync(args[1..], Repository());
        if (args is ["allocation", ..])
            return AllocationBench.Run(args[1..], Repository());
        if (args is ["matching", ..])
            return MatchingBench.Run(args[1..], Repository());
        if (args is ["accounts", ..])
            return await AccountBench.MainAsync(args[1..], Repository());
        if (args is ["cluster", ..])
            return await ClusterBench.MainAsync(args[1..], Repository());
        var practices = args is ["practices", "--count", var c, ..] && int.TryParse(c, out var pc) && pc >= 100 && args.Length is 3 or 5 ? pc : (int?)null;
        var monitorDb = args is ["monitor", "--observations", _, "--db", var d] ? d : "sqlite";
        var practicesDb = args is ["practices", "--count", _, "--db", var pd] ? pd : args.Length == 3 ? "sqlite" : "";
        if (practicesDb is not ("sqlite" or "postgres"))
            practices = null;
        if (practices is null && (args is not ["monitor", "--observations", var n, ..] || !int.TryParse(n, out var observations) || observations < 1000
            || args.Length is not (3 or 5) || monitorDb is not ("sqlite" or "postgres")))
        {
            Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Pactwerk.Bench -- monitor --observations N [--db sqlite|postgres]   (N ≥ 1000;");
            Console.Error.WriteLine("       postgres needs PACTWERK_BENCH_POSTGRES, a connection string to a server where the bench may create a database)");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- practices --count N [--db sqlite|postgres]   (N ≥ 100; postgres as for monitor)");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- load [--seconds 15] [--connections 32] [--signed-in lid@pactwerk.demo] [path …]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- vouchers --applicants N [--db sqlite|postgres] [--concurrency 64] [--budget vouchers]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- bookings [--db sqlite|postgres]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- accounts --accounts N [--db sqlite|postgres|both]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- allocation --pupils 3000 --workshops 60 --days 3 [--seconds 10] [--seed 2018]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- matching --candidates 10000 --places 2000 [--queries 200] [--seed 2015]");
            Console.Error.WriteLine("       dotnet run -c Release --project bench/Pactwerk.Bench -- cluster --instances 1|2 [--seconds 10] [--connections 32] [--port 5180] [--repeats 10]");
            Console.Error.WriteLine("       (cluster starts ./cluster.sh with its own folder and ports; needs PostgreSQL, nginx and wrk)");
            return 2;
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        // The app's content root, for WebApplicationFactory outside a test project.
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Pactwerk.slnx")))
            repository = repository.Parent;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PACTWERK_WEB", Path.Combine(repository!.FullName, "src", "Pactwerk.Web"));
        var work = Directory.CreateTempSubdirectory("pactwerk-bench-");
        try
        {
            return practices is { } count
                ? await PracticeSearchBench.RunAsync(count, practicesDb, work.FullName)
                : await MonitorBench.RunAsync(int.Parse(args[2], CultureInfo.InvariantCulture), monitorDb, work.FullName);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}

internal static partial class BenchMain
{
    /// <summary>The pages measured under load when none are named: the static-file comparator first.</summary>
    private static readonly string[] LoadPaths =
    [
        "/css/site.css",
        "/pact/techniekpact/monitor",
        "/monitor/indicatoren/hbo-aandeel-techniek",
        "/monitor/indicatoren/hbo-aandeel-techniek?indeling=arbeidsmarktregios&periode=2023",
    ];

    private static async Task<int> LoadAsync(string[] args)
    {
        var seconds = 15;
        var connections = 32;
        var paths = new List<string>();
        string? signedInAs = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--signed-in" && i + 1 < args.Length && args[i + 1].Contains('@'))
            {
                signedInAs = args[++i];
                continue;
            }
            if (args[i] == "--seconds" && i + 1 < args.Length && int.TryParse(args[++i], out var s) && s > 0)
                seconds = s;
            else if (args[i] == "--connections" && i + 1 < args.Length && int.TryParse(args[++i], out var c) && c > 0)
                connections = c;
            else if (args[i].StartsWith('/'))
                paths.Add(args[i]);
            else
            {
                Console.Error.WriteLine($"Unknown argument '{args[i]}': load [--seconds N] [--connections N] [--signed-in demo-account@…] [/path …]");
                return 2;
            }
        }
        var repository = Repository();
        var work = Directory.CreateTempSubdirectory("pactwerk-load-");
        try
        {
            return await LoadBench.RunAsync(paths.Count > 0 ? ["/css/site.css", .. paths] : LoadPaths, seconds, connections, repository, work.FullName, signedInAs);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static string Repository()
    {
        var repository = new DirectoryInfo(AppContext.BaseDirectory);
        while (repository is not null && !File.Exists(Path.Combine(repository.FullName, "Pactwerk.slnx")))
            repository = repository.Parent;
        return repository!.FullName;
    }
}

internal sealed class BenchApp(string database, string provider = "Sqlite", bool demo = false) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("Database:ConnectionString", provider == "Sqlite" ? $"Data Source={database};Pooling=true" : database);
        builder.UseSetting("Demo:Enabled", demo ? "true" : "false");
        builder.UseSetting("Monitor:MaxImportBytes", long.MaxValue.ToString(CultureInfo.InvariantCulture));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

internal static class MonitorBench
{
    private const int Years = 20;
    private static readonly string[] Sectors = ["economie", "gedrag en maatschappij", "gezondheidszorg", "landbouw en natuurlijke omgeving", "onderwijs", "sectoroverstijgend", "taal en cultuur", "techniek"];
    private static readonly string[] Types = ["bachelor", "master", "associate degree"];
    private static readonly string[] Forms = ["voltijd onderwijs", "deeltijd onderwijs", "duaal onderwijs"];
    private static readonly string[] Genders = ["man", "vrouw", "onbekend"];

    public static async Task<int> RunAsync(int observations, string db, string work)
    {
        if (db == "postgres")
            return await BenchPostgres.InFreshDatabaseAsync("pactwerk_bench", connection => RunAsync(observations, db, work, connection));
        return await RunAsync(observations, db, work, null);
    }

    private static async Task<int> RunAsync(int observations, string db, string work, string? postgres)
    {
        var rows = Math.Max(1, observations / Years);
        var file = Path.Combine(work, "synthetic.csv");
        var municipalities = SyntheticFile(file, rows);
        Console.WriteLine($"synthetic DUO-shaped file: {rows:N0} rows × {Years} years = {rows * Years:N0} cells, {new FileInfo(file).Length / 1024 / 1024} MB");

        await using var app = postgres is null ? new BenchApp(Path.Combine(work, "pactwerk.db")) : new BenchApp(postgres, "Postgres");
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().Replace("localhost", "127.0.0.1");
        using var http = new HttpClient { BaseAddress = new Uri(address) };
        var processAtStartMb = Process.GetCurrentProcess().WorkingSet64 / 1024.0 / 1024.0;
        byte[]? content = await File.ReadAllBytesAsync(file);

        // The parse alone (read and check every row, nothing written), to show where the import's time goes.
        var clock = Stopwatch.StartNew();
        await using (var scope = app.Services.CreateAsyncScope())
            _ = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ReadAsync(ImportProfiles.DuoHboIngeschrevenen.Code, "synthetic.csv", content, default);
        var parseSeconds = clock.Elapsed.TotalSeconds;
        GC.Collect();

        // Import through the app's own path (parse, check, bulk write, engine reload).
        clock.Restart();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(ImportProfiles.DuoHboIngeschrevenen.Code, "synthetic.csv", content, default);
            if (report.Status != ImportStatus.Committed)
                throw new InvalidOperationException(report.Message + " " + string.Join("; ", report.Rejected.Take(5)));
        }
        var importSeconds = clock.Elapsed.TotalSeconds;
        // The uploaded bytes are the bench's, not the engine's: let them go before memory is measured.
        content = null;
        await using (var scope = app.Services.CreateAsyncScope())
            await DemoMonitor.SeedAsync(scope.ServiceProvider.GetRequiredService<PactwerkDb>(), scope.ServiceProvider.GetRequiredService<MonitorEngineHost>(), default);

        // The comparator: DuckDB in process, the same cells and the same region memberships.
        await using var duck = new DuckDBConnection("DataSource=:memory:");
        await duck.OpenAsync();
        clock.Restart();
        await LoadDuckDbAsync(duck, app, file);
        var duckImportSeconds = clock.Elapsed.TotalSeconds;

        var host = app.Services.GetRequiredService<MonitorEngineHost>();
        var (definition, regions) = await QuerySetupAsync(app);
        var queries = Mix(regions);

        var engineTimes = Time(queries, q => { foreach (var (id, _) in q.Regions) _ = host.Engine.Evaluate(definition, id, q.Period); });
        // Cold: the engine keeps per-municipality sums per period; swapping the element in again drops them.
        var element = host.Engine.Element("hbo-ingeschrevenen")!;
        var coldTimes = Time(queries, q => { host.Engine.Replace(element); foreach (var (id, _) in q.Regions) _ = host.Engine.Evaluate(definition, id, q.Period); });
        var duckTimes = Time(queries, q => DuckQuery(duck, q));
        var apiTimes = Time(queries, q => http.GetStringAsync(q.Url).GetAwaiter().GetResult());
        CheckSameAnswers(host, definition, duck, queries[0]);

        // Commit to visible: import a new year for one municipality and poll the API until it is served.
        var one = municipalities[0];
        // Next year: the latest a period may start in (a later year is refused as implausible).
        var extraYear = (DateTime.UtcNow.Year + 1).ToString(CultureInfo.InvariantCulture);
        var extra = Encoding.UTF8.GetBytes(Header([extraYear]) + "\r\n" + Row(one, 1, 0, ["4242"]) + "\r\n");
        clock.Restart();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(ImportProfiles.DuoHboIngeschrevenen.Code, "extra.csv", extra, default);
            if (report.Status != ImportStatus.Committed)
                throw new InvalidOperationException("commit-to-visible import: " + report.Message);
        }
        while (!(await http.GetStringAsync($"/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region={one}&period={extraYear}")).Contains("4242"))
            await Task.Delay(1);
        var commitToVisible = clock.Elapsed.TotalMilliseconds;

        double? afterImportsMb = null, afterWithdrawalsMb = null;
        GC.Collect();
        var memoryMb = GC.GetTotalMemory(forceFullCollection: true) / 1024.0 / 1024.0;
        var processMb = ProcessMbAfterCollection();
        var result = new
        {
            observations = rows * Years, engine_p50_ms = P(engineTimes, 50), engine_p95_ms = P(engineTimes, 95), duckdb_p50_ms = P(duckTimes, 50),
            duckdb_p95_ms = P(duckTimes, 95), api_p50_ms = P(apiTimes, 50), api_p95_ms = P(apiTimes, 95), import_s = importSeconds,
            duckdb_import_s = duckImportSeconds, commit_to_visible_ms = commitToVisible, memory_mb = memoryMb,
            engine_cold_p50_ms = P(coldTimes, 50), engine_cold_p95_ms = P(coldTimes, 95), db, parse_s = parseSeconds, process_start_mb = processAtStartMb,
            process_mb = processMb, load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "",
        };
        // Issue 16 item 10: what the process holds after five more imports of the whole file (each
        // superseding the last) and after they are withdrawn again. Only at sizes where five imports
        // fit in a bench run.
        if (rows * Years <= 2_000_000)
            try
            {
                var expected = host.Engine.Element("hbo-ingeschrevenen")!.Count;
                var releases = new List<int>();
                for (var i = 1; i <= 5; i++)
                {
                    // The same data with i blank lines more: another checksum, so another release.
                    var again = Encoding.UTF8.GetBytes(await File.ReadAllTextAsync(file) + string.Concat(Enumerable.Repeat("\r\n", i)));
                    await using var scope = app.Services.CreateAsyncScope();
                    var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(ImportProfiles.DuoHboIngeschrevenen.Code, $"again-{i}.csv", again, default);
                    if (report.Status != ImportStatus.Committed)
                        throw new InvalidOperationException(report.Message);
                    releases.Add(report.ReleaseId!.Value);
                }
                afterImportsMb = ProcessMbAfterCollection();
                foreach (var id in Enumerable.Reverse(releases))
                {
                    await using var scope = app.Services.CreateAsyncScope();
                    if (await scope.ServiceProvider.GetRequiredService<ReleaseWithdrawal>().WithdrawAsync(id, "bench", default) is not WithdrawalOutcome.Withdrawn)
                        throw new InvalidOperationException($"release {id} was not withdrawn");
                }
                afterWithdrawalsMb = ProcessMbAfterCollection();
                // The engine holds the current observations only: the superseded and withdrawn ones are gone from it.
                if (host.Engine.Element("hbo-ingeschrevenen")!.Count != expected)
                    throw new InvalidOperationException($"the engine holds {host.Engine.Element("hbo-ingeschrevenen")!.Count} observations after the withdrawals, expected {expected}");
                Console.WriteLine($"process after five imports: {afterImportsMb:0} MB; after withdrawing them: {afterWithdrawalsMb:0} MB; engine holds {expected:N0} observations");
            }
            catch (Exception e)
            {
                // The main figures are printed all the same; this part says why it has none.
                Console.WriteLine($"re-imports and withdrawals failed: {e.GetType().Name}: {e.Message}");
            }
        Console.WriteLine($"{"measure",-22}{"p50 ms",10}{"p95 ms",10}");
        Console.WriteLine($"{"engine",-22}{result.engine_p50_ms,10:0.000}{result.engine_p95_ms,10:0.000}");
        Console.WriteLine($"{"engine, cold cache",-22}{P(coldTimes, 50),10:0.000}{P(coldTimes, 95),10:0.000}");
        Console.WriteLine($"{"duckdb (comparator)",-22}{result.duckdb_p50_ms,10:0.000}{result.duckdb_p95_ms,10:0.000}");
        Console.WriteLine($"{"http api",-22}{result.api_p50_ms,10:0.000}{result.api_p95_ms,10:0.000}");
        Console.WriteLine($"engine/duckdb p95 ratio: {result.engine_p95_ms / result.duckdb_p95_ms:0.00}; cold engine/duckdb: {result.engine_cold_p95_ms / result.duckdb_p95_ms:0.00}");
        Console.WriteLine($"import/duckdb ratio: {importSeconds / duckImportSeconds:0.00} (parse alone {parseSeconds:0.0} s); process {processAtStartMb:0} MB at start, {processMb:0} MB at the end; load {result.load}");
        var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, $"monitor-{db}-{rows * Years}.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine(FormattableString.Invariant(
            $"monitor: db={db} n={result.observations} import_s={importSeconds:0.0} duckdb_import_s={duckImportSeconds:0.0} engine_cold_p95_ms={result.engine_cold_p95_ms:0.000} duckdb_p95_ms={result.duckdb_p95_ms:0.000} memory_mb={memoryMb:0} engine_p95_ms={result.engine_p95_ms:0.000} api_p95_ms={result.api_p95_ms:0.000} parse_s={parseSeconds:0.0} commit_to_visible_ms={commitToVisible:0} process_mb={processMb:0}{(afterImportsMb is { } a ? $" process_after_5_imports_mb={a:0} process_after_withdrawals_mb={afterWithdrawalsMb:0}" : "")}"));
        return 0;
    }

    /// <summary>What the process holds from the operating system after a full, compacting collection that gives memory back.</summary>
    private static double ProcessMbAfterCollection()
    {
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64 / 1024.0 / 1024.0;
    }

    private sealed record Query(string Name, Period Period, IReadOnlyList<(int Id, string Code)> Regions, string Url);

    private static List<Query> Mix(Dictionary<string, List<(int Id, string Code)>> sets)
    {
        var queries = new List<Query>();
        for (var year = 2004; year < 2004 + Years; year += 4)
        {
            var p = new Period(PeriodKind.SchoolYear, year);
            queries.Add(new("country", p, sets["land"], $"/api/v1/monitor/values?indicator=hbo-aandeel-techniek&region=NL&period={year}"));
            queries.Add(new("provinces", p, sets["provincies"], $"/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet=provincies&period={year}"));
            queries.Add(new("landsdelen", p, sets["techniekpact-landsdelen"], $"/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet=techniekpact-landsdelen&period={year}"));
            queries.Add(new("labour-market", p, sets["arbeidsmarktregios"], $"/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet=arbeidsmarktregios&period={year}"));
        }
        return queries;
    }

    private static double[] Time(List<Query> queries, Action<Query> run)
    {
        foreach (var q in queries.Take(4))
            run(q); // warm-up: JIT, connections
        var times = new List<double>();
        for (var round = 0; round < 5; round++)
            foreach (var q in queries)
            {
                var clock = Stopwatch.StartNew();
                run(q);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        return [.. times];
    }

    private static double P(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static void DuckQuery(DuckDBConnection duck, Query q)
    {
        using var command = duck.CreateCommand();
        command.CommandText = $"""
            SELECT m.region, SUM(CASE WHEN o.onderdeel = 'techniek' THEN o.value END) AS num, SUM(o.value) AS den, COUNT(*) FILTER (WHERE o.value IS NULL) AS suppressed
            FROM obs o JOIN membership m ON m.municipality = o.municipality
            WHERE o.period = {q.Period.StartYear} AND m.region IN ({string.Join(",", q.Regions.Select(r => r.Id))})
            GROUP BY m.region
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read()) { }
    }

    private static void CheckSameAnswers(MonitorEngineHost host, IndicatorDefinition definition, DuckDBConnection duck, Query q)
    {
        using var command = duck.CreateCommand();
        command.CommandText = $"SELECT SUM(CASE WHEN onderdeel = 'techniek' THEN value END), SUM(value) FROM obs WHERE period = {q.Period.StartYear}";
        using var reader = command.ExecuteReader();
        reader.Read();
        var engine = host.Engine.Evaluate(definition, q.Regions[0].Id, q.Period);
        if (Math.Abs(engine.Numerator - Convert.ToDouble(reader.GetValue(0))) > 0.5 || Math.Abs(engine.Denominator!.Value - Convert.ToDouble(reader.GetValue(1))) > 0.5)
            throw new InvalidOperationException($"engine {engine.Numerator}/{engine.Denominator} differs from DuckDB {reader.GetValue(0)}/{reader.GetValue(1)}");
        Console.WriteLine($"check: engine and DuckDB agree on {q.Name} {q.Period}: {engine.Numerator:N0} / {engine.Denominator:N0}");
    }

    private static async Task<(IndicatorDefinition, Dictionary<string, List<(int, string)>>)> QuerySetupAsync(BenchApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var version = await db.IndicatorVersions.SingleAsync(v => db.Indicators.Any(i => i.Id == v.IndicatorId && i.Code == "hbo-aandeel-techniek"));
        var regions = (await db.Regions.Where(r => r.ValidTo == null).Select(r => new { r.Id, r.Code, Set = r.RegionSet.Code }).ToListAsync())
            .GroupBy(r => r.Set).ToDictionary(g => g.Key, g => g.Select(r => (r.Id, r.Code)).ToList());
        return (IndicatorDefinitions.Parse("hbo-aandeel-techniek", version.Definition), regions);
    }

    private static async Task LoadDuckDbAsync(DuckDBConnection duck, BenchApp app, string file)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var memberships = await db.RegionMemberships.Where(m => m.ValidTo == null).Select(m => new { m.RegionId, m.MunicipalityId }).ToListAsync();
        var codes = await db.Regions.Where(r => r.RegionSet.Code == RegionSetCodes.Municipalities).ToDictionaryAsync(r => r.Code, r => r.Id);
        using (var create = duck.CreateCommand())
        {
            create.CommandText = "CREATE TABLE membership(region INTEGER, municipality INTEGER); CREATE TABLE obs(municipality INTEGER, period INTEGER, onderdeel VARCHAR, geslacht VARCHAR, value DOUBLE);";
            create.ExecuteNonQuery();
        }
        using (var appender = duck.CreateAppender("membership"))
            foreach (var m in memberships)
                appender.CreateRow().AppendValue(m.RegionId).AppendValue(m.MunicipalityId).EndRow();
        // DuckDB reads the same file with its own reader, as a user of it would.
        using var reader = new StreamReader(file);
        var header = (await reader.ReadLineAsync())!.Split(';');
        var years = header.Select((h, i) => (h, i)).Where(x => x.h.Length == 4 && char.IsDigit(x.h[0])).ToArray();
        using var obs = duck.CreateAppender("obs");
        while (await reader.ReadLineAsync() is { } line)
        {
            var cells = line.Split(';');
            var municipality = codes["GM" + cells[1]];
            foreach (var (year, index) in years)
            {
                var row = obs.CreateRow().AppendValue(municipality).AppendValue(int.Parse(year)).AppendValue(cells[7]).AppendValue(cells[12]);
                (cells[index] == "<5" ? row.AppendNullValue() : row.AppendValue(double.Parse(cells[index]))).EndRow();
            }
        }
    }

    private static string Header(IEnumerable<string> years) =>
        "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;"
        + string.Join(';', years);

    private static string Row(string municipality, int row, int seed, IEnumerable<string> values) =>
        $"Provincie;{municipality[2..]};Gemeente;reguliere inst.;{Types[seed % 3]};{(seed % 40):00}XX;Instelling;{Sectors[seed % 8]};n.v.t.;P{row};Opleiding {row};{Forms[seed / 3 % 3]};{Genders[seed / 9 % 3]};"
        + string.Join(';', values);

    /// <summary>A DUO-shaped wide file: real municipality codes, realistic dimensions, 5% suppressed cells.</summary>
    private static List<string> SyntheticFile(string path, int rows)
    {
        var root = new ReferenceDataOptions().Resolve(AppContext.BaseDirectory, null!) as DirectoryReferenceDataSource
            ?? throw new InvalidOperationException("data/nl not found: the benchmark uses the real municipality codes.");
        var municipalities = File.ReadLines(Path.Combine(root.Location, "regions", "gemeenten.csv")).Skip(1).Select(l => l[..6]).ToList();
        var random = new Random(20261127);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        writer.Write(Header(Enumerable.Range(2004, Years).Select(y => y.ToString(CultureInfo.InvariantCulture))) + "\r\n");
        for (var r = 0; r < rows; r++)
        {
            var values = Enumerable.Range(0, Years).Select(_ => random.Next(100) < 5 ? "<5" : random.Next(5, 400).ToString(CultureInfo.InvariantCulture));
            writer.Write(Row(municipalities[random.Next(municipalities.Count)], r, random.Next(1000), values) + "\r\n");
        }
        return municipalities;
    }
}
