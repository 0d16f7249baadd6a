using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Competences;
using Pactwerk.Web.Features.Pacts;

namespace Pactwerk.Tests.Competences;

/// <summary>The command line's import-competences: the demo's zorg files into a fresh pact (as many competences as the file has rows, counted by the BCL's parser), a broken relations file refused with its line and exit code 1, usage errors exit code 2.</summary>
public abstract class CompetenceImportCommandTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_command_imports_a_download_and_refuses_a_broken_one()
    {
        factory.CreateClient();
        var code = "cli-" + Guid.NewGuid().ToString("N")[..8];
        var pact = new Pact { Code = code, Name = "Testpact " + code, Summary = "Voor de opdrachtregel.", SignedOn = new DateOnly(2024, 1, 1) };
        await factory.InDbAsync(async db => { db.Pacts.Add(pact); return await db.SaveChangesAsync(); });
        var folder = Path.Combine(SharedData.Root, "competenties", "zorg");
        var broken = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"relations-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(broken)!);
        await File.WriteAllTextAsync(broken, "occupationUri,relationType,skillType,skillUri\nhttps://demo.pactwerk.nl/beroep/verpleegkundige,essential,skill/competence,https://example.org/geen-vaardigheid\n");
        Task<int> Count() => factory.InDbAsync(db => db.Competences.CountAsync(c => c.PactId == pact.Id));

        using var console = new ConsoleCapture();
        Assert.Equal(1, await CompetenceImportCommand.RunAsync(factory.Services,
            ["import-competences", code, Path.Combine(folder, "skills_nl.csv"), Path.Combine(folder, "occupations_nl.csv"), broken]));
        Assert.Contains($"{Path.GetFileName(broken)}, regel 2: de competentie 'https://example.org/geen-vaardigheid' staat niet in het vaardighedenbestand", console.Errors.ToString());
        Assert.Equal(0, await Count());

        Assert.Equal(0, await CompetenceImportCommand.RunAsync(factory.Services, ["import-competences", code, Path.Combine(folder, "skills_nl.csv"),
            Path.Combine(folder, "occupations_nl.csv"), Path.Combine(folder, "occupationSkillRelations_nl.csv")]));
        Assert.Equal(0, await CompetenceImportCommand.RunAsync(factory.Services, ["import-competences", code, Path.Combine(folder, "skills_en.csv"), "--language", "en"]));
        Assert.Equal(SharedData.Rows("competenties/zorg/skills_nl.csv").Count, await Count());
        Assert.Equal(2, await CompetenceImportCommand.RunAsync(factory.Services, ["import-competences", code]));
        Assert.Equal(1, await CompetenceImportCommand.RunAsync(factory.Services, ["import-competences", "geen-pact", Path.Combine(folder, "skills_nl.csv")]));
        Assert.True(CompetenceImportCommand.Handles(["import-competences"]) && !CompetenceImportCommand.Handles(["import", "x", "y"]));
    }
}

public sealed class CompetenceImportCommandSqlite(SqliteFactory factory) : CompetenceImportCommandTests<SqliteFactory>(factory);
public sealed class CompetenceImportCommandPostgres(PostgresFactory factory) : CompetenceImportCommandTests<PostgresFactory>(factory);
