using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Editions;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// An edition as a publication: a chapter per objective with the coordinator's text written before publishing, and per
/// indicator what changed since the previous edition (procentpunten for a share), computed by hand from the files.
/// </summary>
public abstract class EditionPublicationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>A made-up year of DUO's file: in Zwolle technology women and 20 technology men, in Deventer 7 in economics.</summary>
    private static byte[] Year(int year, int zwolleWomen) => Encoding.UTF8.GetBytes(string.Join("\r\n",
        $"PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;{year}",
        $"Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;{zwolleWomen}",
        "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;man;20",
        "Overijssel;0150;Deventer;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;deeltijd onderwijs;vrouw;7") + "\r\n");

    private async Task ImportAsync(byte[] content)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", $"duo-{Guid.NewGuid():N}.csv", content, default);
        Assert.Equal(ImportStatus.Committed, report.Status);
    }

    private Task<string> StateAsync() => factory.InDbAsync(async db =>
        $"{await db.Set<MonitorEdition>().CountAsync()}|{await db.Set<EditionSection>().CountAsync()}|{await db.Set<EditionFigure>().CountAsync()}");

    [Fact]
    public async Task A_chapter_per_objective_carries_the_coordinators_text_and_each_indicator_says_what_changed_since_the_previous_edition()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (number, title) = await factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
            var o = await db.Objectives.Where(o => o.PactId == pact.Id && o.Indicators.Any(i => i.Indicator.Code == "hbo-aandeel-techniek"))
                .OrderBy(o => o.Number).FirstAsync();
            return (o.Number, o.Title);
        });

        // 2033 in Dutch with only what is required (and the one indicator): 10 + 20 of 37 study technology.
        await ImportAsync(Year(2033, zwolleWomen: 10));
        var first = await PostFormAsync(coordinator, "/pact/techniekpact/monitor/edities", new()
        {
            ["Input.Year"] = "2033", ["Input.Title"] = "Monitor Techniekpact 2033", ["Input.Indicators"] = "hbo-aandeel-techniek",
        });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);

        // 2034 in English, with a text for the objective: 23 + 20 of 50.
        await ImportAsync(Year(2034, zwolleWomen: 23));
        var before = await StateAsync();
        var tooLong = await PostFormAsync(coordinator, "/pact/techniekpact/monitor/edities?culture=en&ui-culture=en", new()
        {
            ["Input.Year"] = "2034", ["Input.Title"] = "Monitor Techniekpact 2034", ["Input.Indicators"] = "hbo-aandeel-techniek",
            [$"Input.ObjectiveTexts[{number}]"] = new string('x', 4001),
        });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains($"De tekst bij doel {number} is te lang", WebUtility.HtmlDecode(await tooLong.Content.ReadAsStringAsync()));
        var unknown = await PostFormAsync(coordinator, "/pact/techniekpact/monitor/edities", new()
        {
            ["Input.Year"] = "2034", ["Input.Title"] = "Monitor Techniekpact 2034", ["Input.Indicators"] = "hbo-aandeel-techniek", ["Input.ObjectiveTexts[99]"] = "Geen doel.",
        });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("Het Techniekpact heeft geen doel 99.", WebUtility.HtmlDecode(await unknown.Content.ReadAsStringAsync()));
        Assert.Equal(before, await StateAsync());

        var second = await PostFormAsync(coordinator, "/pact/techniekpact/monitor/edities?culture=en&ui-culture=en", new()
        {
            ["Input.Year"] = "2034", ["Input.Title"] = "Monitor Techniekpact 2034", ["Input.Indicators"] = "hbo-aandeel-techniek",
            [$"Input.ObjectiveTexts[{number}]"] = "  More students chose technology.\n\nThe east leads.  ",
        });
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);

        var edition = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2034");
        var chapter = edition.GetProperty("sections").EnumerateArray().Single(s => s.GetProperty("objectiveNumber").ValueKind == JsonValueKind.Number);
        Assert.Equal(number, chapter.GetProperty("objectiveNumber").GetInt32());
        Assert.Equal(title, chapter.GetProperty("title").GetString());
        Assert.Equal("More students chose technology.\n\nThe east leads.", chapter.GetProperty("text").GetString());
        Assert.Equal(["hbo-aandeel-techniek"], chapter.GetProperty("indicators").EnumerateArray().Select(i => i.GetString()));

        // By hand: 100 × 30 / 37 in the 2033 edition, 100 × 43 / 50 = 86 now.
        var previous = Math.Round(100.0 * 30 / 37, 4);
        var change = edition.GetProperty("indicators")[0].GetProperty("change");
        Assert.Equal(2033, change.GetProperty("previousYear").GetInt32());
        Assert.Equal("2033/2034", change.GetProperty("previousPeriod").GetString());
        Assert.Equal(previous, change.GetProperty("previousValue").GetDouble());
        Assert.Equal("2034/2035", change.GetProperty("period").GetString());
        Assert.Equal(86, change.GetProperty("value").GetDouble());
        Assert.Equal(Math.Round(86 - previous, 4), change.GetProperty("difference").GetDouble(), 4);

        var dutch = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor/edities/2034"));
        Assert.Contains($"Doel {number}: {title}", dutch);
        Assert.Contains("<p class=\"edition-text\">More students chose technology.</p>", dutch);
        Assert.Contains("<p class=\"edition-text\">The east leads.</p>", dutch);
        Assert.Contains("Sinds de editie 2033", dutch);
        Assert.Contains("+4,9 procentpunt", dutch); // 86 − 100×30/37 = 4,92, one decimal for a share
        Assert.Contains("id=\"editie-hbo-aandeel-techniek\"", dutch);
        var english = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor/edities/2034?culture=en&ui-culture=en"));
        Assert.Contains($"Objective {number}: {title}", english);
        Assert.Contains("Since the 2033 edition", english);
        Assert.Contains("+4.9 percentage points", english);

        // The first edition has nothing to compare with, and no text: its chapter is there without one.
        var firstPage = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor/edities/2033"));
        Assert.Contains("Deze indicator stond in geen eerdere editie van dit pact.", firstPage);
        Assert.Contains($"Doel {number}: {title}", firstPage);
        Assert.DoesNotContain("edition-text", firstPage);
    }
}

public sealed class EditionPublicationTestsSqlite(SqliteFactory factory) : EditionPublicationTests<SqliteFactory>(factory);
public sealed class EditionPublicationTestsPostgres(PostgresFactory factory) : EditionPublicationTests<PostgresFactory>(factory);
