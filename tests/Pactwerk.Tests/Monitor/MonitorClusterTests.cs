using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Agenda;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Waiting;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Issue 21 item 1: two instances on one PostgreSQL database. An import made through one is in the other's
/// answers within a second — its engine and its cached public pages — and a withdrawal made through the
/// second is back in the first's within a second; likewise a definition change and a goal change. The figures are checked against the reference sum of the
/// DUO file plus the imported row, not against either instance's own earlier answer alone.
/// </summary>
public sealed class MonitorClusterPostgresTests(PostgresFactory first) : IClassFixture<PostgresFactory>
{
    private const string Api = "/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0193&period=2023";
    private const string Page = "/monitor/indicatoren/hbo-ingeschrevenen?regio=GM0193&indeling=gemeenten";

    private static Task<double?> ValueAsync(HttpClient client) => ValueAsync(client, Api);

    private static async Task<double?> ValueAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<List<JsonElement>>(url))!.Single().GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;


    [Fact]
    public async Task An_import_through_one_instance_and_a_withdrawal_through_the_other_show_on_both_within_a_second()
    {
        await using var second = await TargetFactory.SecondInstanceOfAsync(first);
        var readerA = Anonymous(first);
        var readerB = Anonymous(second);
        var zwolle = DuoReference.Sum(2023, DuoReference.Regions()["GM0193"]).Sum;
        Assert.Equal(zwolle, await ValueAsync(readerA));
        Assert.Equal(zwolle, await ValueAsync(readerB));
        Assert.DoesNotContain("zwolle-cluster.csv", await readerB.GetStringAsync(Page)); // now cached on B

        // One more Zwolle row (7 students in 2023), imported through A.
        const string header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2023";
        var source = await File.ReadAllLinesAsync(Path.Combine(SharedData.Root, DuoReference.File));
        var y2023 = Array.IndexOf(source[0].Split(';'), "2023");
        var lines = new List<string> { header };
        lines.AddRange(source.Skip(1).Select(l => l.Split(';')).Select(c => string.Join(';', c.Take(13).Append(c[y2023]))));
        lines.Add("Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;7");
        var releaseId = 0;
        await first.InScopeAsync(async s =>
        {
            var report = await s.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", "zwolle-cluster.csv",
                Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"), default);
            Assert.Equal(ImportStatus.Committed, report.Status);
            releaseId = report.ReleaseId!.Value;
        });

        var imported = await UntilAsync(async () => await ValueAsync(readerB) == zwolle + 7 && (await readerB.GetStringAsync(Page)).Contains("zwolle-cluster.csv"));
        Assert.True(imported < TimeSpan.FromSeconds(1), $"B showed the import after {imported.TotalMilliseconds:0} ms");
        Assert.Equal(zwolle + 7, await ValueAsync(readerA));

        // Withdrawn through B: A's engine takes the earlier values back.
        var coordinatorB = await SignInAsync(second, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await coordinatorB.PostAsJsonAsync($"/api/v1/releases/{releaseId}/withdrawal", new { reason = "Test van twee instanties." })).StatusCode);
        var withdrawn = await UntilAsync(async () => await ValueAsync(readerA) == zwolle);
        Assert.True(withdrawn < TimeSpan.FromSeconds(1), $"A showed the withdrawal after {withdrawn.TotalMilliseconds:0} ms");
        Assert.Equal(zwolle, await ValueAsync(readerB));
    }

    [Fact]
    public async Task A_definition_change_through_one_instance_and_a_goal_change_through_the_other_show_on_both_within_a_second()
    {
        await using var second = await TargetFactory.SecondInstanceOfAsync(first);
        var coordinatorA = await SignInAsync(first, "coordinator@techniekpact.demo");
        var coordinatorB = await SignInAsync(second, "coordinator@techniekpact.demo");
        var readerA = Anonymous(first);
        var readerB = Anonymous(second);
        const string values = "/api/v1/monitor/values?indicator=hbo-cluster-geslacht&region=GM0363&period=2022";
        var amsterdam = DuoReference.Regions()["GM0363"];
        object Definition(string gender, string? reason) => new
        {
            numerator = new { element = "hbo-ingeschrevenen", filter = new Dictionary<string, string[]> { ["GESLACHT"] = [gender] } },
            multiplier = 1, description = $"Ingeschrevenen: {gender}.", validFrom = reason is null ? null : "2022", reason,
        };

        // An indicator of the test's own, so the demo's indicators stay as other tests expect them.
        var created = await coordinatorA.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = "hbo-cluster-geslacht", name = "Ingeschrevenen naar geslacht", nameEn = "Enrolled by gender", unit = "aantal",
            direction = "HigherIsBetter", definition = Definition("vrouw", null),
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var women = DuoReference.Sum(2022, amsterdam, c => c("GESLACHT") == "vrouw").Sum;
        var men = DuoReference.Sum(2022, amsterdam, c => c("GESLACHT") == "man").Sum;
        var known = await UntilAsync(async () => (await readerB.GetAsync(values)).IsSuccessStatusCode && await ValueAsync(readerB, values) == women);
        Assert.True(known < TimeSpan.FromSeconds(1), $"B knew the new indicator after {known.TotalMilliseconds:0} ms");

        // A new version through A: B's cached answer follows.
        Assert.Equal(women, await ValueAsync(readerB, values));
        var versioned = await coordinatorA.PostAsJsonAsync("/api/v1/indicators/hbo-cluster-geslacht/versions", Definition("man", "Nu mannen."));
        Assert.Equal(HttpStatusCode.Created, versioned.StatusCode);
        var redefined = await UntilAsync(async () => await ValueAsync(readerB, values) == men);
        Assert.True(redefined < TimeSpan.FromSeconds(1), $"B showed the new definition after {redefined.TotalMilliseconds:0} ms");

        // A plan revision adopted through B sets the goals: A's cached status shows them.
        const string status = "/api/v1/monitor/status?indicator=hbo-aandeel-techniek&region=NL";
        await PlanData.ClearAsync(first);
        var (planId, revisionId) = await PlanData.CreateAsync(first, null, RevisionStatus.Proposed);
        await first.InDbAsync(async db =>
        {
            var indicatorId = await db.Indicators.Where(i => i.Code == "hbo-aandeel-techniek").Select(i => i.Id).SingleAsync();
            var country = await db.Regions.Where(r => r.Code == "NL").Select(r => r.Id).SingleAsync();
            db.IndicatorGoals.Add(new IndicatorGoal { IndicatorId = indicatorId, RegionId = country, Kind = GoalKind.Target, PeriodStart = 2022, Value = 31.5, PlanRevisionId = revisionId });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(JsonValueKind.Null, (await readerA.GetFromJsonAsync<JsonElement>(status)).GetProperty("target").ValueKind);
        var version = await first.InDbAsync(db => db.PlanRevisions.Where(r => r.Id == revisionId).Select(r => r.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await coordinatorB.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}/adopt", new { version })).StatusCode);
        var adopted = await UntilAsync(async () => (await readerA.GetFromJsonAsync<JsonElement>(status)).GetProperty("target") is { ValueKind: JsonValueKind.Object } t
            && t.GetProperty("value").GetDouble() == 31.5);
        Assert.True(adopted < TimeSpan.FromSeconds(1), $"A showed the adopted goal after {adopted.TotalMilliseconds:0} ms");
        await PlanData.ClearAsync(first);
    }
}
