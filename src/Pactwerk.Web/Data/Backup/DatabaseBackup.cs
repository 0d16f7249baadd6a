using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Pactwerk.Web.Data.Backup;

/// <summary>What came of a backup or a restore: done, or refused with a message and nothing changed.</summary>
public sealed record BackupOutcome(bool Done, string Message);

/// <summary>
/// A copy of the whole database in one file, and that file put back into an empty database. SQLite
/// uses its online backup (a consistent copy while the site keeps answering); PostgreSQL uses its own
/// tools, <c>pg_dump</c> in the custom format and <c>pg_restore</c>, so a backup can also be read by
/// the standard tools alone. A restore only writes into an <b>empty</b> database: putting a backup
/// over live data would mix two histories (and the audit trail with them), so that is refused.
/// Both write to a file beside the target first and move it into place at the end, so a backup that
/// fails half-way leaves nothing that looks like a backup.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<BackupOutcome> BackupAsync(string provider, string connectionString, string file, CancellationToken ct)
    {
        file = Path.GetFullPath(file);
        if (File.Exists(file))
            return new(false, $"Het bestand {file} bestaat al; kies een nieuwe naam (een back-up overschrijft niets).");
        var folder = Path.GetDirectoryName(file)!;
        if (!Directory.Exists(folder))
            return new(false, $"De map {folder} bestaat niet.");
        var partial = Path.Combine(folder, $".{Path.GetFileName(file)}.{Guid.NewGuid():N}.partial");
        try
        {
            if (IsSqlite(provider))
                await SqliteBackupAsync(connectionString, partial, ct);
            else if (await RunToolAsync("pg_dump", connectionString, null, ["--format=custom", "--no-owner", "--no-privileges", "--file=" + partial], ct) is { } failed)
                return new(false, failed);
            File.Move(partial, file);
            return new(true, $"Back-up geschreven naar {file} ({new FileInfo(file).Length / 1024.0:0} kB).");
        }
        finally
        {
            File.Delete(partial);
        }
    }

    public static async Task<BackupOutcome> RestoreAsync(string provider, string connectionString, string file, CancellationToken ct)
    {
        file = Path.GetFullPath(file);
        if (!File.Exists(file))
            return new(false, $"Het bestand {file} bestaat niet.");
        return IsSqlite(provider) ? await SqliteRestoreAsync(connectionString, file, ct) : await PostgresRestoreAsync(connectionString, file, ct);
    }

    private static bool IsSqlite(string provider) => string.Equals(provider, DatabaseSetup.Sqlite, StringComparison.OrdinalIgnoreCase);

    private static async Task SqliteBackupAsync(string connectionString, string partial, CancellationToken ct)
    {
        await using var source = new SqliteConnection(connectionString);
        await source.OpenAsync(ct);
        await using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString());
        await target.OpenAsync(ct);
        source.BackupDatabase(target);
        // One self-contained file: the copy keeps the source's write-ahead-log mode, which would want a -wal file beside it.
        await using var journal = target.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode = DELETE";
        await journal.ExecuteNonQueryAsync(ct);
    }

    private static async Task<BackupOutcome> SqliteRestoreAsync(string connectionString, string file, CancellationToken ct)
    {
        await using (var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        {
            try
            {
                await backup.OpenAsync(ct);
                if (await ScalarAsync(backup, "PRAGMA quick_check", ct) is not "ok"
                    || Convert.ToInt64(await ScalarAsync(backup, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'", ct)) != 1)
                    return NotABackup(file);
            }
            catch (SqliteException)
            {
                return NotABackup(file);
            }

            await using var target = new SqliteConnection(connectionString);
            await target.OpenAsync(ct);
            if (Convert.ToInt64(await ScalarAsync(target, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", ct)) > 0)
                return NotEmpty(target.DataSource);
            backup.BackupDatabase(target);
            await using var journal = target.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = WAL";
            await journal.ExecuteNonQueryAsync(ct);
        }
        return new(true, $"Back-up {file} teruggezet.");
    }

    private static async Task<BackupOutcome> PostgresRestoreAsync(string connectionString, string file, CancellationToken ct)
    {
        // pg_dump's custom format starts with these five bytes; anything else is not one of our backups.
        var head = new byte[5];
        await using (var stream = File.OpenRead(file))
            if (await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct) < head.Length || System.Text.Encoding.ASCII.GetString(head) != "PGDMP")
                return NotABackup(file);

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        await CreateDatabaseIfMissingAsync(target, ct);
        await using (var connection = new NpgsqlConnection(target.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var tables = new NpgsqlCommand("SELECT count(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')", connection);
            if (Convert.ToInt64(await tables.ExecuteScalarAsync(ct)) > 0)
                return NotEmpty(target.Database);
        }
        // One transaction: a restore that fails on its last table leaves the database as empty as it was.
        if (await RunToolAsync("pg_restore", connectionString, target.Database,
                ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", file], ct) is { } failed)
            return new(false, failed);
        return new(true, $"Back-up {file} teruggezet in database {target.Database}.");
    }

    private static async Task CreateDatabaseIfMissingAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var server = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", target.Database!);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target.Database!.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
    }

    private static BackupOutcome NotABackup(string file) =>
        new(false, $"{file} is geen back-up van Pactwerk voor deze database (geen leesbaar bestand met de migraties van Pactwerk).");

    private static BackupOutcome NotEmpty(string? database) =>
        new(false, $"De database {database} is niet leeg. Een back-up wordt alleen in een lege database teruggezet, zodat er niets door elkaar raakt; maak een nieuwe database en stel die in als Database:ConnectionString.");

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }

    /// <summary>Runs a PostgreSQL client tool against the configured server; null when it succeeded, else what went wrong.</summary>
    private static async Task<string?> RunToolAsync(string tool, string connectionString, string? database, string[] arguments, CancellationToken ct)
    {
        if (FindTool(tool) is not { } path)
            return $"{tool} is niet gevonden (zet het op PATH of installeer de PostgreSQL-clienttools, bijvoorbeeld apt-get install -y postgresql-client).";
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(path) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (database is not null)
            start.ArgumentList.Add("--dbname=" + database);
        // The connection through the tools' own environment variables: a password never shows on a command line.
        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = settings.Database;
        if (settings.Username is { } user)
            start.Environment["PGUSER"] = user;
        if (settings.Password is { } password)
            start.Environment["PGPASSWORD"] = password;
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return process.ExitCode == 0 ? null : $"{tool} stopte met code {process.ExitCode}: {(await error).Trim()}";
    }

    /// <summary>On PATH, or where Debian's packages put the newest version (not on PATH there).</summary>
    private static string? FindTool(string tool)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(folder, tool)))
                return Path.Combine(folder, tool);
        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian).Select(d => Path.Combine(d, "bin", tool)).Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0).FirstOrDefault()
            : null;
    }
}
