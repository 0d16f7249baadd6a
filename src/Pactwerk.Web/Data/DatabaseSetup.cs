using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Pactwerk.Web.Data.Postgres;
using Pactwerk.Web.Data.Sqlite;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Data;

public static class DatabaseSetup
{
    public const string Postgres = "Postgres";
    public const string Sqlite = "Sqlite";

    /// <summary>
    /// Registers <see cref="PactwerkDb"/> on SQLite (default, a file under the content root's data/)
    /// or on PostgreSQL when Database:Provider is "Postgres". Interceptors that features register
    /// as <see cref="IInterceptor"/> (the monitor's cache eviction) join every context.
    /// </summary>
    public static IHostApplicationBuilder AddPactwerkDatabase(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Database");
        var provider = section["Provider"] ?? Sqlite;
        var connectionString = section["ConnectionString"];

        if (string.Equals(provider, Postgres, StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Database:Provider is Postgres, but Database:ConnectionString is empty.");
            builder.Services.AddDbContext<PactwerkDb, PostgresPactwerkDb>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(sp.GetServices<IInterceptor>()));
            KeyRingDb.Register(builder.Services, o => o.UseNpgsql(connectionString));
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            builder.Services.AddDbContext<PactwerkDb, SqlitePactwerkDb>((sp, o) => o.UseSqlite(sqlite).AddInterceptors(sp.GetServices<IInterceptor>()));
            KeyRingDb.Register(builder.Services, o => o.UseSqlite(sqlite));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use '{Sqlite}' or '{Postgres}'.");
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditActor, HttpAuditActor>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PactwerkDb>("database", tags: [HealthTags.Ready])
            .AddCheck<MigrationsHealthCheck>("migrations", tags: [HealthTags.Ready]);
        return builder;
    }

    /// <summary>
    /// Brings the schema up to date. The migrations were squashed into one <c>Initial</c> per provider
    /// before the first release, so a database made by an earlier build names migrations this build
    /// does not have, and migrating it would fail half-way. Outside Production such a database holds
    /// demo or test data only: it is dropped and made anew. In Production nothing is touched and the
    /// start stops with a message saying what to do.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider scoped, CancellationToken ct)
    {
        var db = scoped.GetRequiredService<PactwerkDb>();
        // A database that does not exist yet (a fresh PostgreSQL) is made here, with its empty migrations
        // history: left to the migrator, its first attempts to connect and to read the history are logged as
        // failures at error level on every fresh start, which an operator would rightly chase.
        var creator = db.Database.GetService<Microsoft.EntityFrameworkCore.Storage.IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(ct))
        {
            await creator.CreateAsync(ct);
            await db.Database.GetService<Microsoft.EntityFrameworkCore.Migrations.IHistoryRepository>().CreateIfNotExistsAsync(ct);
        }
        var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToList();
        var known = db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
        if (applied.Count > 0 && !applied.Any(known.Contains))
        {
            if (scoped.GetRequiredService<IHostEnvironment>().IsProduction())
                throw new InvalidOperationException(
                    $"The database was made before the migrations were squashed (it holds {applied[^1]}); this build cannot update it. Make a new database and load its data again.");
            scoped.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseSetup)).LogWarning(
                "The database was made before the migrations were squashed (it holds {Migration}); it is dropped and made anew.", applied[^1]);
            await db.Database.EnsureDeletedAsync(ct);
            applied.Clear();
        }
        // Nothing to apply: the migrator would still build the snapshot's model and compare it with the code's
        // (a fifth of a start's CPU). That comparison has its own test (PlatformTests), where it belongs.
        if (known.All(applied.Contains))
            return;
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>Resolves a relative SQLite file against the content root and makes sure its folder exists.</summary>
    /// <summary>
    /// SQLite in write-ahead-log mode: readers are never blocked by a writer, so pages keep
    /// answering while a large import writes for a minute. The mode is stored in the file, once.
    /// </summary>
    public static async Task UseWriteAheadLogAsync(PactwerkDb db, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", ct);
    }

    private static string SqliteConnectionString(string? configured, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(configured ?? "Data Source=data/pactwerk.db");
        if (csb.DataSource != ":memory:" && !Path.IsPathRooted(csb.DataSource))
            csb.DataSource = Path.Combine(contentRoot, csb.DataSource);
        var folder = Path.GetDirectoryName(csb.DataSource);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        return csb.ToString();
    }
}
