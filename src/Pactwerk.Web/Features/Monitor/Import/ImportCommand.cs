using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor.Import;

/// <summary>
/// `dotnet run --project src/Pactwerk.Web -- import &lt;profile&gt; &lt;file&gt; [--published yyyy-mm-dd] [--replace-shrinking]`: the same import as the
/// API, from the command line. Exit code 0 when committed or unchanged, 1 with the report of
/// rejected rows otherwise.
/// </summary>
public static class ImportCommand
{
    public static bool Handles(string[] args) => args is ["import", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        DateOnly? publishedOn = null;
        var replaceShrinking = args.Contains("--replace-shrinking");
        args = args.Where(a => a != "--replace-shrinking").ToArray();
        if (args is ["import", _, _, "--published", var published])
        {
            if (!DateOnly.TryParseExact(published, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                await Console.Error.WriteLineAsync($"De publicatiedatum '{published}' is geen datum als 2024-03-15.");
                return 2;
            }
            publishedOn = day;
            args = args[..3];
        }
        if (args is not ["import", var profile, var given])
        {
            await Console.Error.WriteLineAsync($"Gebruik: import <profiel> <bestand> [--published jjjj-mm-dd] [--replace-shrinking]   (profielen: {string.Join(", ", ImportProfiles.All.Select(p => p.Code))})");
            return 2;
        }
        var file = Web.Shared.CommandLinePaths.Resolve(given);
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"Bestand niet gevonden: {given} ({file})");
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider, default);
        await DatabaseSetup.UseWriteAheadLogAsync(db, default);
        await scope.ServiceProvider.GetRequiredService<MonitorEngineHost>().LoadAllAsync(db, default);
        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(profile, file, await File.ReadAllBytesAsync(file), default, publishedOn, replaceShrinking);
        Console.WriteLine(report.Message);
        Console.WriteLine($"Regels gelezen: {report.RowsRead}; waarnemingen geschreven: {report.ObservationsWritten}; onderdrukte cellen: {report.SuppressedCells}; perioden: {string.Join(", ", report.Periods)}");
        foreach (var rejected in report.Rejected)
            await Console.Error.WriteLineAsync($"regel {rejected.Line}: {rejected.Reason}");
        return report.Status == ImportStatus.Rejected ? 1 : 0;
    }
}
