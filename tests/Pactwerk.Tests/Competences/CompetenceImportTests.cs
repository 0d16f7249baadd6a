using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Competences;
using Pactwerk.Web.Features.Pacts;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Competences;

/// <summary>
/// The ESCO-shaped import into a pact's own framework: a sample built here from plain lists (so every count is known
/// without the importer), with an altLabels field that holds line breaks and quotes; refusals with the line and nothing
/// written; the same file twice; a newer release; and the search in Dutch and English through the API.
/// </summary>
public abstract class CompetenceImportTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Skill = "http://data.europa.eu/esco/skill/";
    private const string Occ = "http://data.europa.eu/esco/occupation/";

    private sealed record S(string Id, string Type, string Nl, string[] AltNl, string En, string[] AltEn, string Description);
    private sealed record O(string Id, string Code, string Nl, string En);

    private static readonly S[] Skills =
    [
        new("aaa-1", "skill/competence", "wonden verzorgen", ["wondzorg", "verband \"aanleggen\" en verwisselen", "wonden, schoonmaken"], "care for wounds", ["dress wounds"], "Wonden, ook \"lastige\", verzorgen."),
        new("bbb-2", "knowledge", "hygiëne", ["infectiepreventie"], "hygiene", ["infection prevention"], "Besmetting voorkomen."),
        new("ccc-3", "skill/competence", "programmeren", ["coderen", "software schrijven"], "programming", ["coding"], ""),
        new("ddd-4", "skill/competence", "storingen zoeken", [], "find faults", ["troubleshooting"], "Oorzaak vinden."),
        new("eee-5", "knowledge", "NEN 1010", ["laagspanning"], "NEN 1010", [], "Norm."),
    ];
    private static readonly O[] Occupations = [new("o-1", "2221.1", "verpleegkundige", "nurse"), new("o-2", "2512.4", "softwareontwikkelaar", "software developer")];
    private static readonly (string Occupation, string Relation, string Skill)[] Relations =
        [("o-1", "essential", "aaa-1"), ("o-1", "optional", "bbb-2"), ("o-2", "essential", "ccc-3"), ("o-2", "optional", "ddd-4")];

    /// <summary>A CSV field as ESCO quotes it: in double quotes when it holds a comma, quote or line break, quotes doubled.</summary>
    private static string Field(string value) => value.IndexOfAny([',', '"', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static string SkillsCsv(IEnumerable<S> skills, bool english) =>
        "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description\n" +
        string.Concat(skills.Select(s => string.Join(',', "KnowledgeSkillCompetence", Skill + s.Id, s.Type, "sector-specific", Field(english ? s.En : s.Nl),
            Field(string.Join('\n', english ? s.AltEn : s.AltNl)), "", "released", "2024-01-01T00:00:00Z", "", "", "", Field(english ? "" : s.Description)) + "\n"));

    private static string OccupationsCsv(bool english) =>
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,regulatedProfessionNote,scopeNote,definition,inScheme,description,code\n" +
        string.Concat(Occupations.Select(o => $"Occupation,{Occ}{o.Id},{o.Code[..4]},{(english ? o.En : o.Nl)},,,released,2024-01-01T00:00:00Z,,,,,,{o.Code}\n"));

    private static string RelationsCsv(IEnumerable<(string Occupation, string Relation, string Skill)> relations) =>
        "occupationUri,relationType,skillType,skillUri\n" + string.Concat(relations.Select(r => $"{Occ}{r.Occupation},{r.Relation},skill/competence,{Skill}{r.Skill}\n"));

    private static EscoFile File(string name, string text) => new(name, Encoding.UTF8.GetBytes(text));

    private async Task<(int Id, string Code)> NewPactAsync()
    {
        var code = "kader-" + Guid.NewGuid().ToString("N")[..8];
        var pact = new Pact { Code = code, Name = "Testpact " + code, Summary = "Voor de test van het competentiekader.", SignedOn = new DateOnly(2024, 1, 1) };
        await factory.InDbAsync(async db => { db.Pacts.Add(pact); return await db.SaveChangesAsync(); });
        return (pact.Id, code);
    }

    private async Task<CompetenceImportReport> ImportAsync(int pactId, string language, EscoFile skills, EscoFile? occupations = null, EscoFile? relations = null)
    {
        CompetenceImportReport? report = null;
        await factory.InScopeAsync(async s => report = await s.GetRequiredService<CompetenceImport>().ImportAsync(pactId, language, skills, occupations, relations, default));
        return report!;
    }

    private Task<(int Competences, int Occupations, int Relations, int Audit, string Labels)> StateAsync(int pactId) => factory.InDbAsync(async db => (
        await db.Competences.CountAsync(c => c.PactId == pactId),
        await db.Occupations.CountAsync(o => o.PactId == pactId),
        await db.OccupationCompetences.CountAsync(r => db.Occupations.Any(o => o.Id == r.OccupationId && o.PactId == pactId)),
        await db.AuditEntries.CountAsync(),
        string.Join("|", await db.Competences.Where(c => c.PactId == pactId).OrderBy(c => c.Code).Select(c => c.NameNl + "/" + c.NameEn + "/" + c.AltLabelsNl + "/" + c.AltLabelsEn).ToListAsync())));

    [Fact]
    public async Task An_ESCO_shaped_download_loads_as_is_and_is_found_in_Dutch_and_English()
    {
        var (pactId, pact) = await NewPactAsync();
        var dutch = await ImportAsync(pactId, "nl", File("skills_nl.csv", SkillsCsv(Skills, false)), File("occupations_nl.csv", OccupationsCsv(false)),
            File("occupationSkillRelations_nl.csv", RelationsCsv(Relations)));
        Assert.True(dutch.Accepted, string.Join(" ", dutch.Errors));
        Assert.Equal((Skills.Length, 0, Occupations.Length, 0, Relations.Length, 0),
            (dutch.CompetencesAdded, dutch.CompetencesUpdated, dutch.OccupationsAdded, dutch.OccupationsUpdated, dutch.RelationsAdded, dutch.RelationsUpdated));
        var state = await StateAsync(pactId);
        Assert.Equal((Skills.Length, Occupations.Length, Relations.Length), (state.Competences, state.Occupations, state.Relations));

        // The labels read back exactly as the lists hold them: line breaks separate them, quotes and commas stay.
        var wounds = await factory.InDbAsync(db => db.Competences.SingleAsync(c => c.PactId == pactId && c.EscoUri == Skill + "aaa-1"));
        Assert.Equal("aaa-1", wounds.Code);
        Assert.Equal(Skills[0].AltNl, wounds.AltLabels(english: false));
        Assert.Equal(Skills[0].Description, wounds.Description);
        Assert.Equal("skill/competence", wounds.Group);
        var nurse = await factory.InDbAsync(db => db.Occupations.SingleAsync(o => o.PactId == pactId && o.EscoUri == Occ + "o-1"));
        Assert.Equal(("2221.1", "verpleegkundige"), (nurse.Code, nurse.NameNl));

        var english = await ImportAsync(pactId, "en", File("skills_en.csv", SkillsCsv(Skills, true)), File("occupations_en.csv", OccupationsCsv(true)));
        Assert.True(english.Accepted, string.Join(" ", english.Errors));
        Assert.Equal((0, Skills.Length, 0, Occupations.Length), (english.CompetencesAdded, english.CompetencesUpdated, english.OccupationsAdded, english.OccupationsUpdated));

        var client = Anonymous(factory);
        async Task<List<string>> Search(string q) =>
            (await client.GetFromJsonAsync<CompetencePage>($"/api/v1/competences?pact={pact}&q={Uri.EscapeDataString(q)}"))!.Items.Select(i => i.Code).ToList();
        Assert.Equal(["aaa-1"], await Search("wonden"));              // Dutch name
        Assert.Equal(["aaa-1"], await Search("VERBAND"));             // Dutch alt label, any case
        Assert.Equal(["aaa-1"], await Search("dress"));               // English alt label
        Assert.Equal(["ccc-3"], await Search("Programming"));         // English name
        Assert.Equal(["bbb-2"], await Search("infectiepreventie"));   // in both languages, found once
        Assert.Equal(["ddd-4"], await Search("troubleshooting"));
        Assert.Equal(["aaa-1", "ccc-3"], (await Search("en")).Intersect(["aaa-1", "ccc-3"]).Order().ToList());
        Assert.Empty(await Search("brandweer"));
        var all = (await client.GetFromJsonAsync<CompetencePage>($"/api/v1/competences?pact={pact}&pageSize=2&page=2"))!;
        Assert.Equal((Skills.Length, 2), (all.Total, all.Items.Count));
        Assert.Equal(Skills.Select(s => s.Nl).Order(StringComparer.Ordinal).Skip(2).Take(2), all.Items.Select(i => i.NameNl));

        var detail = (await client.GetFromJsonAsync<CompetenceDetail>($"/api/v1/competences/aaa-1?pact={pact}"))!;
        Assert.Equal(("wonden verzorgen", "care for wounds"), (detail.NameNl, detail.NameEn));
        Assert.Equal(Skills[0].AltEn, detail.AltLabelsEn);
        var link = Assert.Single(detail.Occupations);
        Assert.Equal(("2221.1", "essential"), (link.Code, link.Relation));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/competences/zzz?pact={pact}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/api/v1/competences?pact=geen-pact")).StatusCode);
    }

    [Fact]
    public async Task The_same_file_twice_changes_nothing_and_a_newer_release_updates_the_labels()
    {
        var (pactId, _) = await NewPactAsync();
        var files = (File("skills_nl.csv", SkillsCsv(Skills, false)), File("occupations_nl.csv", OccupationsCsv(false)), File("occupationSkillRelations_nl.csv", RelationsCsv(Relations)));
        Assert.True((await ImportAsync(pactId, "nl", files.Item1, files.Item2, files.Item3)).Accepted);
        var before = await StateAsync(pactId);

        var again = await ImportAsync(pactId, "nl", files.Item1, files.Item2, files.Item3);
        Assert.True(again.Accepted);
        Assert.False(again.Changed);
        Assert.Equal(CompetenceMessages.Unchanged, again.Message);
        Assert.Equal(before, await StateAsync(pactId));

        // A newer release renames one competence and changes one relation: exactly those change.
        var newer = Skills.Select(s => s.Id == "ddd-4" ? s with { Nl = "storingen opsporen", AltNl = ["storing zoeken"] } : s);
        var relations = Relations.Select(r => r.Skill == "ddd-4" ? r with { Relation = "essential" } : r);
        var update = await ImportAsync(pactId, "nl", File("skills_nl.csv", SkillsCsv(newer, false)), files.Item2, File("occupationSkillRelations_nl.csv", RelationsCsv(relations)));
        Assert.True(update.Accepted, string.Join(" ", update.Errors));
        Assert.Equal((0, 1, 0, 0, 0, 1), (update.CompetencesAdded, update.CompetencesUpdated, update.OccupationsAdded, update.OccupationsUpdated, update.RelationsAdded, update.RelationsUpdated));
        var renamed = await factory.InDbAsync(db => db.Competences.SingleAsync(c => c.PactId == pactId && c.Code == "ddd-4"));
        Assert.Equal(("storingen opsporen", "storing zoeken"), (renamed.NameNl, renamed.AltLabelsNl));
        var after = await StateAsync(pactId);
        Assert.Equal((before.Competences, before.Occupations, before.Relations), (after.Competences, after.Occupations, after.Relations));
        // One line for the import, one for the renamed competence.
        Assert.Equal(before.Audit + 2, after.Audit);
    }

    public static TheoryData<string, string, string, string, string> BadFiles => new()
    {
        // file, what is wrong, skills, relations, the message
        { "skills", "unknown column", SkillsCsv(Skills, false).Replace("hiddenLabels", "verborgen"), RelationsCsv(Relations),
            "skills_nl.csv, regel 1: onbekende kolom 'verborgen'" },
        { "skills", "missing column", SkillsCsv(Skills, false).Replace("preferredLabel", "altLabels2"), RelationsCsv(Relations),
            "skills_nl.csv, regel 1: de kolom 'preferredLabel' ontbreekt." },
        // The first skill's altLabels span three lines and the third's two, so the second starts on line 5 and its repeat
        // (the sixth record) on line 10: the line a person finds it on, not the record's number.
        { "skills", "duplicate URI", SkillsCsv([.. Skills, Skills[1] with { Nl = "nog eens" }], false), RelationsCsv(Relations),
            $"skills_nl.csv, regel 10: '{Skill}bbb-2' staat al op regel 5." },
        { "relations", "relation to an unknown skill", SkillsCsv(Skills, false), RelationsCsv([.. Relations, ("o-2", "essential", "onbekend-9")]),
            $"occupationSkillRelations_nl.csv, regel 6: de competentie '{Skill}onbekend-9' staat niet in het vaardighedenbestand" },
        { "relations", "relation to an unknown occupation", SkillsCsv(Skills, false), RelationsCsv([("o-3", "essential", "aaa-1"), .. Relations]),
            $"occupationSkillRelations_nl.csv, regel 2: het beroep '{Occ}o-3' staat niet in het beroepenbestand" },
        { "relations", "relation of no known type", SkillsCsv(Skills, false), RelationsCsv([.. Relations.Take(3), ("o-2", "handig", "eee-5")]),
            "occupationSkillRelations_nl.csv, regel 5: relationType 'handig' is geen essential of optional." },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_wrong_file_is_refused_with_its_line_and_nothing_changes(string file, string wrong, string skills, string relations, string message)
    {
        var (pactId, _) = await NewPactAsync();
        // A framework already there, so "nothing changes" is about real rows.
        Assert.True((await ImportAsync(pactId, "nl", File("skills_nl.csv", SkillsCsv(Skills.Take(2), false)))).Accepted);
        var before = await StateAsync(pactId);

        var report = await ImportAsync(pactId, "nl", File("skills_nl.csv", skills), File("occupations_nl.csv", OccupationsCsv(false)),
            File("occupationSkillRelations_nl.csv", relations));
        Assert.False(report.Accepted, $"{file}: {wrong}");
        Assert.Contains(report.Errors, e => e.StartsWith(message, StringComparison.Ordinal));
        Assert.Equal(CompetenceMessages.Rejected, report.Message);
        Assert.Equal(before, await StateAsync(pactId));
    }

    [Fact]
    public async Task A_file_without_a_required_column_or_an_English_file_before_the_Dutch_one_is_refused()
    {
        var (pactId, _) = await NewPactAsync();
        var before = await StateAsync(pactId);
        var missing = await ImportAsync(pactId, "nl", File("skills_nl.csv", "conceptUri,skillType\n" + Skill + "x-1,knowledge\n"));
        Assert.Contains("skills_nl.csv, regel 1: de kolom 'preferredLabel' ontbreekt.", missing.Errors);
        var english = await ImportAsync(pactId, "en", File("skills_en.csv", SkillsCsv(Skills, true)));
        Assert.Contains($"skills_en.csv, regel 2: '{Skill}aaa-1' staat nog niet in het kader; importeer eerst het Nederlandse bestand.", english.Errors);
        Assert.Equal(before, await StateAsync(pactId));
    }
}

public sealed class CompetenceImportSqlite(SqliteFactory factory) : CompetenceImportTests<SqliteFactory>(factory);
public sealed class CompetenceImportPostgres(PostgresFactory factory) : CompetenceImportTests<PostgresFactory>(factory);
