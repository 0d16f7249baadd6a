using System.Net;
using AngleSharp.Html.Parser;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Competences;

/// <summary>
/// /competenties as people use it, in Dutch and English: the zorg framework of the demo searched by a name and by an
/// alternative label, a competence with the occupations that ask it, an occupation with its competences; tables with
/// headers, and 404 for what is not there.
/// </summary>
public abstract class CompetencePagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<HttpClient> ReaderAsync(string culture)
    {
        var client = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        return client;
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task A_reader_finds_a_competence_and_follows_it_to_its_occupations(string culture)
    {
        var en = culture == "en";
        var client = await ReaderAsync(culture);
        var parser = new HtmlParser();

        // By an alternative label in the reader's language: ADL-hulp (Dutch) / help with daily living (English).
        var search = parser.ParseDocument(await client.GetStringAsync($"/competenties?pact=zorgpact&q={(en ? "daily+living" : "ADL-hulp")}"));
        Assert.Equal(en ? "Competences" : "Competenties", search.QuerySelector("h1")!.TextContent);
        var row = Assert.Single(search.QuerySelectorAll("table caption + thead + tbody tr th[scope=row] a"),
            a => a.GetAttribute("href")!.StartsWith("/competenties/zorgpact/", StringComparison.Ordinal) && !a.GetAttribute("href")!.Contains("/beroepen/"));
        Assert.Equal(en ? "provide personal care" : "persoonlijke verzorging bieden", row.TextContent);
        Assert.Equal("/competenties/zorgpact/persoonlijke-verzorging", row.GetAttribute("href"));
        Assert.NotNull(search.QuerySelector("label[for=q]"));

        var competence = parser.ParseDocument(await client.GetStringAsync("/competenties/zorgpact/persoonlijke-verzorging"));
        Assert.Equal(en ? "provide personal care" : "persoonlijke verzorging bieden", competence.QuerySelector("h1")!.TextContent);
        var occupations = competence.QuerySelectorAll("tbody tr").Select(r => (r.QuerySelector("th")!.TextContent, r.QuerySelector("td")!.TextContent)).ToList();
        Assert.Equal(en
            ? [("care helper", "essential"), ("care worker (IG)", "essential")]
            : [("helpende zorg en welzijn", "essentieel"), ("verzorgende IG", "essentieel")], occupations);

        var occupation = parser.ParseDocument(await client.GetStringAsync("/competenties/zorgpact/beroepen/5322.1"));
        Assert.Equal(en ? "care helper" : "helpende zorg en welzijn", occupation.QuerySelector("h1")!.TextContent);
        // The relations file gives it four essential and three optional competences, essential first.
        var needed = occupation.QuerySelectorAll("tbody tr td").Select(td => td.TextContent).ToList();
        Assert.Equal(Enumerable.Repeat(en ? "essential" : "essentieel", 4).Concat(Enumerable.Repeat(en ? "optional" : "optioneel", 3)), needed);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/competenties/zorgpact/bestaat-niet")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/competenties/geen-pact/wondzorg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/competenties?pact=geen-pact")).StatusCode);
        var nothing = await client.GetStringAsync("/competenties?pact=zorgpact&q=brandweer");
        Assert.Contains(en ? "No competences found." : "Geen competenties gevonden.", nothing);
    }
}

public sealed class CompetencePagesSqlite(SqliteFactory factory) : CompetencePagesTests<SqliteFactory>(factory);
public sealed class CompetencePagesPostgres(PostgresFactory factory) : CompetencePagesTests<PostgresFactory>(factory);
