using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Competences;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Competences;

/// <summary>The demo's frameworks of techniek and zorg, loaded through the importer: as many competences, occupations and relations as the shipped files hold (read with the BCL's own CSV parser), in both languages.</summary>
public abstract class CompetencesDemoTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Theory]
    [InlineData("techniekpact", "techniek")]
    [InlineData("zorgpact", "zorg")]
    public async Task The_demo_framework_holds_what_its_files_hold(string pact, string folder)
    {
        var skills = SharedData.Rows($"competenties/{folder}/skills_nl.csv");
        var english = SharedData.Rows($"competenties/{folder}/skills_en.csv");
        var occupations = SharedData.Rows($"competenties/{folder}/occupations_nl.csv");
        var relations = SharedData.Rows($"competenties/{folder}/occupationSkillRelations_nl.csv");
        Assert.InRange(skills.Count, 15, 25);

        var counts = await factory.InDbAsync(async db =>
        {
            var pactId = await db.Pacts.Where(p => p.Code == pact).Select(p => p.Id).SingleAsync();
            return (await db.Competences.CountAsync(c => c.PactId == pactId), await db.Competences.CountAsync(c => c.PactId == pactId && c.NameEn != null),
                await db.Occupations.CountAsync(o => o.PactId == pactId),
                await db.OccupationCompetences.CountAsync(r => db.Occupations.Any(o => o.Id == r.OccupationId && o.PactId == pactId)));
        });
        Assert.Equal((skills.Count, english.Count, occupations.Count, relations.Count), counts);

        // Every competence is found by its Dutch and by its English name through the API.
        var client = Anonymous(factory);
        foreach (var (nl, en) in skills.Zip(english))
        {
            foreach (var label in new[] { nl[4], en[4] })
            {
                var found = (await client.GetFromJsonAsync<CompetencePage>($"/api/v1/competences?pact={pact}&q={Uri.EscapeDataString(label)}"))!;
                Assert.Contains(found.Items, i => i.EscoUri == nl[1]);
            }
        }
    }
}

public sealed class CompetencesDemoSqlite(SqliteFactory factory) : CompetencesDemoTests<SqliteFactory>(factory);
public sealed class CompetencesDemoPostgres(PostgresFactory factory) : CompetencesDemoTests<PostgresFactory>(factory);
