using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Vouchers;

/// <summary>
/// An opening rush replayed: N people apply for one voucher scheme over HTTP on loopback against the
/// Release build running as its own process (Production settings), C at a time, and one in ten
/// then looks at their status page. Afterwards the database is read apart from the app's own
/// answers: grants = min(budget, eligible), nobody twice, the ceiling kept, first come first served.
/// The comparator is STAP's opening: about 300 applications a minute got through (5 per second).
/// </summary>
internal static class VoucherBench
{
    private const string SchemeCode = "bench-opening";
    private const decimal VoucherPrice = 1250.00m;
    /// <summary>STAP's opening in 2022: about 300 applications a minute were processed.</summary>
    private const double StapPerSecond = 300 / 60.0;

    public static async Task<int> MainAsync(string[] args, string repository)
    {
        int applicants = 0, concurrency = 64, budget = 0;
        var db = "sqlite";
        for (var i = 0; i < args.Length; i++)
        {
            var ok = i + 1 < args.Length;
            switch (args[i])
            {
                case "--applicants" when ok && int.TryParse(args[i + 1], out var n) && n >= 100: applicants = n; i++; break;
                case "--concurrency" when ok && int.TryParse(args[i + 1], out var c) && c is > 0 and <= 1024: concurrency = c; i++; break;
                case "--budget" when ok && int.TryParse(args[i + 1], out var b) && b > 0: budget = b; i++; break;
                case "--db" when ok && args[i + 1] is "sqlite" or "postgres": db = args[i + 1]; i++; break;
                default:
                    Console.Error.WriteLine($"Unknown or malformed argument '{args[i]}': vouchers --applicants N (≥ 100) [--db sqlite|postgres] [--concurrency 1–1024] [--budget vouchers]");
                    return 2;
            }
        }
        if (applicants == 0)
        {
            Console.Error.WriteLine("vouchers --applicants N (≥ 100) [--db sqlite|postgres] [--concurrency 64] [--budget vouchers (default N/4)]");
            return 2;
        }
        // A budget that runs out a quarter of the way through, as STAP's rounds did.
        if (budget == 0)
            budget = Math.Max(1, applicants / 4);
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        // The app's content root, for WebApplicationFactory outside a test project.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PACTWERK_WEB", Path.Combine(repository, "src", "Pactwerk.Web"));
        var work = Directory.CreateTempSubdirectory("pactwerk-vouchers-");
        try
        {
            if (db == "sqlite")
                return await RunAsync(applicants, concurrency, budget, "Sqlite", Path.Combine(work.FullName, "vouchers.db"), repository, work.FullName);
            return await BenchPostgres.InFreshDatabaseAsync("pactwerk_vouchers", connection => RunAsync(applicants, concurrency, budget, "Postgres", connection, repository, work.FullName));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record Seeded(int CourseId, DateOnly Start, decimal Amount);

    /// <param name="database">The SQLite file, or the PostgreSQL connection string.</param>
    /// <param name="work">The run's own folder: the applicants' mail goes there (one file each), not into the repository.</param>
    private static async Task<int> RunAsync(int applicants, int concurrency, int budget, string provider, string database, string repository, string work)
    {
        var connectionString = provider == "Sqlite" ? $"Data Source={database}" : database;
        // The database, the demo pact and the scheme first, in this process; then the server on the same database.
        Seeded seeded;
        await using (var app = new BenchApp(database, provider, demo: true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            seeded = await SeedAsync(scope.ServiceProvider.GetRequiredService<PactwerkDb>(), budget);
        }
        var baseUrl = $"http://127.0.0.1:{LoadBench.FreePort()}";
        using var server = LoadBench.StartServer(baseUrl, repository,
        [
            "--Database:Provider", provider, "--Database:ConnectionString", connectionString, "--ReferenceData:LoadOnStart", "false",
            "--Email:PickupDirectory", Path.Combine(work, "mail"),
            // PACTWERK_BENCH_DEBUG=1: the server logs how long each group of decisions took.
            .. Environment.GetEnvironmentVariable("PACTWERK_BENCH_DEBUG") is "1" ? (string[])["--Logging:LogLevel:Pactwerk.Web.Features.Vouchers", "Debug"] : [],
        ]);
        try
        {
            using var probe = new HttpClient { BaseAddress = new Uri(baseUrl) };
            if (!await LoadBench.WaitUntilReadyAsync(probe, server, TimeSpan.FromMinutes(5)))
            {
                Console.Error.WriteLine("The server did not answer within 5 minutes.");
                return 1;
            }
            Console.WriteLine($"Pactwerk (Release, Production, {provider}) on {baseUrl}: {applicants:N0} applicants, {concurrency} at a time, budget for {budget:N0} vouchers of € {seeded.Amount:0.00}");
            return await RushAsync(baseUrl, applicants, concurrency, budget, provider, database, seeded, Path.Combine(work, "mail"));
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

    private static async Task<Seeded> SeedAsync(PactwerkDb db, int budget)
    {
        var now = DateTime.UtcNow;
        var scheme = new VoucherScheme
        {
            Code = SchemeCode, Name = "Benchmarkregeling (verzonnen)", NameEn = "Benchmark scheme (invented)",
            PactId = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync(),
            OrganisationId = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync(),
            MaxPerVoucher = 2500m, OpensAt = now.AddMinutes(-1), ClosesAt = now.AddDays(1),
            TargetGroups = [.. VoucherRules.TargetGroups], Sectors = ["techniek"], Levels = ["mbo-4"], Occupations = ["Elektromonteur"],
        };
        scheme.Ceiling = budget * scheme.VoucherAmount(VoucherPrice);
        db.VoucherSchemes.Add(scheme);
        await db.SaveChangesAsync();
        var start = DateOnly.FromDateTime(now).AddDays(14);
        var course = new VoucherCourse { Title = "Elektrotechniek (verzonnen)", Sector = "techniek", Level = "mbo-4", Hours = 120, Price = VoucherPrice, StartDates = [start], TargetOccupation = "Elektromonteur" };
        db.VoucherProviders.Add(new VoucherProvider
        {
            SchemeId = scheme.Id, Name = "Benchmark Opleidingen (verzonnen)", KvkNumber = "12345678", Iban = "NL91ABNA0417164300", QualityRegistration = "CRKBO (verzonnen)",
            RegisteredAt = now, Vetted = true, Courses = [course],
        });
        await db.SaveChangesAsync();
        return new Seeded(course.Id, start, scheme.VoucherAmount(VoucherPrice));
    }

    private static async Task<int> RushAsync(string baseUrl, int applicants, int concurrency, int budget, string provider, string database, Seeded seeded, string mailFolder)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(30) };
        using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var applyMs = new ConcurrentBag<double>();
        var statusMs = new ConcurrentBag<double>();
        var outcomes = new ConcurrentDictionary<string, int>();
        var errors = 0;
        var firstErrors = new ConcurrentQueue<string>();
        var next = -1;
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        // One in a hundred tries a second time (the same person again) and must be refused; they are not errors.
        var repeats = applicants / 100;
        var total = applicants + repeats;
        var clock = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < total)
            {
                var person = i < applicants ? i : (i - applicants) * 100;
                var body = new { email = $"aanvrager{person}@bench.example", dateOfBirth = "1985-03-14", targetGroup = "werkzoekend-naar-techniek", municipality = "GM0200", course = seeded.CourseId, courseStart = start };
                var t = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsJsonAsync($"/api/v1/voucher-schemes/{SchemeCode}/applications", body);
                    applyMs.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
                    var text = await response.Content.ReadAsStringAsync();
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        using var json = JsonDocument.Parse(text);
                        outcomes.AddOrUpdate(json.RootElement.GetProperty("status").GetString()!, 1, (_, n) => n + 1);
                        if (i % 10 == 0)
                        {
                            var s = Stopwatch.GetTimestamp();
                            using var status = await http.GetAsync(json.RootElement.GetProperty("statusUrl").GetString());
                            await status.Content.ReadAsStringAsync();
                            statusMs.Add(Stopwatch.GetElapsedTime(s).TotalMilliseconds);
                            if (status.StatusCode != HttpStatusCode.OK)
                                Error($"status page answered {(int)status.StatusCode}");
                        }
                    }
                    else if (i >= applicants && response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity)
                        outcomes.AddOrUpdate("RefusedSecondApplication", 1, (_, n) => n + 1);
                    else
                        Error($"application answered {(int)response.StatusCode}: {text[..Math.Min(200, text.Length)]}");
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    Error(e.GetType().Name + ": " + e.Message);
                }
            }
        })).ToList();
        await Task.WhenAll(workers);
        var elapsed = clock.Elapsed.TotalSeconds;

        // The mail gives way to the rush (VoucherMailer); measured here is how long after it every applicant has theirs.
        var drain = Stopwatch.StartNew();
        int MailSent() => Directory.Exists(mailFolder) ? Directory.EnumerateFiles(mailFolder, "*.eml").Count() : 0;
        var mailAtEnd = MailSent();
        while (MailSent() < applicants && drain.Elapsed < TimeSpan.FromMinutes(15))
            await Task.Delay(500);
        var mailSent = MailSent();
        Console.WriteLine($"mail: {mailAtEnd:N0} sent during the rush, all {mailSent:N0} of {applicants:N0} {drain.Elapsed.TotalSeconds:0.0} s after it");

        void Error(string what)
        {
            if (Interlocked.Increment(ref errors) <= 5)
                firstErrors.Enqueue(what);
        }

        // The checks, read from the database apart from the answers the app gave.
        await using var app = new BenchApp(database, provider);
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var scheme = await db.VoucherSchemes.AsNoTracking().SingleAsync(s => s.Code == SchemeCode);
        var rows = await db.VoucherApplications.AsNoTracking().Where(a => a.SchemeId == scheme.Id)
            .Select(a => new { a.Email, a.Status, a.Arrival, a.Amount }).ToListAsync();
        var granted = rows.Where(r => r.Status == VoucherStatus.Granted).ToList();
        var waiting = rows.Where(r => r.Status == VoucherStatus.Waiting).ToList();
        var duplicates = rows.Count - rows.Select(r => r.Email).Distinct().Count();
        var eligible = applicants;
        var overspend = Math.Max(0m, scheme.Reserved + scheme.Paid - scheme.Ceiling);
        var checks = new List<(string What, bool Ok)>
        {
            ($"every applicant saved once: {rows.Count:N0} rows for {applicants:N0} people", rows.Count == applicants),
            ($"grants = min(budget, eligible) = {Math.Min(budget, eligible):N0}: {granted.Count:N0}", granted.Count == Math.Min(budget, eligible)),
            ($"the rest waits: {waiting.Count:N0}", waiting.Count == applicants - granted.Count),
            ($"no person twice: {duplicates} duplicates", duplicates == 0),
            ($"second applications refused: {outcomes.GetValueOrDefault("RefusedSecondApplication"):N0} of {repeats:N0}", outcomes.GetValueOrDefault("RefusedSecondApplication") == repeats),
            ($"ceiling kept: reserved {scheme.Reserved:N2} + paid {scheme.Paid:N2} ≤ {scheme.Ceiling:N2}", overspend == 0),
            ($"reserve = sum of granted vouchers: {granted.Sum(g => g.Amount):N2}", scheme.Reserved == granted.Sum(g => g.Amount)),
            ("first come, first served: every grant arrived before everyone who waits",
                granted.Count == 0 || waiting.Count == 0 || granted.Max(g => g.Arrival) < waiting.Min(w => w.Arrival)),
            ($"every applicant has their mail: {mailSent:N0}", mailSent == applicants),
            ($"the answers agree with the database: {outcomes.GetValueOrDefault("Granted"):N0} granted, {outcomes.GetValueOrDefault("Waiting"):N0} waiting",
                outcomes.GetValueOrDefault("Granted") == granted.Count && outcomes.GetValueOrDefault("Waiting") == waiting.Count),
        };
        var apply = applyMs.ToArray();
        var status = statusMs.ToArray();
        var perSecond = total / elapsed;
        Console.WriteLine($"{total:N0} calls in {elapsed:0.0} s: {perSecond:0} applications/s ({perSecond / StapPerSecond:0}× STAP's ~5/s)");
        Console.WriteLine($"{"call",-22}{"n",10}{"p50 ms",10}{"p99 ms",10}{"max ms",10}");
        Console.WriteLine($"{"application (POST)",-22}{apply.Length,10:N0}{P(apply, 50),10:0.0}{P(apply, 99),10:0.0}{(apply.Length > 0 ? apply.Max() : 0),10:0.0}");
        Console.WriteLine($"{"status page (GET)",-22}{status.Length,10:N0}{P(status, 50),10:0.0}{P(status, 99),10:0.0}{(status.Length > 0 ? status.Max() : 0),10:0.0}");
        foreach (var e in firstErrors)
            Console.WriteLine($"error: {e}");
        foreach (var (what, ok) in checks)
            Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {what}");
        Console.WriteLine(FormattableString.Invariant(
            $"vouchers: applicants={applicants} db={provider.ToLowerInvariant()} apps_per_s={perSecond:0} p99_ms={P(apply, 99):0.0} status_p99_ms={P(status, 99):0.0} errors={errors} overspend={overspend:0.00} duplicates={duplicates}"));
        return errors == 0 && checks.All(c => c.Ok) ? 0 : 1;
    }

    private static double P(double[] values, int percentile)
    {
        if (values.Length == 0)
            return 0;
        Array.Sort(values);
        return values[Math.Min(values.Length - 1, (int)Math.Ceiling(percentile / 100.0 * values.Length) - 1)];
    }
}
