using System.Net;
using System.Net.Http.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Competences;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Competences;

/// <summary>
/// The coordinator's form for a competence as people fill it, in Dutch and English: bad input at its field with nothing
/// written, only the required fields, alternative labels one per line found by the search, an unchanged save that writes
/// nothing, and who may not (another pact's coordinator, anonymous).
/// </summary>
public abstract class EditCompetencePageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Coordinator = "coordinator@zorgpact.demo";

    private async Task<HttpClient> InAsync(string email, string culture)
    {
        var client = await SignInAsync(factory, email);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        return client;
    }

    private Task<(int Competences, int Audit)> StateAsync() => factory.InDbAsync(async db =>
        (await db.Competences.CountAsync(), await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Competence))));

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_coordinator_adds_a_competence_with_only_the_required_fields_and_changes_it(string culture)
    {
        var en = culture == "en";
        var client = await InAsync(Coordinator, culture);
        Assert.Contains("href=\"/competenties/zorgpact/bewerken\"", await client.GetStringAsync("/competenties?pact=zorgpact"));
        var start = await StateAsync();

        foreach (var (field, value, expected) in new[]
                 {
                     ("Input.NameNl", "", en ? "Fill in the Dutch name (at most 300 characters)." : "Vul de Nederlandse naam in (hoogstens 300 tekens)."),
                     ("Input.Code", "", en ? "Fill in a code" : "Vul een code in"),
                     ("Input.Code", "met spatie", en ? "Fill in a code" : "Vul een code in"),
                     ("Input.Code", "wondzorg", en ? "The code &#x27;wondzorg&#x27; is already in use in this pact." : "De code &#x27;wondzorg&#x27; is in dit pact al in gebruik."),
                 })
        {
            var bad = await Form.OpenAsync(client, "/competenties/zorgpact/bewerken");
            bad["Input.Code"] = "nieuw-" + culture;
            bad["Input.NameNl"] = "Iets nieuws";
            bad[field] = value;
            var refused = await bad.SubmitAsync(client);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.Contains(expected, html);
            var document = new HtmlParser().ParseDocument(html);
            Assert.NotNull(document.QuerySelector("p.field-error[id^='fout-']"));
            Assert.NotNull(document.QuerySelector("div.notice-error[role=alert] a[href^='#Input_']"));
            Assert.Equal(start, await StateAsync());
        }

        // Only the required fields: the code and the Dutch name.
        var code = $"zelf-{culture}-{Guid.NewGuid():N}"[..20];
        var form = await Form.OpenAsync(client, "/competenties/zorgpact/bewerken");
        form["Input.Code"] = code;
        form["Input.NameNl"] = "Valpreventie";
        var saved = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/competenties/zorgpact/{code}", saved.Headers.Location!.OriginalString);
        var added = await factory.InDbAsync(db => db.Competences.AsNoTracking().SingleAsync(c => c.Code == code));
        Assert.Equal(("Valpreventie", null, null, null, "", "", null), (added.NameNl, added.NameEn, added.Description, added.Group, added.AltLabelsNl, added.AltLabelsEn, added.EscoUri));
        Assert.Equal((start.Competences + 1, start.Audit + 1), await StateAsync());

        // Alternative labels one per line, in both languages: read back as typed and found by the search.
        var edit = await Form.OpenAsync(client, $"/competenties/zorgpact/bewerken/{code}");
        edit["Input.NameEn"] = "fall prevention";
        edit["Input.AltLabelsNl"] = "vallen voorkomen\r\nvalrisico beperken";
        edit["Input.AltLabelsEn"] = "preventing falls";
        Assert.Equal(HttpStatusCode.Redirect, (await edit.SubmitAsync(client)).StatusCode);
        var changed = await factory.InDbAsync(db => db.Competences.AsNoTracking().SingleAsync(c => c.Code == code));
        Assert.Equal(["vallen voorkomen", "valrisico beperken"], changed.AltLabels(english: false));
        Assert.Equal(["preventing falls"], changed.AltLabels(english: true));
        var found = (await Anonymous(factory).GetFromJsonAsync<CompetencePage>("/api/v1/competences?pact=zorgpact&q=valrisico"))!;
        // The other language's run adds its own competence with these labels to the same demo pact.
        Assert.Contains(code, found.Items.Select(i => i.Code));
        Assert.All(found.Items, i => Assert.StartsWith("zelf-", i.Code, StringComparison.Ordinal));
        var afterChange = await StateAsync();
        Assert.Equal(start.Audit + 2, afterChange.Audit);

        // An unchanged save: back to the competence, nothing written, the version unchanged.
        var same = await Form.OpenAsync(client, $"/competenties/zorgpact/bewerken/{code}");
        Assert.Equal("vallen voorkomen\nvalrisico beperken", same["Input.AltLabelsNl"].ReplaceLineEndings("\n"));
        Assert.Equal(HttpStatusCode.Redirect, (await same.SubmitAsync(client)).StatusCode);
        Assert.Equal(afterChange, await StateAsync());
        Assert.Equal(changed.Version, await factory.InDbAsync(db => db.Competences.Where(c => c.Code == code).Select(c => c.Version).SingleAsync()));
        Assert.Contains(en ? "fall prevention" : "Valpreventie", await client.GetStringAsync($"/competenties/zorgpact/{code}"));
    }

    [Fact]
    public async Task Only_the_pacts_coordinators_reach_the_form()
    {
        async Task Refused(HttpClient client, string url, string to)
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith(to, response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        var other = await InAsync("coordinator@techniekpact.demo", "nl");
        await Refused(other, "/competenties/zorgpact/bewerken", "/geen-toegang");
        await Refused(other, "/competenties/zorgpact/bewerken/wondzorg", "/geen-toegang");
        Assert.DoesNotContain("/competenties/zorgpact/bewerken", await other.GetStringAsync("/competenties?pact=zorgpact"));
        var posted = await PostFormAsync(other, "/competenties/zorgpact/bewerken", new() { ["Input.Code"] = "stiekem", ["Input.NameNl"] = "Stiekem" }, formPage: "/competenties");
        Assert.StartsWith("/geen-toegang", posted.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.False(await factory.InDbAsync(db => db.Competences.AnyAsync(c => c.Code == "stiekem")));
        await Refused(await InAsync("lid@pactwerk.demo", "nl"), "/competenties/zorgpact/bewerken", "/geen-toegang");
        await Refused(Anonymous(factory), "/competenties/zorgpact/bewerken", "/inloggen");
        Assert.Equal(HttpStatusCode.NotFound, (await (await InAsync(Coordinator, "nl")).GetAsync("/competenties/zorgpact/bewerken/bestaat-niet")).StatusCode);
    }
}

public sealed class EditCompetencePageSqlite(SqliteFactory factory) : EditCompetencePageTests<SqliteFactory>(factory);
public sealed class EditCompetencePagePostgres(PostgresFactory factory) : EditCompetencePageTests<PostgresFactory>(factory);
