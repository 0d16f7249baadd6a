using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Monitoring;
using Pactwerk.Tests.Agenda;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Disclosure is a property of the source. DUO's published file is shown in full to an anonymous
/// reader, every sum checked against the file itself; the same file imported as a confidential
/// source is hidden as the small-cell rule (worked out by hand in <see cref="SmallCellReference"/>)
/// says, on every path that shows figures. And on-track is one answer, whichever path asks.
/// </summary>
public abstract class DisclosureTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static readonly CultureInfo Dutch = new("nl");
    private const string Confidential = "vertrouwelijk-aandeel-techniek";

    private static string Code(JsonElement row) => row.GetProperty("region").GetProperty("code").GetString()!;
    private static string? Protected(JsonElement row) => row.GetProperty("protected").ValueKind == JsonValueKind.Null ? null : row.GetProperty("protected").GetString();
    private static string? Hidden(string? protection) => protection switch { "Small" => "<5", "Secondary" => "×", _ => null };

    [Theory]
    [InlineData("provincies", "PV", 12)]
    [InlineData("arbeidsmarktregios", "AM", 35)]
    [InlineData("corop", "CR", 40)]
    [InlineData("gemeenten", "GM", 342)]
    public async Task A_published_source_shows_every_region_of_a_set_to_an_anonymous_reader_as_the_file_adds_up(string set, string prefix, int count)
    {
        var rows = (await Anonymous(factory).GetFromJsonAsync<List<JsonElement>>($"/api/v1/monitor/values?indicator=hbo-aandeel-techniek&regionSet={set}&period=2023"))!;

        var regions = DuoReference.Regions();
        var expected = regions.Keys.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(count, expected.Count);
        Assert.Equal(expected, rows.Select(Code).Order(StringComparer.Ordinal));
        foreach (var row in rows)
        {
            var techniek = DuoReference.Sum(2023, regions[Code(row)], SmallCellReference.Techniek);
            var all = DuoReference.Sum(2023, regions[Code(row)]);
            Assert.Null(Protected(row));
            Assert.Equal("2023/2024", row.GetProperty("period").GetString());
            Assert.Equal(all.Suppressed, row.GetProperty("suppressedCells").GetInt32());
            if (all.Sum == 0)
                continue; // a municipality without hbo students: nothing measured, nothing to hide
            Assert.Equal((techniek.Sum, all.Sum), ((long)row.GetProperty("numerator").GetDouble(), (long)row.GetProperty("denominator").GetDouble()));
            Assert.Equal(Math.Round(100.0 * techniek.Sum / all.Sum, 4), row.GetProperty("value").GetDouble(), 4);
        }
        if (set == "provincies")
        {
            // As the issue counted them by hand: Groningen 5,584 of 29,165; Drenthe, hidden before, is there too.
            var groningen = rows.Single(r => Code(r) == "PV20");
            Assert.Equal((5584d, 29165d), (groningen.GetProperty("numerator").GetDouble(), groningen.GetProperty("denominator").GetDouble()));
            Assert.Equal(JsonValueKind.Number, rows.Single(r => Code(r) == "PV22").GetProperty("value").ValueKind);
        }
    }

    [Fact]
    public async Task The_api_document_describes_a_period_as_the_text_the_api_returns()
    {
        using var doc = JsonDocument.Parse(await Anonymous(factory).GetStringAsync("/openapi/v1.json"));

        var period = doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("ValueRow").GetProperty("properties").GetProperty("period");
        var schema = period.TryGetProperty("$ref", out var reference)
            ? doc.RootElement.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1])
            : period;
        Assert.Equal("string", schema.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_indicator_page_says_the_source_is_published_and_counts_the_cells_left_out()
    {
        var oost = DuoReference.Regions()["TP-OOST"];
        var left = DuoReference.Sum(2023, oost).Suppressed;
        Assert.True(left > 1);

        var html = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/monitor/indicatoren/hbo-aandeel-techniek?regio=TP-OOST"));
        var english = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/monitor/indicatoren/hbo-aandeel-techniek?regio=TP-OOST&culture=en"));

        Assert.Contains("Openbaarheid van de bron:</strong> Gepubliceerd", html);
        Assert.Contains("Deze cijfers komen uit een gepubliceerde bron", html);
        Assert.DoesNotContain("tonen we niet aan bezoekers", html);
        Assert.Contains($"{left} cellen <5 niet meegeteld", html);
        Assert.Contains($"{left} cells <5 not counted", english);
        Assert.Contains("These figures come from a published source", english);
    }

    /// <summary>The DUO file imported again through a confidential profile, and an indicator over it: the same figures, another rule.</summary>
    private async Task ConfidentialSourceAsync()
    {
        if (await factory.InDbAsync(db => db.Indicators.AnyAsync(i => i.Code == Confidential)))
            return;
        await ConfidentialSource.StoreProfileAsync(factory, "test-vertrouwelijk", "vertrouwelijk-ingeschrevenen");
        await factory.InScopeAsync(async services =>
        {
            var report = await services.GetRequiredService<MonitorImportService>().ImportAsync("test-vertrouwelijk", "vertrouwelijk.csv",
                await File.ReadAllBytesAsync(Path.Combine(SharedData.Root, DuoReference.File)), default);
            Assert.Equal(ImportStatus.Committed, report.Status);
        });
        Assert.Equal(Disclosure.Confidential, await factory.InDbAsync(db => db.DataSources.Where(s => s.Code == "test-vertrouwelijk").Select(s => s.Disclosure).SingleAsync()));
        await ConfidentialSource.IndicatorAsync(factory, Confidential, "Aandeel techniek (vertrouwelijke test)", "%", new
        {
            numerator = new { element = "vertrouwelijk-ingeschrevenen", filter = new Dictionary<string, string[]> { ["ONDERDEEL"] = ["techniek"] } },
            denominator = new { element = "vertrouwelijk-ingeschrevenen", filter = new Dictionary<string, string[]>() },
            multiplier = 100, description = "Als hbo-aandeel-techniek, uit een vertrouwelijke bron.",
        });
    }

    [Fact]
    public async Task A_profile_may_not_turn_a_published_source_confidential_and_the_refused_import_changes_nothing()
    {
        var mapping = new ProfileMapping(';', "GEMEENTENUMMER", false, "GM", true, null, null, [new("GESLACHT", "GESLACHT")], "<5", "duo-stiekem", "Stiekem",
            "studenten", PeriodKind.SchoolYear, "duo", "DUO open onderwijsdata", Disclosure.Confidential);
        await factory.InDbAsync(async db =>
        {
            db.Add(new StoredImportProfile { Code = "duo-vertrouwelijk", Name = "Fout", Mapping = mapping.Serialise(), CreatedAt = DateTime.UtcNow, CreatedBy = "Test" });
            return await db.SaveChangesAsync();
        });
        var before = await factory.InDbAsync(async db => (await db.DataReleases.CountAsync(), await db.Observations.CountAsync(), await db.DataElements.CountAsync()));

        ImportReport? report = null;
        await factory.InScopeAsync(async services => report = await services.GetRequiredService<MonitorImportService>().ImportAsync("duo-vertrouwelijk", "x.csv",
            "PROVINCIE;GEMEENTENUMMER;GESLACHT;2030\r\nOverijssel;0193;man;12\r\n"u8.ToArray(), default));

        Assert.Equal(ImportStatus.Rejected, report!.Status);
        Assert.Equal("Bron duo is gepubliceerd, maar profiel duo-vertrouwelijk leest haar cijfers als vertrouwelijk. Er is niets geïmporteerd.", report.Message);
        Assert.Equal(before, await factory.InDbAsync(async db => (await db.DataReleases.CountAsync(), await db.Observations.CountAsync(), await db.DataElements.CountAsync())));
        Assert.Equal(Disclosure.Published, await factory.InDbAsync(db => db.DataSources.Where(s => s.Code == "duo").Select(s => s.Disclosure).SingleAsync()));
    }

    [Fact]
    public async Task A_confidential_source_built_from_the_same_file_is_hidden_as_the_rule_says_on_every_path()
    {
        await ConfidentialSourceAsync();
        var anonymous = Anonymous(factory);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var values = $"/api/v1/monitor/values?indicator={Confidential}&period=2023&regionSet=";

        // The values API, set by set: exactly what the rule worked out by hand hides; a coordinator sees the figures.
        foreach (var (set, prefix) in new[] { ("gemeenten", "GM"), ("provincies", "PV"), ("corop", "CR"), ("arbeidsmarktregios", "AM") })
        {
            var rows = (await anonymous.GetFromJsonAsync<List<JsonElement>>(values + set))!;
            foreach (var e in SmallCellReference.Shares(prefix, 2023))
            {
                var row = rows.Single(r => Code(r) == e.Code);
                Assert.True(e.Hidden == Hidden(Protected(row)), $"{e.Code}: expected {e.Hidden ?? "shown"}, got {Protected(row) ?? "shown"}");
                if (e.Hidden is not null)
                    Assert.Equal((JsonValueKind.Null, JsonValueKind.Null, JsonValueKind.Null),
                        (row.GetProperty("value").ValueKind, row.GetProperty("numerator").ValueKind, row.GetProperty("denominator").ValueKind));
            }
        }
        var expected = SmallCellReference.Shares("GM", 2023);
        Assert.Contains(expected, e => e.Hidden == "<5");
        Assert.Contains(expected, e => e.Hidden == "×");
        var all = (await coordinator.GetFromJsonAsync<List<JsonElement>>(values + "gemeenten"))!;
        Assert.All(all, r => Assert.Null(Protected(r)));

        // One municipality the rule hides in 2023 although it has students: every other path hides its 2023 figure too.
        var hidden = expected.Where(e => e.Hidden is not null && e.Denominator >= 5).OrderByDescending(e => e.Denominator).First();
        var share = 100.0 * hidden.Numerator / hidden.Denominator;
        var shown = Math.Round(share, 1, MidpointRounding.AwayFromZero).ToString("0.0", Dutch) + "%";
        var marker = hidden.Hidden!;

        var status = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/monitor/status?indicator={Confidential}&region={hidden.Code}");
        Assert.NotEqual("2023/2024", status.GetProperty("latest").ValueKind == JsonValueKind.Null ? null : status.GetProperty("latest").GetProperty("period").GetString());
        var coordinatorStatus = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/monitor/status?indicator={Confidential}&region={hidden.Code}");
        Assert.Equal("2023/2024", coordinatorStatus.GetProperty("latest").GetProperty("period").GetString());

        var page = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/monitor/indicatoren/{Confidential}?regio={hidden.Code}&indeling=gemeenten&periode=2023"));
        Assert.Contains("Openbaarheid van de bron:</strong> Vertrouwelijk", page);
        Assert.Contains("tonen we niet aan bezoekers", page);
        Assert.DoesNotContain(shown, page);
        Assert.Contains(shown, WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/monitor/indicatoren/{Confidential}?regio={hidden.Code}&indeling=gemeenten&periode=2023")));
        var pageRow = page[page.IndexOf($"<th scope=\"row\">{hidden.Code}</th>", StringComparison.Ordinal)..];
        Assert.Contains($"<td class=\"num\">{marker}</td>", pageRow[..pageRow.IndexOf("</tr>", StringComparison.Ordinal)]);
        var csv = await anonymous.GetStringAsync($"/monitor/indicatoren/{Confidential}/regios.csv?regio={hidden.Code}&indeling=gemeenten&periode=2023");
        var line = csv.Split("\r\n").Single(l => l.Contains($";{hidden.Code};", StringComparison.Ordinal));
        Assert.Contains($";{marker};", line);
        Assert.DoesNotContain($";{hidden.Denominator};", line);
        var embed = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/embed/monitor/indicatoren/{Confidential}?indeling=gemeenten&periode=2023"));
        Assert.DoesNotContain(shown, embed);
        Assert.Contains("tonen we niet aan bezoekers", embed);

        // The effect view and the pact's cards: an objective measured by the indicator.
        var objective = await PlanData.ObjectiveAsync(factory, 951, "Testdoel vertrouwelijk", Confidential);
        var effect = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{objective}/effect?region={hidden.Code}");
        var point = effect.GetProperty("indicators").EnumerateArray().Single().GetProperty("points").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2023/2024");
        Assert.Equal((JsonValueKind.Null, marker == "<5" ? "Small" : "Secondary"), (point.GetProperty("value").ValueKind, point.GetProperty("protected").GetString()));
        var coordinatorEffect = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{objective}/effect?region={hidden.Code}");
        Assert.Equal(Math.Round(share, 4), coordinatorEffect.GetProperty("indicators")[0].GetProperty("points").EnumerateArray()
            .Single(p => p.GetProperty("period").GetString() == "2023/2024").GetProperty("value").GetDouble(), 4);
        var effectPage = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/pact/techniekpact/doelen/951/effect?regio={hidden.Code}"));
        Assert.Contains($"<th scope=\"row\">2023/2024</th><td class=\"num\">{marker}</td>", effectPage);
        var cards = WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/pact/techniekpact/monitor?regio={hidden.Code}"));
        // The published indicator's card beside it shows the same figure, as it should: only the confidential card hides it.
        var card = cards[cards.IndexOf("Aandeel techniek (vertrouwelijke test)</a>", StringComparison.Ordinal)..];
        Assert.DoesNotContain(shown, card[..card.IndexOf("</li>", StringComparison.Ordinal)]);
        Assert.Contains(shown, cards);

        // The annual review of a plan for that municipality.
        var indicatorId = await PlanData.IndicatorIdAsync(factory, Confidential);
        var regionId = await PlanData.RegionIdAsync(factory, hidden.Code);
        var (planId, _) = await PlanData.CreateAsync(factory, hidden.Code, RevisionStatus.Adopted, fill: r =>
        {
            r.Objectives.Add(new RevisionObjective { ObjectiveId = objective });
            r.Goals.Add(PlanData.Goal(indicatorId, regionId, GoalKind.Baseline, 2020, 10));
            r.Goals.Add(PlanData.Goal(indicatorId, regionId, GoalKind.Target, 2030, 90));
        });
        JsonElement Movement(JsonElement review) => review.GetProperty("objectives").EnumerateArray().Single(o => o.GetProperty("number").GetInt32() == 951)
            .GetProperty("indicators").EnumerateArray().Single();
        var movement = Movement(await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/annual-review?year=2023"));
        Assert.NotEqual("2023/2024", movement.GetProperty("latestPeriod").ValueKind == JsonValueKind.Null ? null : movement.GetProperty("latestPeriod").GetString());
        var full = Movement(await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/annual-review?year=2023"));
        Assert.Equal(("2023/2024", Math.Round(share, 4)), (full.GetProperty("latestPeriod").GetString(), Math.Round(full.GetProperty("latest").GetDouble(), 4)));
        // The review page writes the value as it is (to four decimals): a coordinator sees it, an anonymous reader does not.
        var raw = Math.Round(share, 4).ToString(Dutch);
        Assert.DoesNotContain(raw, WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/plannen/{planId}/jaarbeoordeling?jaar=2023")));
        Assert.Contains(raw, WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/plannen/{planId}/jaarbeoordeling?jaar=2023")));

        // An edition: the published figures and their revisions follow the same rule.
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2041, title = "Monitor 2041", indicators = new[] { Confidential } })).StatusCode);
        var edition = await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2041?regionSet=gemeenten");
        var figures = edition.GetProperty("indicators")[0].GetProperty("figures").EnumerateArray()
            .Where(f => f.GetProperty("period").GetString() == "2023/2024" && Code(f).StartsWith("GM", StringComparison.Ordinal)).ToList();
        // Frozen are the municipalities with hbo students (cells in the file); among them some the rule hides.
        Assert.True(figures.Count > 10);
        Assert.Contains(figures, f => Protected(f) is "Small");
        Assert.Contains(figures, f => Protected(f) is "Secondary");
        foreach (var figure in figures)
            Assert.Equal(expected.Single(e => e.Code == Code(figure)).Hidden, Hidden(Protected(figure)));
        Assert.Equal("Confidential", edition.GetProperty("indicators")[0].GetProperty("disclosure").GetString());
        var editionRaw = Math.Round(share, 4).ToString("#,##0.####", Dutch);
        Assert.DoesNotContain(editionRaw, WebUtility.HtmlDecode(await anonymous.GetStringAsync("/pact/techniekpact/monitor/edities/2041?indeling=gemeenten&periode=2023/2024")));
        Assert.Contains(editionRaw, WebUtility.HtmlDecode(await coordinator.GetStringAsync("/pact/techniekpact/monitor/edities/2041?indeling=gemeenten&periode=2023/2024")));
    }

    /// <summary>
    /// On-track by hand: the share of technology in Oost in 2023 from the file, against a plan whose line runs from
    /// <paramref name="baseline"/> in 2020 to <paramref name="target"/> in 2030.
    /// </summary>
    private static string ExpectedStatus(double baseline, double target)
    {
        var oost = DuoReference.Regions()["TP-OOST"];
        var actual = Math.Round(100.0 * DuoReference.Sum(2023, oost, SmallCellReference.Techniek).Sum / DuoReference.Sum(2023, oost).Sum, 4);
        var expectedGain = (target - baseline) * 3 / 10;
        var gain = actual - baseline;
        return gain < 0 ? "WrongDirection" : gain >= 0.85 * expectedGain ? "OnTrack" : "OffTrack";
    }

    [Theory]
    [InlineData(10.0, 30.0)]
    [InlineData(10.0, 90.0)]
    [InlineData(30.0, 40.0)]
    public async Task On_track_is_the_same_answer_through_the_api_the_pages_the_effect_view_and_the_annual_review(double baseline, double target)
    {
        await PlanData.ClearAsync(factory);
        var objective = await PlanData.ObjectiveAsync(factory, 961, "Testdoel koers", "hbo-aandeel-techniek");
        var indicatorId = await PlanData.IndicatorIdAsync(factory, "hbo-aandeel-techniek");
        var oost = await PlanData.RegionIdAsync(factory, "TP-OOST");
        var (planId, _) = await PlanData.CreateAsync(factory, "TP-OOST", RevisionStatus.Adopted, fill: r =>
        {
            r.Objectives.Add(new RevisionObjective { ObjectiveId = objective });
            r.Goals.Add(PlanData.Goal(indicatorId, oost, GoalKind.Baseline, 2020, baseline));
            r.Goals.Add(PlanData.Goal(indicatorId, oost, GoalKind.Target, 2030, target));
        });
        // The plans were written straight into the database: the cached public answers go.
        await factory.InScopeAsync(services => services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>()
            .EvictByTagAsync(Web.Features.Monitor.MonitorCache.Tag, default).AsTask());
        var expected = ExpectedStatus(baseline, target);
        var client = Anonymous(factory);
        string Words(string status) => new Dictionary<string, string> { ["OnTrack"] = "Op koers", ["OffTrack"] = "Niet op koers", ["WrongDirection"] = "Verkeerde richting" }[status];

        var api = (await client.GetFromJsonAsync<JsonElement>("/api/v1/monitor/status?indicator=hbo-aandeel-techniek&region=TP-OOST")).GetProperty("status").GetString();
        var page = WebUtility.HtmlDecode(await client.GetStringAsync("/monitor/indicatoren/hbo-aandeel-techniek?regio=TP-OOST"));
        var cards = WebUtility.HtmlDecode(await client.GetStringAsync("/pact/techniekpact/monitor?regio=TP-OOST"));
        var effect = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{objective}/effect?region=TP-OOST");
        var effectStatus = effect.GetProperty("indicators").EnumerateArray().Single().GetProperty("points").EnumerateArray()
            .Single(p => p.GetProperty("period").GetString() == "2023/2024").GetProperty("status").GetString();
        var review = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/annual-review?year=2023")).GetProperty("objectives").EnumerateArray()
            .Single(o => o.GetProperty("number").GetInt32() == 961).GetProperty("indicators")[0].GetProperty("status").GetString();

        Assert.Equal(expected, api);
        Assert.Equal(expected, effectStatus);
        Assert.Equal(expected, review);
        Assert.Contains($"<strong>Koers:</strong> {Words(expected)}</p>", page);
        var card = cards[cards.IndexOf("Aandeel techniek in het hbo</a>", StringComparison.Ordinal)..];
        Assert.Contains($"<strong>Koers:</strong> {Words(expected)}", card[..card.IndexOf("</li>", StringComparison.Ordinal)]);
    }
}

public sealed class DisclosureTestsSqlite(SqliteFactory factory) : DisclosureTests<SqliteFactory>(factory);
public sealed class DisclosureTestsPostgres(PostgresFactory factory) : DisclosureTests<PostgresFactory>(factory);
