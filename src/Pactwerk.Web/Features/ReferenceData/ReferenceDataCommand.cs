using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.ReferenceData;

/// <summary>
/// `dotnet run --project src/Pactwerk.Web -- reference-data load [--path folder-or-url]`:
/// the same load as at start, from the command line, with the outcome as exit code.
/// </summary>
public static class ReferenceDataCommand
{
    public static bool Handles(string[] args) => args is ["reference-data", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        if (args is not ["reference-data", "load", .. var rest] || rest is not ([] or ["--path", _]))
        {
            await Console.Error.WriteLineAsync("Gebruik: reference-data load [--path <map of http(s)-adres met regions/*.csv>]");
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
            await Console.Error.WriteLineAsync($"Geen referentiegegevens gevonden op '{options.Path ?? "../shared/data/nl"}'.");
            return 1;
        }

        var db = scoped.GetRequiredService<PactwerkDb>();
        await db.Database.MigrateAsync();
        try
        {
            var result = await scoped.GetRequiredService<ReferenceDataImporter>().LoadAsync(source, options.ValidFrom);
            Console.WriteLine(result.Changed
                ? $"Geladen uit {result.Source}: {result.RegionsAdded} regio's toegevoegd, {result.RegionsUpdated} bijgewerkt, {result.MembershipsOpened} lidmaatschappen geopend, {result.MembershipsClosed} gesloten."
                : $"Niets veranderd: de gegevens in {result.Source} staan al in de database.");
        }
        catch (Exception e) when (e is ReferenceDataException or HttpRequestException or IOException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            await Console.Error.WriteLineAsync("De database is niet gewijzigd.");
            return 1;
        }

        var configuration = scoped.GetRequiredService<IConfiguration>();
        await DatabaseInitialiser.SeedDemoAsync(scoped, configuration, scoped.GetRequiredService<ILoggerFactory>().CreateLogger("Demo"), default);
        return 0;
    }
}
