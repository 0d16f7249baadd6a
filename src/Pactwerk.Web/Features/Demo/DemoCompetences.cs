using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Competences;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Demo;

/// <summary>
/// A small competence framework for each demo pact — techniek (elektrotechnisch monteur, software developer, monteur duurzame
/// energie) and zorg (verpleegkundige, helpende zorg en welzijn, verzorgende IG) — hand-made in ESCO's shape and loaded
/// from the reference data through the same importer a real ESCO download goes through: Dutch first, then English.
/// </summary>
public static class DemoCompetences
{
    public static readonly IReadOnlyList<(string Pact, string Folder)> Frameworks = [("techniekpact", "competenties/techniek"), ("zorgpact", "competenties/zorg")];

    public static async Task<bool> SeedAsync(PactwerkDb db, IReferenceDataSource? source, CompetenceImport import, ILogger logger, CancellationToken ct)
    {
        if (source is null || await db.Competences.AnyAsync(ct))
            return false;
        var loaded = false;
        foreach (var (pactCode, folder) in Frameworks)
        {
            var pactId = await db.Pacts.Where(p => p.Code == pactCode).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
            if (pactId is null)
                continue;
            foreach (var language in new[] { CompetenceImport.Dutch, CompetenceImport.English })
            {
                async Task<EscoFile?> File(string name) =>
                    await source.ReadBytesAsync($"{folder}/{name}_{language}.csv", ct) is { } bytes ? new EscoFile($"{name}_{language}.csv", bytes) : null;
                if (await File("skills") is not { } skills)
                {
                    logger.LogWarning("Demo mode: {Folder}/skills_{Language}.csv was not found in the reference data.", folder, language);
                    break;
                }
                var relations = language == CompetenceImport.Dutch ? await File("occupationSkillRelations") : null;
                var report = await import.ImportAsync(pactId.Value, language, skills, await File("occupations"), relations, ct);
                if (!report.Accepted)
                    throw new InvalidOperationException($"The demo competences of {pactCode} were refused: {string.Join(" ", report.Errors)}");
                loaded = true;
            }
        }
        return loaded;
    }
}
