using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Competences;

/// <summary>The coordinator's upload of ESCO files (/competenties/{pact}/importeren), in Dutch and English: a wrong file refused with its line and nothing changed, a good one loaded, the same one again changing nothing; others refused.</summary>
public abstract class ImportCompetencesPageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Header = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel,altLabels,hiddenLabels,status,modifiedDate,scopeNote,definition,inScheme,description\n";

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string skills, string language = "nl")
    {
        var page = await client.GetStringAsync("/competenties/zorgpact/importeren");
        var form = new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent(language), "Language" },
        };
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(skills));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Skills", "skills_nl.csv");
        return await client.PostAsync("/competenties/zorgpact/importeren", form);
    }

    private Task<(int, int)> StateAsync() => factory.InDbAsync(async db => (await db.Competences.CountAsync(), await db.AuditEntries.CountAsync()));

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_coordinator_uploads_an_ESCO_skills_file(string culture)
    {
        var en = culture == "en";
        var client = await SignInAsync(factory, "coordinator@zorgpact.demo");
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var start = await StateAsync();

        var wrong = await UploadAsync(client, Header.Replace("scopeNote", "opmerking") + "KnowledgeSkillCompetence,https://example.org/s/1,knowledge,,iets,,,released,,,,,\n");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains(en ? "skills_nl.csv, line 1: unknown column &#x27;opmerking&#x27;" : "skills_nl.csv, regel 1: onbekende kolom &#x27;opmerking&#x27;", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(start, await StateAsync());

        var uri = $"https://example.org/s/{culture}-{Guid.NewGuid():N}";
        var good = Header + $"KnowledgeSkillCompetence,{uri},knowledge,,tillen volgens de tilnorm,\"tilnorm\ntiltechniek\",,released,,,,,\n";
        var loaded = await UploadAsync(client, good);
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Contains(en ? "Imported: 1 competences new, 0 updated" : "Geïmporteerd: 1 competenties nieuw, 0 bijgewerkt", await loaded.Content.ReadAsStringAsync());
        var competence = await factory.InDbAsync(db => db.Competences.SingleAsync(c => c.EscoUri == uri));
        Assert.Equal(("tillen volgens de tilnorm", "tilnorm\ntiltechniek"), (competence.NameNl, competence.AltLabelsNl));
        var after = await StateAsync();

        var again = await UploadAsync(client, good);
        Assert.Contains(en ? "Nothing changed: the framework already holds this file." : "Niets veranderd: het kader bevat dit bestand al.", await again.Content.ReadAsStringAsync());
        Assert.Equal(after, await StateAsync());
    }

    [Fact]
    public async Task Only_the_pacts_coordinators_reach_the_upload()
    {
        var other = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var refused = await other.GetAsync("/competenties/zorgpact/importeren");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/geen-toegang", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var anonymous = await Anonymous(factory).GetAsync("/competenties/zorgpact/importeren");
        Assert.StartsWith("/inloggen", anonymous.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }
}

public sealed class ImportCompetencesPageSqlite(SqliteFactory factory) : ImportCompetencesPageTests<SqliteFactory>(factory);
public sealed class ImportCompetencesPagePostgres(PostgresFactory factory) : ImportCompetencesPageTests<PostgresFactory>(factory);
