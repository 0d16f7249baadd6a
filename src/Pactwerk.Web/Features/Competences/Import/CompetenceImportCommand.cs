using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Web.Features.Competences;

/// <summary>
/// <c>import-competences &lt;pact&gt; &lt;skills.csv&gt; [occupations.csv] [occupationSkillRelations.csv] [--language en]</c>:
/// an ESCO download into a pact's framework, as the coordinators' upload does it.
/// </summary>
public static class CompetenceImportCommand
{
    public const string Name = "import-competences";

    public static bool Handles(string[] args) => args is [Name, ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args)
    {
        var language = CompetenceImport.Dutch;
        var index = Array.IndexOf(args, "--language");
        if (index >= 0)
        {
            language = index + 1 < args.Length ? args[index + 1] : "";
            args = args.Where((_, i) => i != index && i != index + 1).ToArray();
        }
        if (args is not [Name, var pactCode, var skills, ..] || args.Length > 5)
        {
            await Console.Error.WriteLineAsync($"Gebruik: {Name} <pact> <skills.csv> [occupations.csv] [occupationSkillRelations.csv] [--language nl|en]");
            return 2;
        }
        var files = new List<EscoFile>();
        foreach (var given in args[2..])
        {
            var path = Pactwerk.Web.Shared.CommandLinePaths.Resolve(given);
            if (!File.Exists(path))
            {
                await Console.Error.WriteLineAsync($"Bestand niet gevonden: {given} ({path})");
                return 1;
            }
            files.Add(new EscoFile(Path.GetFileName(path), await File.ReadAllBytesAsync(path)));
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider, default);
        if (await PactLookup.FindAsync(db, pactCode, default) is not { } pact)
        {
            await Console.Error.WriteLineAsync(CompetenceMessages.Format(CompetenceMessages.NoPact, pactCode));
            return 1;
        }
        var report = await scope.ServiceProvider.GetRequiredService<CompetenceImport>()
            .ImportAsync(pact.Id, language, files[0], files.ElementAtOrDefault(1), files.ElementAtOrDefault(2), default);
        foreach (var error in report.Errors)
            await Console.Error.WriteLineAsync(error);
        Console.WriteLine(report.Message);
        return report.Accepted ? 0 : 1;
    }
}
