using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Imports that would silently lose data: a partial file that empties most of a period needs an
/// explicit confirmation (command line, API, wizard); implausible years, binary files and files of
/// one column are refused; withdrawn releases leave the engine, and `monitor compact` removes their
/// observations from the database while every figure stays what the current releases add up to.
/// </summary>
public abstract class ImportSafetyTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2020;2021;2022;2023";
    private const string Row = "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;10;11;12;13";
    private const string Profile = "duo-hbo-ingeschrevenen";

    private static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private async Task<ImportReport> ImportAsync(byte[] content, bool replaceShrinking = false)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(Profile, "test.csv", content, default, replaceShrinking: replaceShrinking);
    }

    private Task<string> StateAsync() => factory.InDbAsync(async db =>
        $"{await db.Observations.CountAsync()}|{await db.Observations.CountAsync(o => o.IsCurrent)}|{await db.DataReleases.CountAsync()}");

    private Task<int> CurrentAsync(int year) => factory.InDbAsync(db => db.Observations.CountAsync(o => o.IsCurrent && o.PeriodStart == year
        && db.DataElements.Any(e => e.Id == o.DataElementId && e.Code == "hbo-ingeschrevenen")));

    private async Task<double?> NationalAsync(int year) =>
        (await factory.CreateClient().GetFromJsonAsync<List<ValueJson>>($"/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=NL&period={year}"))!.Single().Value;

    private static string TempFile(byte[] content)
    {
        var path = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"safety-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllBytes(path, content);
        return path;
    }

    [Fact]
    public async Task A_partial_file_that_would_empty_a_period_is_refused_unless_confirmed()
    {
        factory.CreateClient();
        var before = await StateAsync();
        var current2023 = await CurrentAsync(2023);
        var partial = File(Header, Row);

        // The service, the command line and the API refuse it with the before and after counts, and change nothing.
        var report = await ImportAsync(partial);
        Assert.Equal(ImportStatus.Rejected, report.Status);
        var shrinking = Assert.IsAssignableFrom<IReadOnlyList<ShrinkingPeriod>>(report.Shrinking);
        Assert.Equal(["2020/2021", "2021/2022", "2022/2023", "2023/2024"], shrinking.Select(s => s.Period));
        var year2023 = shrinking.Single(s => s.Period == "2023/2024");
        Assert.Equal((current2023, 1, 1), (year2023.ObservationsBefore, year2023.ObservationsAfter, year2023.MunicipalitiesAfter));
        Assert.Contains($"{current2023} → 1 waarnemingen", report.Message);
        var file = TempFile(partial);
        using (var console = new ConsoleCapture())
        {
            Assert.Equal(1, await ImportCommand.RunAsync(factory.Services, ["import", Profile, file]));
            Assert.Contains("--replace-shrinking", console.Output.ToString());
        }
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        MultipartFormDataContent Form(bool confirm) => confirm
            ? new() { { new ByteArrayContent(partial), "file", "deel.csv" }, { new StringContent(Profile), "profile" }, { new StringContent("true"), "replaceShrinking" } }
            : new() { { new ByteArrayContent(partial), "file", "deel.csv" }, { new StringContent(Profile), "profile" } };
        var refused = await coordinator.PostAsync("/api/v1/imports", Form(false));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var json = await refused.ReadAsync<JsonElement>();
        Assert.Equal(current2023, json.GetProperty("shrinking")[3].GetProperty("observationsBefore").GetInt32());
        Assert.Equal(before, await StateAsync());

        // Confirmed explicitly, it replaces the periods; withdrawing it brings every value back.
        var confirmed = await coordinator.PostAsync("/api/v1/imports", Form(true));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(1, await CurrentAsync(2023));
        var release = (await confirmed.ReadAsync<JsonElement>()).GetProperty("releaseId").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/releases/{release}/withdrawal", new { reason = "Gedeeltelijk bestand." })).StatusCode);
        Assert.Equal(current2023, await CurrentAsync(2023));
    }

    [Fact]
    public async Task The_wizard_shows_before_and_after_counts_and_replaces_only_when_confirmed()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var current2022 = await CurrentAsync(2022);
        var partial = File(Header.Replace(";2020;2021;2022;2023", ";2022"), Row.Replace(";10;11;12;13", ";5"));
        var token = AntiforgeryToken(await coordinator.GetStringAsync("/monitor/import"));
        var upload = await coordinator.PostAsync("/monitor/import", new MultipartFormDataContent { { new ByteArrayContent(partial), "file", "deel.csv" }, { new StringContent(token), "__RequestVerificationToken" } });
        var mapping = upload.Headers.Location!.OriginalString;
        token = AntiforgeryToken(await coordinator.GetStringAsync(mapping));
        var chosen = await coordinator.PostAsync($"{mapping}?handler=Choose", new FormUrlEncodedContent(new Dictionary<string, string> { ["profile"] = Profile, ["__RequestVerificationToken"] = token }));
        var preview = chosen.Headers.Location!.OriginalString;
        var before = await StateAsync();

        token = AntiforgeryToken(await coordinator.GetStringAsync(preview));
        var commit = await coordinator.PostAsync($"{preview}?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        var page = WebUtility.HtmlDecode(await commit.Content.ReadAsStringAsync());
        Assert.Contains("Bevestig: dit bestand vervangt meer dan het aanvult", page);
        Assert.Contains($"<td>{current2022.ToString("#,0", System.Globalization.CultureInfo.GetCultureInfo("nl-NL"))}</td><td>1</td>", page);
        Assert.Equal(before, await StateAsync());

        var english = await coordinator.PostAsync($"{preview}?handler=Commit&culture=en", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Contains("Confirm: this file replaces more than it adds", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()));

        var confirm = await coordinator.PostAsync($"{preview}?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string> { ["replaceShrinking"] = "true", ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(1, await CurrentAsync(2022));
        var release = int.Parse(confirm.Headers.Location!.OriginalString.Split('/')[^1].Split('?')[0]);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/releases/{release}/withdrawal", new { reason = "Proef." })).StatusCode);
        Assert.Equal(current2022, await CurrentAsync(2022));
    }

    public static TheoryData<string, byte[], string> ImplausibleFiles => new()
    {
        { "1949", File(Header.Replace(";2020;2021;2022;2023", ";1949"), Row.Replace(";10;11;12;13", ";7").Replace(";0193;", ";0202;")), "periode 1949/1950 in kolom 1949 ligt buiten 1950–" },
        { "next year + 1", File(Header.Replace(";2020;2021;2022;2023", $";{DateTime.UtcNow.Year + 2}"), Row.Replace(";10;11;12;13", ";7").Replace(";0193;", ";0202;")), $"ligt buiten 1950–{DateTime.UtcNow.Year + 1}" },
        { "binary", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00, 0xFF, 0xD8, 0x01, 0x02, 0x03, 0x1B, 0x1C], "geen tekstbestand" },
        { "one column", File("GEMEENTENUMMER", "0193", "0150"), "maar één kolom" },
    };

    [Theory]
    [MemberData(nameof(ImplausibleFiles))]
    public async Task Implausible_input_is_refused_with_a_clear_message_by_service_command_line_and_api(string kind, byte[] content, string reason)
    {
        factory.CreateClient();
        var before = await StateAsync();
        var report = await ImportAsync(content);
        Assert.Equal(ImportStatus.Rejected, report.Status);
        Assert.Contains(report.Rejected, r => r.Reason.Contains(reason));
        using (var console = new ConsoleCapture())
        {
            Assert.Equal(1, await ImportCommand.RunAsync(factory.Services, ["import", Profile, TempFile(content)]));
            Assert.Contains(reason, console.Errors.ToString());
        }
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var api = await coordinator.PostAsync("/api/v1/imports", new MultipartFormDataContent { { new ByteArrayContent(content), "file", kind + ".csv" }, { new StringContent(Profile), "profile" } });
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        Assert.Contains(reason, await api.Content.ReadAsStringAsync());
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task The_current_year_and_next_are_plausible()
    {
        factory.CreateClient();
        var next = DateTime.UtcNow.Year + 1;
        var report = await ImportAsync(File(Header.Replace(";2020;2021;2022;2023", $";{next}"), Row.Replace(";10;11;12;13", ";7").Replace(";0193;", ";0200;")));
        Assert.Equal(ImportStatus.Committed, report.Status);
    }

    [Theory]
    [InlineData("binary", "geen tekstbestand", "This file is not a text file")]
    [InlineData("one column", "maar één kolom", "has only one column")]
    public async Task The_wizard_refuses_a_binary_file_or_one_column_in_dutch_and_english(string kind, string dutch, string english)
    {
        byte[] content = kind == "binary" ? [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52] : File("gemeente", "Zwolle", "Ede");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var held = await factory.InDbAsync(db => db.Set<HeldUpload>().CountAsync());
        foreach (var (culture, expected) in new[] { ("nl", dutch), ("en", english) })
        {
            var token = AntiforgeryToken(await coordinator.GetStringAsync($"/monitor/import?culture={culture}"));
            var response = await coordinator.PostAsync($"/monitor/import?culture={culture}", new MultipartFormDataContent
            {
                { new ByteArrayContent(content), "file", "bestand.csv" }, { new StringContent(token), "__RequestVerificationToken" },
            });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(expected, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(held, await factory.InDbAsync(db => db.Set<HeldUpload>().CountAsync()));
    }

    [Fact]
    public async Task Compact_removes_withdrawn_observations_from_engine_and_database_and_every_figure_stays_the_sum_of_the_current_releases()
    {
        factory.CreateClient();
        var engine = factory.Services.GetRequiredService<MonitorEngineHost>();
        int InEngine() => engine.Engine.Element("hbo-ingeschrevenen")!.Count;
        Task<int> CurrentInDb() => factory.InDbAsync(db => db.Observations.CountAsync(o => o.IsCurrent && db.DataElements.Any(e => e.Id == o.DataElementId && e.Code == "hbo-ingeschrevenen")));
        var country = DuoReference.Regions()["NL"];
        double expected2023 = DuoReference.Sum(2023, country).Sum;
        Assert.Equal(expected2023, await NationalAsync(2023));
        var inEngine = InEngine();
        Assert.Equal(await CurrentInDb(), inEngine);

        // A revised 2023 (every published cell +1) supersedes the real one; then it is withdrawn.
        var real = (await System.IO.File.ReadAllTextAsync(Path.Combine(SharedData.Root, DuoReference.File))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var revised = real.Select((line, i) =>
        {
            var cells = line.Split(';');
            if (i > 0 && cells[16] != "<5")
                cells[16] = (int.Parse(cells[16]) + 1).ToString();
            return string.Join(';', cells[..13].Append(cells[16]));
        }).ToArray();
        var published = real.Skip(1).Count(l => l.Split(';')[16] != "<5");
        var report = await ImportAsync(File(revised));
        Assert.Equal(ImportStatus.Committed, report.Status);
        Assert.Equal(expected2023 + published, await NationalAsync(2023));
        Assert.Equal(inEngine, InEngine());
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/releases/{report.ReleaseId}/withdrawal", new { reason = "Proef voor compact." })).StatusCode);
        Assert.Equal(expected2023, await NationalAsync(2023));
        Assert.Equal(inEngine, InEngine());
        var withdrawnRows = await factory.InDbAsync(db => db.Observations.CountAsync(o => o.ReleaseId == report.ReleaseId));
        Assert.Equal(report.ObservationsWritten, withdrawnRows);

        // Within the retention period nothing is removed; with --older-than 0d the withdrawn rows go, the release's record stays.
        using (var console = new ConsoleCapture())
        {
            Assert.Equal(0, await CompactCommand.RunAsync(factory.Services, ["monitor", "compact"]));
            Assert.Equal(withdrawnRows, await factory.InDbAsync(db => db.Observations.CountAsync(o => o.ReleaseId == report.ReleaseId)));
            Assert.Equal(2, await CompactCommand.RunAsync(factory.Services, ["monitor", "compact", "--older-than", "soms"]));
            Assert.Equal(0, await CompactCommand.RunAsync(factory.Services, ["monitor", "compact", "--older-than", "0d"]));
            Assert.Contains("waarnemingen verwijderd", console.Output.ToString());
            Assert.Contains("Geheugen met de monitor geladen", console.Output.ToString());
        }
        Assert.Equal(0, await factory.InDbAsync(db => db.Observations.CountAsync(o => o.ReleaseId == report.ReleaseId)));
        var kept = await factory.InDbAsync(db => db.DataReleases.SingleAsync(r => r.Id == report.ReleaseId));
        Assert.NotNull(kept.WithdrawnAt);
        Assert.Equal(64, kept.Checksum.Length);
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == ObservationCompaction.AuditAction)));

        // The figures are still exactly the sums of the current release, counted straight from the file; the engine holds only current values.
        Assert.Equal(expected2023, await NationalAsync(2023));
        Assert.Equal((double)DuoReference.Sum(2020, country).Sum, await NationalAsync(2020));
        Assert.Equal(await CurrentInDb(), InEngine());
        await factory.InDbAsync(async db => { await engine.LoadAllAsync(db, default); return 0; });
        Assert.Equal(inEngine, InEngine());
    }
}

public sealed class ImportSafetySqliteFactory : SqliteFactory
{
    // The default plausible window (1950 to next year), not the far-future one other monitor tests need.
    public ImportSafetySqliteFactory() => With("Monitor:LastPlausibleYear", null);
}

public sealed class ImportSafetyPostgresFactory : PostgresFactory
{
    public ImportSafetyPostgresFactory() => With("Monitor:LastPlausibleYear", null);
}

public sealed class ImportSafetySqlite(ImportSafetySqliteFactory factory) : ImportSafetyTests<ImportSafetySqliteFactory>(factory);
public sealed class ImportSafetyPostgres(ImportSafetyPostgresFactory factory) : ImportSafetyTests<ImportSafetyPostgresFactory>(factory);
