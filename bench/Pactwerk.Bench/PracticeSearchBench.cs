using System.Data.Common;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Knowledge;
using Pactwerk.Web.Features.Pacts;

/// <summary>
/// Practice search over N generated published practices, on SQLite or PostgreSQL: the full search
/// (the match, filters, facets, snippets of the first page), the database's match alone (FTS5 with
/// bm25 on SQLite, the 'dutch' tsvector with ts_rank on PostgreSQL), and a plain LIKE scan over the
/// same columns as the comparator, all in one run over the same queries.
/// </summary>
internal static class PracticeSearchBench
{
    private static readonly string[] Queries =
        ["omscholen", "omscholing techniek", "opleiden zorg", "technische opleiding", "werkgevers", "leerlingen basisschool", "energietransitie", "vouchers herscholing", "zorgtechnologie wijk", "haven operator"];

    private static readonly string[] Words =
        ["omscholing", "omscholen", "opleiding", "opleiden", "techniek", "technische", "zorg", "zorgmedewerkers", "leerlingen", "basisschool", "werkgevers",
         "werkzoekenden", "energietransitie", "vouchers", "herscholing", "bijscholing", "wijk", "zorgtechnologie", "haven", "operator", "provincie", "samenwerking",
         "bedrijven", "mbo", "hbo", "vmbo", "docenten", "stage", "regio", "arbeidsmarkt", "instroom", "doorlopende", "leerlijn", "praktijk", "cliënten", "installatie",
         "programmeren", "metselen", "ouders", "evenement", "subsidie", "fonds", "netwerk", "bestuurders", "casus", "krimp", "vakmanschap", "certificaat", "baan", "groep"];

    public static Task<int> RunAsync(int count, string db, string work) => db == "postgres"
        ? BenchPostgres.InFreshDatabaseAsync("pactwerk_bench_practices", postgres => RunOnAsync(count, work, postgres))
        : RunOnAsync(count, work, null);

    private static async Task<int> RunOnAsync(int count, string work, string? postgres)
    {
        var database = Path.Combine(work, "pactwerk.db");
        await using var app = postgres is null ? new BenchApp(database) : new BenchApp(postgres, "Postgres");
        var clock = Stopwatch.StartNew();
        var (regionIds, firstId) = await GenerateAsync(app, count);
        Console.WriteLine($"generated and indexed {count:N0} published practices over {regionIds} regions in {clock.Elapsed.TotalSeconds:0.0} s");

        await using DbConnection connection = postgres is null ? new SqliteConnection($"Data Source={database}") : new NpgsqlConnection(postgres);
        await connection.OpenAsync();
        var checks = new List<string>();
        foreach (var q in Queries)
        {
            await using var scope = app.Services.CreateAsyncScope();
            var (found, _) = await scope.ServiceProvider.GetRequiredService<PracticeSearch>().SearchAsync(new PracticeQuery { Q = q }, default);
            var literal = LikeScan(connection, PracticeSearch.SearchWords(q)).Count;
            checks.Add($"{q}: search {found!.Total:N0}, LIKE {literal:N0}");
        }
        Console.WriteLine("matches per query (LIKE finds only the literal forms, search the stemmed ones too):");
        foreach (var c in checks)
            Console.WriteLine("  " + c);

        var search = await TimeAsync(async q =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<PracticeSearch>().SearchAsync(new PracticeQuery { Q = q }, default);
        });
        var match = await TimeAsync(q =>
        {
            using var command = connection.CreateCommand();
            // The same statement the search composes its filters with (PracticeSearch.Match), alone,
            // and on PostgreSQL under the same planner setting (PracticeSearch.MatchedAsync).
            command.CommandText = postgres is null
                ? "SELECT rowid, -bm25(PracticeSearch, 3.0, 1.0) FROM PracticeSearch WHERE PracticeSearch MATCH @m"
                : """BEGIN; SET LOCAL enable_seqscan = off; SELECT "Id", ts_rank("SearchVector", plainto_tsquery('dutch', @m))::float8 FROM "Practices" WHERE "SearchVector" @@ plainto_tsquery('dutch', @m); COMMIT;""";
            Parameter(command, "@m", postgres is null
                ? string.Join(' ', PracticeSearch.SearchWords(q).Select(w => $"\"{PracticeText.Stem(w)}\""))
                : string.Join(' ', PracticeSearch.SearchWords(q)));
            using var reader = command.ExecuteReader();
            while (reader.Read()) { }
            return Task.CompletedTask;
        });
        var like = await TimeAsync(q => { LikeScan(connection, PracticeSearch.SearchWords(q)); return Task.CompletedTask; });
        // The practice page's data: the practice with its related practices from other landsdelen, for ten spread-out practices.
        var pages = Enumerable.Range(0, Queries.Length).Select(i => firstId + i * (count / Queries.Length)).ToList();
        var page = await TimeAsync(async id =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<PracticeDetails>().FindAsync(id, default) is null)
                throw new InvalidOperationException($"practice {id} not found");
        }, pages);

        // The first view after a change: one published practice changes (a new version, as every
        // save makes one) and, as PracticeEditor does right after its commit, the kept related lists
        // are brought up to date (timed on its own: the save pays it); then another practice is
        // viewed once; five times over, the median counts.
        var cold = new List<double>();
        var keep = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var changed = pages[i];
            await using (var scope = app.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<PactwerkDb>().Set<Practice>().Where(x => x.Id == changed)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.Version, x => x.Version + 1).SetProperty(x => x.Title, x => x.Title + " (gewijzigd)"));
                var clock0 = Stopwatch.StartNew();
                await scope.ServiceProvider.GetRequiredService<PracticeRelated>().KeepCurrentAsync(changed, default);
                keep.Add(clock0.Elapsed.TotalMilliseconds);
            }
            var viewed = pages[(i + 1) % pages.Count];
            var clock1 = Stopwatch.StartNew();
            await using (var scope = app.Services.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<PracticeDetails>().FindAsync(viewed, default);
            cold.Add(clock1.Elapsed.TotalMilliseconds);
        }

        var result = new
        {
            practices = count, queries = Queries.Length, samples = search.Length,
            search_p50_ms = P(search, 50), search_p95_ms = P(search, 95),
            fts_match_p50_ms = P(match, 50), fts_match_p95_ms = P(match, 95),
            like_scan_p50_ms = P(like, 50), like_scan_p95_ms = P(like, 95),
            practice_page_p50_ms = P(page, 50), practice_page_p95_ms = P(page, 95),
            cold_page_p50_ms = P([.. cold], 50),
            keep_related_p50_ms = P([.. keep], 50),
        };
        Console.WriteLine($"{"measure",-34}{"p50 ms",10}{"p95 ms",10}");
        Console.WriteLine($"{"search (match, facets, snippets)",-34}{result.search_p50_ms,10:0.000}{result.search_p95_ms,10:0.000}");
        Console.WriteLine($"{(postgres is null ? "FTS5 match + bm25 only" : "tsvector match + ts_rank only"),-34}{result.fts_match_p50_ms,10:0.000}{result.fts_match_p95_ms,10:0.000}");
        Console.WriteLine($"{"LIKE scan (comparator)",-34}{result.like_scan_p50_ms,10:0.000}{result.like_scan_p95_ms,10:0.000}");
        Console.WriteLine($"{"practice with related practices",-34}{result.practice_page_p50_ms,10:0.000}{result.practice_page_p95_ms,10:0.000}");
        Console.WriteLine($"match / LIKE scan p95 ratio: {result.fts_match_p95_ms / result.like_scan_p95_ms:0.00}; full search / LIKE scan p95 ratio: {result.search_p95_ms / result.like_scan_p95_ms:0.00}; practice page / LIKE scan p95 ratio: {result.practice_page_p95_ms / result.like_scan_p95_ms:0.00}");
        var results = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "results");
        Directory.CreateDirectory(results);
        await File.WriteAllTextAsync(Path.Combine(results, postgres is null ? $"practices-{count}.json" : $"practices-postgres-{count}.json"), JsonSerializer.Serialize(result, new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"{"first view after a change (median of 5)",-34}{result.cold_page_p50_ms,10:0.000}");
        Console.WriteLine($"{"keeping related lists at the save (median of 5)",-34}{result.keep_related_p50_ms,10:0.000}");
        Console.WriteLine(System.FormattableString.Invariant(
            $"practices: db={(postgres is null ? "sqlite" : "postgres")} n={count} search_p95_ms={result.search_p95_ms:0.00} match_p95_ms={result.fts_match_p95_ms:0.00} cold_page_ms={result.cold_page_p50_ms:0.0} keep_related_ms={result.keep_related_p50_ms:0.0} warm_page_ms={result.practice_page_p50_ms:0.0}"));
        return 0;
    }

    /// <summary>
    /// Every practice that holds each word literally somewhere in its text: what a search without an
    /// index would do. Case-insensitive on both (SQLite's LIKE is for ASCII; PostgreSQL needs ILIKE).
    /// </summary>
    private static List<long> LikeScan(DbConnection connection, List<string> words)
    {
        using var command = connection.CreateCommand();
        var like = connection is NpgsqlConnection ? "ILIKE" : "LIKE";
        var where = new StringBuilder("\"Status\" = 'Published'");
        for (var i = 0; i < words.Count; i++)
        {
            where.Append(" AND (" + string.Join(" OR ", new[] { "Title", "Summary", "Context", "Approach", "Results", "WhatWorked", "WhatDidNotWork", "TransferConditions" }
                .Select(c => $"\"{c}\" {like} @w{i}")) + ")");
            Parameter(command, $"@w{i}", $"%{words[i]}%");
        }
        command.CommandText = $"SELECT \"Id\" FROM \"Practices\" WHERE {where}";
        var ids = new List<long>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            ids.Add(reader.GetInt64(0));
        return ids;
    }

    private static void Parameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static Task<double[]> TimeAsync(Func<string, Task> run) => TimeAsync(run, Queries);

    private static async Task<double[]> TimeAsync<T>(Func<T, Task> run, IReadOnlyList<T> inputs)
    {
        var clock0 = Stopwatch.StartNew();
        foreach (var q in inputs)
            await run(q); // warm-up
        Console.WriteLine($"  (warm-up of {inputs.Count} took {clock0.Elapsed.TotalMilliseconds:0} ms)");
        var times = new List<double>();
        for (var round = 0; round < 10; round++)
            foreach (var q in inputs)
            {
                var clock = Stopwatch.StartNew();
                await run(q);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        return [.. times];
    }

    private static double P(double[] values, int percentile)
    {
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1)];
    }

    /// <summary>Practices of about 360 words (seeded random), each in one region and sector, published and indexed.</summary>
    private static async Task<(int Regions, int FirstId)> GenerateAsync(BenchApp app, int count)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var pact = new Pact { Code = "benchpact", Name = "Benchpact", Summary = "Voor de benchmark.", SignedOn = new DateOnly(2020, 1, 1) };
        db.Pacts.Add(pact);
        await db.SaveChangesAsync();
        var regions = await db.Regions.Where(r => r.ValidTo == null).Select(r => r.Id).ToListAsync();
        var random = new Random(2026);
        // Mostly filler words, a domain word about one in fifty: a query word then matches some 10–15% of the practices, two words a few percent.
        var filler = Enumerable.Range(0, 3000).Select(i => "vul" + new string((char)('a' + i % 26), 1) + (i / 26).ToString(System.Globalization.CultureInfo.InvariantCulture) + "x").ToArray();
        string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => random.Next(50) == 0 ? Words[random.Next(Words.Length)] : filler[random.Next(filler.Length)]));
        var index = new PracticeIndex(db);
        for (var batch = 0; batch < count; batch += 500)
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            var practices = Enumerable.Range(batch, Math.Min(500, count - batch)).Select(i => new Practice
            {
                PactId = pact.Id, Title = $"Praktijk {i}: {Text(4)}", Summary = Text(30), Context = Text(60), Approach = Text(120), Results = Text(50),
                WhatWorked = Text(40), WhatDidNotWork = Text(30), TransferConditions = Text(30),
                Sector = Pactwerk.Web.Features.Network.Sectors.All[random.Next(Pactwerk.Web.Features.Network.Sectors.All.Count)],
                Regions = [new PracticeRegion { RegionId = regions[random.Next(regions.Count)] }],
            }).ToList();
            foreach (var p in practices)
            {
                p.MoveTo(PracticeStatus.Published, DateTime.UtcNow);
                p.SearchSynonyms = PracticeText.SynonymsOf(p.Title + "\n" + PracticeIndex.BodyText(p));
            }
            db.Set<Practice>().AddRange(practices);
            await db.SaveChangesAsync();
            foreach (var p in practices)
                await index.RefreshAsync(p, default);
            await tx.CommitAsync();
            db.ChangeTracker.Clear();
        }
        return (regions.Count, await db.Set<Practice>().MinAsync(p => p.Id));
    }
}
