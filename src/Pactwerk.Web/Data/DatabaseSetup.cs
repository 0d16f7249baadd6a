using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Pactwerk.Web.Data.Postgres;
using Pactwerk.Web.Data.Sqlite;
using Pactwerk.Web.Features.Audit;

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
        }
        else if (string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            var sqlite = SqliteConnectionString(connectionString, builder.Environment.ContentRootPath);
            builder.Services.AddDbContext<PactwerkDb, SqlitePactwerkDb>((sp, o) => o.UseSqlite(sqlite).AddInterceptors(sp.GetServices<IInterceptor>()));
        }
        else
        {
            throw new InvalidOperationException($"Database:Provider '{provider}' is not supported; use '{Sqlite}' or '{Postgres}'.");
        }

        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<IAuditActor, HttpAuditActor>();
        builder.Services.AddHealthChecks().AddDbContextCheck<PactwerkDb>("database");
        return builder;
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
