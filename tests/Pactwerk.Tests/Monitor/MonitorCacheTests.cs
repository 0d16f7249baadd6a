using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Agenda;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.ReferenceData;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Caching of the public monitor, in a database of its own: a cached anonymous answer is served
/// until something it shows changes, and then changes at once, whichever feature made the change
/// (import, withdrawal, indicator version, plan adoption, reference data; objectives in
/// ObjectiveEditingTests). No feature evicts by hand: the database's interceptor does.
/// </summary>
public abstract class MonitorCacheTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static async Task<double?> ValueAsync(HttpClient client, string url) =>
        (await client.GetFromJsonAsync<List<JsonElement>>(url))!.Single().GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : null;

    /// <summary>A write on the bare connection, past EF and so past the eviction: the cached answer must stay.</summary>
    private Task BehindTheMonitorsBackAsync(string sql) => factory.InDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    });

    [Fact]
    public async Task Anonymous_pages_are_served_from_the_cache_signed_in_readers_are_not_and_an_import_and_its_withdrawal_show_at_once()
    {
        const string page = "/monitor/indicatoren/hbo-ingeschrevenen?regio=GM0193&indeling=gemeenten";
        const string api = "/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0193&period=2023";
        var anonymous = Anonymous(factory);
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var firstPage = await anonymous.GetStringAsync(page);
        var firstValue = await ValueAsync(anonymous, api);

        // A change behind the monitor's back (no eviction): anonymous readers still get the cached page (it says how old it
        // is); a signed-in reader's page is made for them, not taken from the cache, but from the same catalogue of
        // indicators, which only an eviction drops: neither sees the change until a write the eviction sees.
        await BehindTheMonitorsBackAsync("UPDATE \"Indicators\" SET \"Name\" = 'Ingeschrevenen hbo (gewijzigd)' WHERE \"Code\" = 'hbo-ingeschrevenen'");
        var cached = await anonymous.GetAsync(page);
        Assert.NotNull(cached.Headers.Age);
        Assert.DoesNotContain("(gewijzigd)", await cached.Content.ReadAsStringAsync());
        var own = await coordinator.GetAsync(page);
        Assert.Null(own.Headers.Age);
        Assert.DoesNotContain("(gewijzigd)", await own.Content.ReadAsStringAsync());

        // An import of one more Zwolle row (7 students in 2023): the new figures show at once.
        const string header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2023";
        var lines = new List<string> { header };
        var source = await File.ReadAllLinesAsync(Path.Combine(SharedData.Root, DuoReference.File));
        var head = source[0].Split(';');
        var y2023 = Array.IndexOf(head, "2023");
        lines.AddRange(source.Skip(1).Select(l => l.Split(';')).Select(c => string.Join(';', c.Take(13).Append(c[y2023]))));
        lines.Add("Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;7");
        int releaseId = 0;
        await factory.InScopeAsync(async s =>
        {
            var report = await s.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", "zwolle-extra.csv",
                Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n"), default);
            Assert.Equal(ImportStatus.Committed, report.Status);
            releaseId = report.ReleaseId!.Value;
        });

        Assert.Equal(firstValue + 7, await ValueAsync(anonymous, api));
        var afterPage = await anonymous.GetStringAsync(page);
        Assert.Contains("(gewijzigd)", afterPage);
        Assert.Contains("zwolle-extra.csv", afterPage);
        Assert.DoesNotContain("zwolle-extra.csv", firstPage);

        // Withdrawing the release brings the earlier values back, for the cached reader too.
        var withdrawn = await coordinator.PostAsJsonAsync($"/api/v1/releases/{releaseId}/withdrawal", new { reason = "Testrij." });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(firstValue, await ValueAsync(anonymous, api));
        Assert.DoesNotContain("zwolle-extra.csv", await anonymous.GetStringAsync(page));
    }

    [Fact]
    public async Task A_new_indicator_version_shows_at_once()
    {
        const string api = "/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0363&period=2022";
        var anonymous = Anonymous(factory);
        var amsterdam = DuoReference.Regions()["GM0363"];
        Assert.Equal(DuoReference.Sum(2022, amsterdam).Sum, await ValueAsync(anonymous, api));

        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var versioned = await coordinator.PostAsJsonAsync("/api/v1/indicators/hbo-ingeschrevenen/versions", new
        {
            numerator = new { element = "hbo-ingeschrevenen", filter = new Dictionary<string, string[]> { ["GESLACHT"] = ["vrouw"] } },
            multiplier = 1, description = "Alleen vrouwen.", validFrom = "2022", reason = "Alleen vrouwen tellen.",
        });
        Assert.Equal(HttpStatusCode.Created, versioned.StatusCode);

        Assert.Equal(DuoReference.Sum(2022, amsterdam, c => c("GESLACHT") == "vrouw").Sum, await ValueAsync(anonymous, api));
    }

    [Fact]
    public async Task An_adopted_plan_revision_sets_the_goals_the_cached_status_shows_at_once()
    {
        const string api = "/api/v1/monitor/status?indicator=hbo-aandeel-techniek&region=NL";
        await PlanData.ClearAsync(factory);
        var (planId, revisionId) = await PlanData.CreateAsync(factory, null, RevisionStatus.Proposed);
        await factory.InDbAsync(async db =>
        {
            var indicatorId = await db.Indicators.Where(i => i.Code == "hbo-aandeel-techniek").Select(i => i.Id).SingleAsync();
            var country = await db.Regions.Where(r => r.Code == "NL").Select(r => r.Id).SingleAsync();
            db.IndicatorGoals.AddRange(
                new IndicatorGoal { IndicatorId = indicatorId, RegionId = country, Kind = GoalKind.Baseline, PeriodStart = 2020, Value = 20, PlanRevisionId = revisionId },
                new IndicatorGoal { IndicatorId = indicatorId, RegionId = country, Kind = GoalKind.Target, PeriodStart = 2022, Value = 31.5, PlanRevisionId = revisionId });
            return await db.SaveChangesAsync();
        });
        var anonymous = Anonymous(factory);
        var before = await anonymous.GetFromJsonAsync<JsonElement>(api);
        Assert.Equal(JsonValueKind.Null, before.GetProperty("target").ValueKind);

        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        // A signed-in reader's answer is not output-cached, but the goals it is judged by are held in memory: they too must follow.
        Assert.Equal(JsonValueKind.Null, (await coordinator.GetFromJsonAsync<JsonElement>(api)).GetProperty("target").ValueKind);
        var version = await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.Id == revisionId).Select(r => r.Version).SingleAsync());
        var adopted = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}/adopt", new { version });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);

        var after = await anonymous.GetFromJsonAsync<JsonElement>(api);
        Assert.Equal(31.5, after.GetProperty("target").GetProperty("value").GetDouble());
        Assert.Equal(20, after.GetProperty("baseline").GetProperty("value").GetDouble());
        Assert.Equal(31.5, (await coordinator.GetFromJsonAsync<JsonElement>(api)).GetProperty("target").GetProperty("value").GetDouble());

        // A changed target of the adopted revision, written through EF as any editor does: both readers see it at once.
        await factory.InDbAsync(async db =>
        {
            var target = await db.IndicatorGoals.SingleAsync(g => g.PlanRevisionId == revisionId && g.Kind == GoalKind.Target);
            target.Value = 33.25;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(33.25, (await anonymous.GetFromJsonAsync<JsonElement>(api)).GetProperty("target").GetProperty("value").GetDouble());
        Assert.Equal(33.25, (await coordinator.GetFromJsonAsync<JsonElement>(api)).GetProperty("target").GetProperty("value").GetDouble());
    }

    [Fact]
    public async Task A_reference_data_load_that_renames_a_municipality_shows_at_once()
    {
        const string page = "/monitor/indicatoren/hbo-ingeschrevenen?regio=GM0153&indeling=gemeenten";
        var anonymous = Anonymous(factory);
        Assert.DoesNotContain("Enschede (hernoemd)", await anonymous.GetStringAsync(page));

        var folder = Path.Combine(Path.GetTempPath(), "pactwerk-tests", "refdata-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(folder, "regions"));
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.Root, "regions")))
            File.Copy(file, Path.Combine(folder, "regions", Path.GetFileName(file)));
        var municipalities = Path.Combine(folder, "regions", "gemeenten.csv");
        var text = await File.ReadAllTextAsync(municipalities);
        Assert.Contains("GM0153,Enschede,", text);
        await File.WriteAllTextAsync(municipalities, text.Replace("GM0153,Enschede,", "GM0153,Enschede (hernoemd),"));
        try
        {
            await factory.InScopeAsync(async s =>
            {
                var result = await s.GetRequiredService<ReferenceDataImporter>().LoadAsync(new DirectoryReferenceDataSource(folder), new DateOnly(2025, 1, 1));
                Assert.True(result.Changed);
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.Contains("Enschede (hernoemd)", await anonymous.GetStringAsync(page));
    }
}

public sealed class MonitorCacheTestsSqlite(SqliteFactory factory) : MonitorCacheTests<SqliteFactory>(factory);
public sealed class MonitorCacheTestsPostgres(PostgresFactory factory) : MonitorCacheTests<PostgresFactory>(factory);
