using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using nietras.SeparatedValues;
using Npgsql;
using NpgsqlTypes;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Issue 23's speed check, per database: a bulk deposit file of N rows through the API (checked, then written
/// with its accounts, postings and lines) against a plain COPY (PostgreSQL) or prepared INSERT (SQLite) of the
/// same rows into a table without indexes, read from the same file with the same CSV reader, in the same run;
/// the p95 of an account's balance (the ledger's own query) and of its statement (the API); and 1,000
/// reservations at once on one account whose money covers half of them (exactly half may succeed).
/// </summary>
internal static partial class AccountBench
{
    private const string Admin = "beheerder@pactwerk.demo";
    private const int Racers = 1000;
    private const long Price = 10_00;

    public static async Task<int> MainAsync(string[] args, string repository)
    {
        var accounts = args.Length >= 2 && args[0] == "--accounts" && int.TryParse(args[1], out var n) && n is >= 1000 and <= DepositFiles.MaxRows ? n : 0;
        var db = args is [_, _, "--db", var d] ? d : args.Length == 2 ? "both" : "";
        if (accounts == 0 || db is not ("sqlite" or "postgres" or "both"))
        {
            Console.Error.WriteLine("accounts --accounts N [--db sqlite|postgres|both]   (1000 ≤ N ≤ 1,000,000; postgres needs PACTWERK_BENCH_POSTGRES)");
            return 2;
        }
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PACTWERK_WEB", Path.Combine(repository, "src", "Pactwerk.Web"));
        var work = Directory.CreateTempSubdirectory("pactwerk-accounts-");
        try
        {
            var file = Path.Combine(work.FullName, "deposits.csv");
            var total = WriteFile(file, accounts);
            Console.WriteLine($"deposit file: {accounts:N0} rows, {new FileInfo(file).Length / 1024.0 / 1024.0:0.0} MB, € {total / 100m:N2}; load at start {LoadAverage()}");
            var results = new List<Result>();
            if (db is "sqlite" or "both")
                results.Add(await RunAsync("Sqlite", Path.Combine(work.FullName, "accounts.db"), file, accounts, total));
            if (db is "postgres" or "both")
            {
                Result? pg = null;
                var rc = await BenchPostgres.InFreshDatabaseAsync("pactwerk_accounts", async c => { pg = await RunAsync("Postgres", c, file, accounts, total); return 0; });
                if (pg is null)
                    return rc;
                results.Add(pg);
            }
            var ok = results.All(r => r.Ok);
            var line = "accounts: rows=" + accounts + " " + string.Join(" ", results.Select(r => FormattableString.Invariant(
                $"{r.Provider.ToLowerInvariant()}_bulk_s={r.BulkSeconds:0.0} {r.Provider.ToLowerInvariant()}_plain_s={r.PlainSeconds:0.0} {r.Provider.ToLowerInvariant()}_ratio={r.BulkSeconds / r.PlainSeconds:0.00} {r.Provider.ToLowerInvariant()}_cpu_ratio={r.BulkCpuSeconds / r.PlainCpuSeconds:0.00} {r.Provider.ToLowerInvariant()}_balance_p95_ms={r.BalanceP95:0.00} {r.Provider.ToLowerInvariant()}_statement_p95_ms={r.StatementP95:0.00} {r.Provider.ToLowerInvariant()}_race_won={r.Won}/{Racers}")))
                + $" load={LoadAverage()} ok={ok}";
            Console.WriteLine(line);
            await BenchResults.WriteAsync(repository, "accounts", new { accounts, results, line });
            return ok ? 0 : 1;
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private sealed record Result(string Provider, double BulkSeconds, double PlainSeconds, double BulkCpuSeconds, double PlainCpuSeconds, double BalanceP50, double BalanceP95, double StatementP50, double StatementP95,
        int Won, int Refused, bool Ok, string Checks);

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "?";

    /// <summary>Invented people, one deposit each; amounts with a decimal comma, some earmarked. Returns the total in cents.</summary>
    private static long WriteFile(string path, int rows)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("email;amount;reference;validFrom;validUntil;sectors;levels;occupations;followsPerson\n");
        long total = 0;
        for (var i = 0; i < rows; i++)
        {
            var cents = 100_00 + i % 90_000 * 1 + i % 7 * 1000_00;
            total += cents;
            writer.Write(FormattableString.Invariant($"persoon{i}@bench.test;{cents / 100},{cents % 100:00};B{i:0000000};2026-01-01;2030-12-31;{(i % 3 == 0 ? "zorg|techniek" : "")};{(i % 5 == 0 ? "mbo-4" : "")};;{(i % 2 == 0 ? "ja" : "nee")}\n"));
        }
        return total;
    }

    private static async Task<Result> RunAsync(string provider, string database, string file, int rows, long total)
    {
        await using var app = new BenchApp(database, provider, demo: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
            db.LearningFunders.Add(new Funder { Code = "bench", Name = "Bench-fonds (verzonnen)", Kind = FunderKind.SectorFund, Priority = 1, OrganisationId = await db.Organisations.OrderBy(o => o.Id).Select(o => o.Id).FirstAsync() });
            await db.SaveChangesAsync();
        }
        var client = await SignInAsync(app);
        // Warm-up: one small file, so the measured one does not pay for the first request's start-up.
        (await client.PostAsync("/api/v1/funders/bench/deposits", new StringContent("email;amount;reference;validUntil\nwarm@bench.test;1,00;W1;2030-12-31\n", Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

        // The plain comparator first, on the same database, so both see the same cache state.
        var cpu = await CpuMeterAsync(app);
        var cpuBefore = cpu();
        var plain = await PlainAsync(app, file, rows);
        var cpuPlain = cpu() - cpuBefore;

        cpuBefore = cpu();
        var clock = Stopwatch.StartNew();
        await using var body = File.OpenRead(file);
        var content = new StreamContent(body, 1 << 16);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/v1/funders/bench/deposits", content);
        var report = await response.Content.ReadAsStringAsync();
        var bulk = clock.Elapsed.TotalSeconds;
        var cpuBulk = cpu() - cpuBefore;
        Console.WriteLine($"{provider}: bulk deposit {bulk:0.0} s ({(int)response.StatusCode}), plain {plain:0.0} s, ratio {bulk / plain:0.00}; load {LoadAverage()}");
        Console.WriteLine($"{provider}: CPU (this process and the database server's) bulk {cpuBulk:0.0} s, plain {cpuPlain:0.0} s, ratio {cpuBulk / cpuPlain:0.00}");
        if (response.StatusCode != HttpStatusCode.Created)
            Console.WriteLine(report[..Math.Min(report.Length, 2000)]);

        // Checked apart from the report: every row is a deposit with a balanced posting, the money adds up.
        var (deposits, lines, available, unbalanced) = await InDbAsync(app, async db =>
        {
            var funder = await db.LearningFunders.Where(f => f.Code == "bench").Select(f => f.Id).SingleAsync();
            // The bench funder's lines only: the demo's learning accounts have lines of their own.
            var lines = db.LedgerLines.Where(l => db.LearningDeposits.Any(d => d.Id == l.DepositId && d.FunderId == funder));
            return (await db.LearningDeposits.CountAsync(d => d.FunderId == funder && d.Reference.StartsWith("B")),
                await lines.CountAsync(),
                await lines.Where(l => l.Bucket == LedgerBucket.Available).SumAsync(l => l.Amount),
                await db.LedgerLines.GroupBy(l => l.PostingId).Where(g => g.Sum(l => l.Amount) != 0).CountAsync());
        });
        var checks = $"deposits={deposits} lines={lines} available={available} unbalanced={unbalanced}";
        var bulkOk = response.StatusCode == HttpStatusCode.Created && deposits == rows && lines == 2 * (rows + 1) && available == total + 100 && unbalanced == 0;
        Console.WriteLine($"{provider}: {checks} → {(bulkOk ? "ok" : "FAIL")}");

        // Balance (the ledger's query) and statement (the API) of 300 accounts spread over the file.
        var ids = await InDbAsync(app, db => db.LearningAccounts.OrderBy(a => a.Id).Select(a => a.Id).ToListAsync());
        var sample = Enumerable.Range(0, 300).Select(i => ids[(int)((long)i * 7919 % ids.Count)]).ToList();
        var balance = new List<double>();
        var statement = new List<double>();
        foreach (var id in sample)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var ledger = scope.ServiceProvider.GetRequiredService<LearningLedger>();
            var t = Stopwatch.GetTimestamp();
            await ledger.BalancesAsync(id, CancellationToken.None);
            balance.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            t = Stopwatch.GetTimestamp();
            using var s = await client.GetAsync($"/api/v1/learning-accounts/{id}/statement");
            await s.Content.ReadAsStringAsync();
            statement.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            s.EnsureSuccessStatusCode();
        }

        // 1,000 reservations at once for one account holding half of what they ask.
        var single = await client.PostAsJsonAsync("/api/v1/funders/bench/deposits",
            new { email = "race@bench.test", amount = Racers / 2 * Price / 100m, validUntil = "2030-12-31", reference = "RACE" });
        single.EnsureSuccessStatusCode();
        var raceAccount = (await single.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accountId").GetInt64();
        // The Dutch day, as the race's deposit was given (valid from today there): from 23:00 UTC the UTC date is a day
        // behind it, and every reservation was refused as money not yet valid.
        var today = LearningDay.Today(TimeProvider.System);
        using var go = new SemaphoreSlim(0, Racers);
        var racers = Enumerable.Range(0, Racers).Select(async _ =>
        {
            await go.WaitAsync();
            await using var scope = app.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<LearningLedger>().ReserveAsync(raceAccount, new CourseFacts("zorg", "mbo-4", "verpleegkundige"), Price, today, null, CancellationToken.None);
        }).ToList();
        var raceClock = Stopwatch.StartNew();
        go.Release(Racers);
        var outcomes = await Task.WhenAll(racers);
        var raceSeconds = raceClock.Elapsed.TotalSeconds;
        var won = outcomes.Count(o => o is PostingOutcome.Posted);
        var refused = outcomes.Count(o => o is PostingOutcome.Refused);
        var reserved = await InDbAsync(app, db => db.LedgerLines.Where(l => l.Bucket == LedgerBucket.Reserved && db.LearningDeposits.Any(d => d.Id == l.DepositId && d.AccountId == raceAccount)).SumAsync(l => l.Amount));
        var raceOk = won == Racers / 2 && refused == Racers / 2 && reserved == Racers / 2 * Price;
        Console.WriteLine($"{provider}: race {won} reserved, {refused} refused in {raceSeconds:0.0} s; reserved on the ledger € {reserved / 100m:N2} → {(raceOk ? "ok" : "FAIL")}");

        static double P(List<double> ms, int p) { var s = ms.Order().ToArray(); return s[Math.Min(s.Length - 1, (int)Math.Ceiling(p / 100.0 * s.Length) - 1)]; }
        var result = new Result(provider, bulk, plain, cpuBulk, cpuPlain, P(balance, 50), P(balance, 95), P(statement, 50), P(statement, 95), won, refused, bulkOk && raceOk, checks);
        Console.WriteLine($"{provider}: balance p50 {result.BalanceP50:0.00} ms p95 {result.BalanceP95:0.00} ms; statement p50 {result.StatementP50:0.00} ms p95 {result.StatementP95:0.00} ms");
        return result;
    }

    /// <summary>The same rows, read with the same reader, into a table of their own without any index: the floor a bulk write can reach.</summary>
    private static async Task<double> PlainAsync(BenchApp app, string file, int rows)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var postgres = connection is NpgsqlConnection;
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = postgres
                ? "CREATE TABLE plain_deposits (email text, amount bigint, reference text, valid_from date, valid_until date, sectors text, levels text, occupations text, follows boolean)"
                : "CREATE TABLE plain_deposits (email TEXT, amount INTEGER, reference TEXT, valid_from TEXT, valid_until TEXT, sectors TEXT, levels TEXT, occupations TEXT, follows INTEGER)";
            await create.ExecuteNonQueryAsync();
        }
        var clock = Stopwatch.StartNew();
        await using var transaction = await connection.BeginTransactionAsync();
        using var reader = Sep.Reader(o => o with { Unescape = true }).FromFile(file);
        if (connection is NpgsqlConnection npgsql)
        {
            await using var copy = await npgsql.BeginBinaryImportAsync("COPY plain_deposits FROM STDIN (FORMAT BINARY)");
            foreach (var row in reader)
            {
                copy.StartRow();
                copy.Write(row[0].ToString(), NpgsqlDbType.Text);
                copy.Write((long)(DepositFileReader.ParseAmount(row[1].ToString())!.Value * 100), NpgsqlDbType.Bigint);
                copy.Write(row[2].ToString(), NpgsqlDbType.Text);
                copy.Write(DateOnly.ParseExact(row[3].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                copy.Write(DateOnly.ParseExact(row[4].ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture), NpgsqlDbType.Date);
                copy.Write(row[5].ToString(), NpgsqlDbType.Text);
                copy.Write(row[6].ToString(), NpgsqlDbType.Text);
                copy.Write(row[7].ToString(), NpgsqlDbType.Text);
                copy.Write(row[8].ToString() == "ja", NpgsqlDbType.Boolean);
            }
            await copy.CompleteAsync();
        }
        else
        {
            await using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO plain_deposits VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";
            for (var i = 1; i <= 9; i++)
                insert.Parameters.Add(new SqliteParameter("$" + i, DBNull.Value));
            await insert.PrepareAsync();
            foreach (var row in reader)
            {
                insert.Parameters[0].Value = row[0].ToString();
                insert.Parameters[1].Value = (long)(DepositFileReader.ParseAmount(row[1].ToString())!.Value * 100);
                for (var c = 2; c < 8; c++)
                    insert.Parameters[c].Value = row[c].ToString();
                insert.Parameters[8].Value = row[8].ToString() == "ja" ? 1 : 0;
                insert.ExecuteNonQuery();
            }
        }
        await transaction.CommitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM plain_deposits";
        if (Convert.ToInt64(await count.ExecuteScalarAsync(), CultureInfo.InvariantCulture) != rows)
            throw new InvalidOperationException("The plain insert lost rows.");
        return seconds;
    }

    /// <summary>
    /// CPU seconds used so far by this process (the app runs in it) and, for a PostgreSQL server on this machine, by
    /// the server's processes (the postmaster, its live children, and those it has reaped). On a shared machine the
    /// wall-clock ratio moves with what else runs; the CPU-time ratio much less. It counts the runtime's own threads
    /// too: in this fresh process tiered compilation goes on through both runs (a third of the app's perf samples during
    /// a 10⁵-row bulk deposit were in the JIT), so the app's share is an upper bound on a warm server's.
    /// </summary>
    private static async Task<Func<double>> CpuMeterAsync(BenchApp app)
    {
        var postmaster = await InDbAsync(app, async db =>
        {
            if (db.Database.GetDbConnection() is not NpgsqlConnection)
                return 0;
            var backend = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            return Stat(backend) is { } stat ? int.Parse(stat[1], CultureInfo.InvariantCulture) : 0;
        });
        const double Tick = 100.0;  // USER_HZ
        return () =>
        {
            var seconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
            if (postmaster == 0 || Stat(postmaster) is not { } own)
                return seconds;
            seconds += (long.Parse(own[11], CultureInfo.InvariantCulture) + long.Parse(own[12], CultureInfo.InvariantCulture)
                + long.Parse(own[13], CultureInfo.InvariantCulture) + long.Parse(own[14], CultureInfo.InvariantCulture)) / Tick;
            var parent = postmaster.ToString(CultureInfo.InvariantCulture);
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
                if (int.TryParse(Path.GetFileName(dir), out var pid) && Stat(pid) is { } child && child[1] == parent)
                    seconds += (long.Parse(child[11], CultureInfo.InvariantCulture) + long.Parse(child[12], CultureInfo.InvariantCulture)) / Tick;
            return seconds;
        };
    }

    /// <summary>The fields of /proc/PID/stat after the command's name (the first is the state), or null when the process is gone.</summary>
    private static string[]? Stat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            return text[(text.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static async Task<T> InDbAsync<T>(BenchApp app, Func<PactwerkDb, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<PactwerkDb>());
    }

    private static async Task<HttpClient> SignInAsync(BenchApp app)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.Timeout = TimeSpan.FromMinutes(30);
        var form = await client.GetStringAsync("/inloggen");
        var signedIn = await client.PostAsync("/inloggen", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = Admin, ["Password"] = Pactwerk.Web.Features.Demo.DemoAccounts.Password, ["__RequestVerificationToken"] = Token(form),
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"Sign-in failed: {(int)signedIn.StatusCode}");
        client.DefaultRequestHeaders.Add(Pactwerk.Web.Features.Accounts.WriteGuards.AntiforgeryHeader, Token(await client.GetStringAsync("/account")));
        return client;
    }

    private static string Token(string html) => WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
