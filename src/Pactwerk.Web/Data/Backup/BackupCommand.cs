using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Data.Backup;

/// <summary>
/// `dotnet run --project src/Pactwerk.Web -- backup &lt;file&gt;` copies the configured database into one file;
/// `-- restore &lt;file&gt;` puts such a file into the configured database, which must be empty. Neither
/// starts the server; a backup may be taken while the site runs, a restore is done before it starts.
/// </summary>
public static class BackupCommand
{
    public static bool Handles(string[] args) => args is ["backup", ..] or ["restore", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args is not [var verb, var file] || string.IsNullOrWhiteSpace(file))
        {
            await Console.Error.WriteLineAsync("Gebruik: backup <bestand>   of   restore <bestand>");
            return 2;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var provider = db.Database.IsSqlite() ? DatabaseSetup.Sqlite : DatabaseSetup.Postgres;
        var connection = db.Database.GetConnectionString()!;
        var path = verb == "backup" ? CommandLinePaths.ResolveNew(file) : CommandLinePaths.Resolve(file);
        var outcome = verb == "backup"
            ? await DatabaseBackup.BackupAsync(provider, connection, path, default)
            : await DatabaseBackup.RestoreAsync(provider, connection, path, default);
        if (!outcome.Done)
        {
            await Console.Error.WriteLineAsync(outcome.Message);
            return 1;
        }
        Console.WriteLine(outcome.Message);
        return 0;
    }
}
