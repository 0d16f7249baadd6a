using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>
/// `dotnet run --project src/Pactwerk.Web -- reference-data load [--path folder-or-url]`: the same
/// load as at start, from the command line, with the outcome as exit code; and `reference-data
/// update`, which fetches a new structure from the official sources (see <see cref="ReferenceDataUpdater"/>).
/// </summary>
public static class ReferenceDataCommand
{
    public static bool Handles(string[] args) => args is ["reference-data", ..];

    public static Task<int> RunAsync(IServiceProvider services, string[] args) => RunAsync(services, args, Console.Out, Console.Error);

    /// <summary>The same, writing to the given writers, so callers in one process do not share the console.</summary>
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        if (args is ["reference-data", "update", .. var updateArgs])
            return await UpdateAsync(services, updateArgs, output, errors);
        if (args is not ["reference-data", "load", .. var rest] || rest is not ([] or ["--path", _]))
        {
            await errors.WriteLineAsync("Gebruik: reference-data load [--path <map of http(s)-adres met regions/*.csv>]");
            await errors.WriteLineAsync("     of: reference-data update [--valid-from jjjj-mm-dd] [--duo <adres van het DUO-bestand>] [--path <map>]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var scoped = scope.ServiceProvider;
        var options = scoped.GetRequiredService<IOptions<ReferenceDataOptions>>().Value;
        if (rest is [_, var path])
            options = new ReferenceDataOptions { Path = Web.Shared.CommandLinePaths.Resolve(path), ValidFrom = options.ValidFrom };

        var source = ReferenceDataModule.Resolve(scoped, options);
        if (source is null)
        {
            await errors.WriteLineAsync($"Geen referentiegegevens gevonden op '{options.Path ?? ReferenceDataOptions.DefaultFolder}'.");
            return 1;
        }

        var db = scoped.GetRequiredService<PactwerkDb>();
        await DatabaseSetup.MigrateAsync(scoped, default);
        try
        {
            var result = await scoped.GetRequiredService<ReferenceDataImporter>().LoadAsync(source, options.ValidFrom);
            output.WriteLine(result.Changed
                ? $"Geladen uit {result.Source}: {result.RegionsAdded} regio's toegevoegd, {result.RegionsUpdated} bijgewerkt, {result.MembershipsOpened} lidmaatschappen geopend, {result.MembershipsClosed} gesloten."
                : $"Niets veranderd: de gegevens in {result.Source} staan al in de database.");
        }
        catch (Exception e) when (e is ReferenceDataException or HttpRequestException or IOException)
        {
            await errors.WriteLineAsync(e.Message);
            await errors.WriteLineAsync("De database is niet gewijzigd.");
            return 1;
        }

        var configuration = scoped.GetRequiredService<IConfiguration>();
        await DatabaseInitialiser.SeedDemoAsync(scoped, configuration, scoped.GetRequiredService<ILoggerFactory>().CreateLogger("Demo"), default);
        return 0;
    }

    /// <summary>
    /// Fetches the official releases (addresses in ReferenceData:Update), checks them, loads them as
    /// the structure from --valid-from (default: 1 January of this year) and replaces the files in
    /// the reference-data folder. Says what changed; on any problem, says what and changes nothing.
    /// </summary>
    private static async Task<int> UpdateAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter errors)
    {
        var named = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length && args[i] is "--valid-from" or "--duo" or "--path"; i += 2)
            named[args[i]] = args[i + 1];
        var validFrom = new DateOnly(DateTime.UtcNow.Year, 1, 1);
        if (named.Count * 2 != args.Length
            || (named.TryGetValue("--valid-from", out var day) && !DateOnly.TryParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out validFrom)))
        {
            await errors.WriteLineAsync("Gebruik: reference-data update [--valid-from jjjj-mm-dd] [--duo <adres van het DUO-bestand>] [--path <map>]");
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var scoped = scope.ServiceProvider;
        var options = scoped.GetRequiredService<IOptions<ReferenceDataOptions>>().Value;
        if (named.TryGetValue("--path", out var path))
            options = new ReferenceDataOptions { Path = Web.Shared.CommandLinePaths.Resolve(path), ValidFrom = options.ValidFrom };
        if (ReferenceDataModule.Resolve(scoped, options) is not DirectoryReferenceDataSource folder)
        {
            await errors.WriteLineAsync($"De update schrijft de nieuwe bestanden in een map met referentiegegevens; '{options.Path ?? ReferenceDataOptions.DefaultFolder}' is dat niet.");
            return 1;
        }

        await DatabaseSetup.MigrateAsync(scoped, default);
        try
        {
            var duo = named.GetValueOrDefault("--duo") ?? scoped.GetRequiredService<IOptions<ReferenceDataUpdateOptions>>().Value.Duo;
            var report = await scoped.GetRequiredService<ReferenceDataUpdater>().UpdateAsync(folder.Location, validFrom, duo, default);
            var load = report.Load;
            output.WriteLine(load.Changed
                ? $"Indeling van {validFrom:yyyy-MM-dd} geladen uit {load.Source}: {load.RegionsAdded} regio's toegevoegd, {load.RegionsUpdated} bijgewerkt, {load.MembershipsOpened} lidmaatschappen geopend, {load.MembershipsClosed} gesloten."
                : $"Niets veranderd aan de indeling: {load.Source} geeft wat de database al heeft.");
            foreach (var change in report.Changes)
                output.WriteLine("  " + change);
            if (report.Duo is { } duoReport)
                output.WriteLine($"DUO: {duoReport.Message}");
            output.WriteLine($"Bijgewerkt in {folder.Location}: {string.Join(", ", report.FilesWritten)}");
            return report.Duo is { Status: Monitor.Import.ImportStatus.Rejected } ? 1 : 0;
        }
        catch (ReferenceDataException e)
        {
            await errors.WriteLineAsync(e.Message);
            await errors.WriteLineAsync("De database en de bestanden zijn niet gewijzigd.");
            return 1;
        }
    }
}
