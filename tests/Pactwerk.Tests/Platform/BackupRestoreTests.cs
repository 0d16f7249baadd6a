using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Data.Backup;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// A backup of a running demo instance, restored into an empty database, gives an instance with the
/// same figures, accounts and audit trail; a restore over data, a backup over an existing file and a
/// file that is not a backup are refused and change nothing. Read from both databases apart from the
/// backup code: the rows themselves and the public API's figures.
/// </summary>
public abstract partial class BackupRestoreTests<TFactory>(TFactory source) : IClassFixture<TFactory>, IDisposable where TFactory : PactwerkFactory
{
    private readonly string _folder = Directory.CreateTempSubdirectory("pactwerk-backup-").FullName;

    /// <summary>A database that does not exist yet (or is empty), and an app on it that is not started until asked.</summary>
    protected abstract (string ConnectionString, PactwerkFactory App) NewTarget();

    private sealed record Snapshot(string Figures, List<string> Accounts, List<string> Audit);

    private static async Task<Snapshot> SnapshotAsync(PactwerkFactory app)
    {
        var figures = Microseconds().Replace(await app.CreateClient().GetStringAsync("/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet=provincies&period=2023"),
            m => DateTime.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind) is var t
                ? t.AddTicks(-(t.Ticks % 10)).ToString("yyyy-MM-ddTHH:mm:ss.ffffff", System.Globalization.CultureInfo.InvariantCulture) : m.Value);
        var accounts = await app.InDbAsync(db => db.Users.OrderBy(u => u.Email).Select(u => u.Email + " " + u.PasswordHash + " " + u.SecurityStamp).ToListAsync());
        var audit = await app.InDbAsync(db => db.AuditEntries.OrderBy(a => a.Id)
            .Select(a => a.Id + " " + a.At + " " + a.Actor + " " + a.Action + " " + a.EntityType + " " + a.EntityId + " " + a.Before + " " + a.After).ToListAsync());
        return new(figures, accounts, audit);
    }

    /// <summary>
    /// PostgreSQL keeps microseconds: the running instance's engine still holds the .NET ticks of an
    /// import it made itself, any instance that reads the database (a restored one) the stored microseconds.
    /// </summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")]
    private static partial System.Text.RegularExpressions.Regex Microseconds();

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_has_the_same_figures_accounts_and_audit_trail()
    {
        var before = await SnapshotAsync(source);
        Assert.NotEmpty(before.Accounts);
        Assert.NotEmpty(before.Audit);
        Assert.Contains("\"value\"", before.Figures);
        var file = Path.Combine(_folder, "pactwerk.backup");

        // The command as typed, against the running instance.
        Assert.Equal(0, await BackupCommand.RunAsync(source.Services, ["backup", file]));
        Assert.True(new FileInfo(file).Length > 0);
        Assert.Empty(Directory.GetFiles(_folder, "*.partial", SearchOption.AllDirectories));

        var (connection, app) = NewTarget();
        await using (app)
        {
            var restored = await DatabaseBackup.RestoreAsync(source.Provider, connection, file, default);
            Assert.True(restored.Done, restored.Message);

            var after = await SnapshotAsync(app);
            Assert.Equal(before.Figures, after.Figures);
            Assert.Equal(before.Accounts, after.Accounts);
            Assert.Equal(before.Audit, after.Audit);
            // The password hash came along: the demo coordinator signs in on the restored instance.
            var coordinator = await Session.SignInAsync(app, "coordinator@techniekpact.demo");
            Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync("/account")).StatusCode);

            // A second restore would put the backup over live data: refused, nothing changed.
            var count = await app.InDbAsync(db => db.AuditEntries.CountAsync());
            var again = await DatabaseBackup.RestoreAsync(source.Provider, connection, file, default);
            Assert.False(again.Done);
            Assert.Contains("niet leeg", again.Message);
            Assert.Equal(count, await app.InDbAsync(db => db.AuditEntries.CountAsync()));
        }
    }

    [Fact]
    public async Task A_backup_never_overwrites_a_file_and_a_file_that_is_not_a_backup_is_refused()
    {
        var existing = Path.Combine(_folder, "existing.backup");
        await File.WriteAllTextAsync(existing, "keep me");
        Assert.Equal(1, await BackupCommand.RunAsync(source.Services, ["backup", existing]));
        Assert.Equal("keep me", await File.ReadAllTextAsync(existing));
        Assert.Equal(2, await BackupCommand.RunAsync(source.Services, ["backup"]));

        var (connection, app) = NewTarget();
        await using (app)
        {
            var refused = await DatabaseBackup.RestoreAsync(source.Provider, connection, existing, default);
            Assert.False(refused.Done);
            Assert.Contains("geen back-up", refused.Message);
            var missing = await DatabaseBackup.RestoreAsync(source.Provider, connection, Path.Combine(_folder, "nowhere.backup"), default);
            Assert.False(missing.Done);
            Assert.Contains("bestaat niet", missing.Message);
            // Still empty: the app's own start makes the schema from nothing, which it could not on a half-restored database.
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
        }
    }

    [Fact]
    public async Task Live_answers_without_checks_and_ready_checks_database_schema_and_figures()
    {
        var client = source.CreateClient();
        var live = await client.GetStringAsync("/health/live");
        var ready = await client.GetStringAsync("/health/ready");

        Assert.Contains("\"checks\":[]", live);
        foreach (var check in new[] { "database", "migrations", "monitor" })
            Assert.Contains($"\"name\":\"{check}\",\"status\":\"Healthy\"", ready);

        // Not ready while the schema is behind or the figures are not read: each check on its own.
        var (connection, app) = NewTarget();
        await using (app)
        {
            await using var scope = source.Services.CreateAsyncScope();
            var actor = scope.ServiceProvider.GetRequiredService<Pactwerk.Web.Features.Audit.IAuditActor>();
            await using var empty = source.Provider == DatabaseSetup.Sqlite
                ? (PactwerkDb)new Pactwerk.Web.Data.Sqlite.SqlitePactwerkDb(new DbContextOptionsBuilder<Pactwerk.Web.Data.Sqlite.SqlitePactwerkDb>().UseSqlite(connection).Options, actor)
                : new Pactwerk.Web.Data.Postgres.PostgresPactwerkDb(new DbContextOptionsBuilder<Pactwerk.Web.Data.Postgres.PostgresPactwerkDb>().UseNpgsql(connection).Options, actor);
            var migrations = await new MigrationsHealthCheck(empty).CheckHealthAsync(new HealthCheckContext());
            Assert.Equal(HealthStatus.Unhealthy, migrations.Status);
            Assert.Contains("not applied", migrations.Description);
        }
        var engine = new Pactwerk.Web.Features.Monitor.MonitorEngineHost(new Pactwerk.Monitoring.MonitorEngine());
        Assert.Equal(HealthStatus.Unhealthy, (await new Pactwerk.Web.Features.Monitor.MonitorEngineHealthCheck(engine).CheckHealthAsync(new HealthCheckContext())).Status);
    }

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        GC.SuppressFinalize(this);
    }
}

public sealed class BackupRestoreTestsSqlite(SqliteFactory factory) : BackupRestoreTests<SqliteFactory>(factory)
{
    protected override (string, PactwerkFactory) NewTarget()
    {
        var file = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"restored-{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var connection = $"Data Source={file};Pooling=false";
        return (connection, new TargetFactory(DatabaseSetup.Sqlite, connection, () =>
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(file + suffix);
            return Task.CompletedTask;
        }));
    }
}

public sealed class BackupRestoreTestsPostgres(PostgresFactory factory) : BackupRestoreTests<PostgresFactory>(factory)
{
    protected override (string, PactwerkFactory) NewTarget()
    {
        var server = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable(PostgresFactory.EnvironmentVariable));
        var database = $"pactwerk_restored_{Guid.NewGuid():N}";
        var connection = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = database }.ConnectionString;
        return (connection, new TargetFactory(DatabaseSetup.Postgres, connection, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }));
    }
}
