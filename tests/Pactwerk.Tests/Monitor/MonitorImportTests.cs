using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>Imports: all or nothing, with line numbers for every bad row; releases supersede per period.</summary>
public abstract class MonitorImportTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2020;2021;2022;2023";
    private const string Row = "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;10;11;12;13";

    private static byte[] File(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    private async Task<ImportReport> ImportAsync(byte[] content, string profile = "duo-hbo-ingeschrevenen")
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync(profile, "test.csv", content, default);
    }

    private Task<string> StateAsync() => factory.InDbAsync(async db =>
        $"{await db.Observations.CountAsync()}|{await db.Observations.CountAsync(o => o.IsCurrent)}|{await db.DataReleases.CountAsync()}|{await db.AuditEntries.CountAsync(a => a.EntityType == "DataRelease")}");

    private async Task<double?> ZwolleAsync(string period) =>
        (await factory.CreateClient().GetFromJsonAsync<List<ValueJson>>($"/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0193&period={period}"))!.Single().Value;

    public static TheoryData<string, byte[], int, string> BadFiles => new()
    {
        { "empty", [], 1, "Het bestand is leeg" },
        { "comma", File(Header.Replace(';', ','), Row.Replace(';', ',')), 1, "niet met ';' gescheiden maar met ','" },
        { "latin-1", [.. Encoding.Latin1.GetBytes(Header + "\r\n" + Row.Replace("Testhogeschool", "Hogeschool Één"))], 1, "geen geldige UTF-8" },
        { "header", File(Header.Replace(";GESLACHT", ";SEKSE"), Row), 1, "kolom(men) GESLACHT ontbreken" },
        { "no years", File(Header.Replace(";2020;2021;2022;2023", ""), Row[..Row.LastIndexOf(";10;", StringComparison.Ordinal)]), 1, "geen jaarkolommen" },
        { "unknown municipality", File(Header, Row, Row.Replace(";0193;", ";9999;")), 3, "onbekende gemeentecode '9999'" },
        { "not a number", File(Header, Row.Replace(";12;13", ";twaalf;13")), 2, "'twaalf' in kolom 2022 is geen getal" },
        { "negative", File(Header, Row.Replace(";13", ";-3")), 2, "negatief aantal -3 in kolom 2023" },
        { "duplicate", File(Header, Row, Row.Replace(";10;11", ";20;21")), 3, "dubbele regel" },
        { "short row", File(Header, Row, "Overijssel;0193;Zwolle"), 3, "verwacht 17 velden, gevonden 3" },
        { "header only", File(Header), 1, "alleen een kopregel" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_is_refused_with_the_line_and_reason_and_changes_nothing(string kind, byte[] content, int line, string reason)
    {
        factory.CreateClient();
        var before = await StateAsync();
        var zwolle = await ZwolleAsync("2023");

        var report = await ImportAsync(content);

        Assert.Equal(ImportStatus.Rejected, report.Status);
        Assert.Contains(report.Rejected, r => r.Line == line && r.Reason.Contains(reason));
        Assert.Equal(before, await StateAsync());
        Assert.Equal(zwolle, await ZwolleAsync("2023"));
        Assert.NotNull(kind);
    }

    [Fact]
    public async Task Importing_the_same_release_again_changes_nothing()
    {
        factory.CreateClient();
        var before = await StateAsync();
        var real = await System.IO.File.ReadAllBytesAsync(Path.Combine(SharedData.Root, DuoReference.File));

        var report = await ImportAsync(real);

        Assert.Equal(ImportStatus.NoChange, report.Status);
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task A_newer_release_with_an_extra_year_adds_it_and_takes_over_the_years_it_holds()
    {
        factory.CreateClient();
        var real = (await System.IO.File.ReadAllTextAsync(Path.Combine(SharedData.Root, DuoReference.File))).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        // Next spring's file: a 2024 column, and DUO revised 2023 for the Zwolle rows (+1 each).
        var newer = real.Select((line, i) =>
        {
            if (i == 0)
                return line + ";2024";
            var cells = line.Split(';');
            if (cells[1] == "0193" && cells[16] != "<5")
                cells[16] = (int.Parse(cells[16]) + 1).ToString();
            return string.Join(';', cells) + ";" + (cells[15] == "<5" ? "<5" : "7");
        }).ToArray();
        var zwolleRows = real.Skip(1).Count(l => l.Split(';')[1] == "0193" && l.Split(';')[16] != "<5");
        var old2023 = await ZwolleAsync("2023");
        var old2020 = await ZwolleAsync("2020");
        var observationsBefore = await factory.InDbAsync(db => db.Observations.CountAsync());

        var report = await ImportAsync(File(newer));

        Assert.Equal(ImportStatus.Committed, report.Status);
        Assert.Equal(["2020/2021", "2021/2022", "2022/2023", "2023/2024", "2024/2025"], report.Periods);
        Assert.Equal(old2023 + zwolleRows, await ZwolleAsync("2023"));
        Assert.Equal(old2020, await ZwolleAsync("2020"));
        Assert.NotNull(await ZwolleAsync("2024"));
        // The older release's values stay in the database as history, no longer current.
        Assert.Equal(observationsBefore + report.ObservationsWritten, await factory.InDbAsync(db => db.Observations.CountAsync()));
        Assert.Equal(report.ObservationsWritten, await factory.InDbAsync(db => db.Observations.CountAsync(o => o.IsCurrent && o.PeriodStart >= 2020 && o.PeriodStart <= 2024
            && db.DataElements.Any(e => e.Id == o.DataElementId && e.Code == "hbo-ingeschrevenen"))));
    }

    [Fact]
    public async Task The_import_api_is_for_coordinators_and_tokens_and_reports_rejected_rows()
    {
        var content = File(Header, Row.Replace(";0193;", ";0000;"));
        MultipartFormDataContent Form() => new() { { new ByteArrayContent(content), "file", "fout.csv" }, { new StringContent("duo-hbo-ingeschrevenen"), "profile" } };
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var member = await SignInAsync(factory, "lid@pactwerk.demo");

        var anonymous = await Anonymous(factory).PostAsync("/api/v1/imports", Form());
        var byMember = await member.PostAsync("/api/v1/imports", Form());
        var byCoordinator = await coordinator.PostAsync("/api/v1/imports", Form());
        var unknownProfile = await coordinator.PostAsync("/api/v1/imports", new MultipartFormDataContent { { new ByteArrayContent(content), "file", "x.csv" }, { new StringContent("cbs-geluk"), "profile" } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, byCoordinator.StatusCode);
        var report = await byCoordinator.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal(2, report.GetProperty("rejected")[0].GetProperty("line").GetInt32());
        Assert.Contains("onbekende gemeentecode '0000'", report.GetProperty("rejected")[0].GetProperty("reason").GetString());
        Assert.Contains("Onbekend importprofiel 'cbs-geluk'", await unknownProfile.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_publishers_release_date_travels_with_every_figure_and_a_bad_one_is_refused()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var content = File(Header.Replace(";2020;2021;2022;2023", ";2031"), Row.Replace(";10;11;12;13", ";77").Replace(";0193;", ";0202;"));
        MultipartFormDataContent Form(string publishedOn) => new()
        {
            { new ByteArrayContent(content), "file", "arnhem.csv" }, { new StringContent("duo-hbo-ingeschrevenen"), "profile" }, { new StringContent(publishedOn), "publishedOn" },
        };
        var before = await StateAsync();

        var unreadable = await coordinator.PostAsync("/api/v1/imports", Form("15-03-2031"));
        var future = await coordinator.PostAsync("/api/v1/imports", Form(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd")));
        var unchanged = await StateAsync();
        var imported = await coordinator.PostAsync("/api/v1/imports", Form("2026-03-15"));
        var value = await factory.CreateClient().GetFromJsonAsync<System.Text.Json.JsonElement>("/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0202&period=2031");

        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        Assert.Contains("geen datum als 2024-03-15", await unreadable.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("ligt in de toekomst", await future.Content.ReadAsStringAsync());
        Assert.Equal(before, unchanged);
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal("2026-03-15", value[0].GetProperty("release").GetProperty("publishedOn").GetString());
    }

    [Fact]
    public async Task A_token_imports_and_the_new_figure_is_served_at_once()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var token = await coordinator.PostAsJsonAsync("/api/v1/me/tokens", new { name = "pijplijn", expiresOn = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(5)) });
        var secret = (await token.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("secret").GetString();
        var pipeline = Anonymous(factory);
        pipeline.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        // A release is complete for the periods it holds, so this file holds 2030 only and leaves the other years alone.
        var content = File(Header.Replace(";2020;2021;2022;2023", ";2030"), Row.Replace(";10;11;12;13", ";4321").Replace(";0193;", ";0200;"));

        var response = await pipeline.PostAsync("/api/v1/imports", new MultipartFormDataContent { { new ByteArrayContent(content), "file", "apeldoorn.csv" }, { new StringContent("duo-hbo-ingeschrevenen"), "profile" } });
        var apeldoorn = await factory.CreateClient().GetFromJsonAsync<List<ValueJson>>("/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=GM0200&period=2030");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(4321, Assert.Single(apeldoorn!).Value);
    }

    [Fact]
    public async Task The_command_line_import_exits_1_on_a_bad_file_and_0_on_a_known_one()
    {
        factory.CreateClient();
        var bad = Path.Combine(Path.GetTempPath(), "pactwerk-tests", $"bad-{Guid.NewGuid():N}.csv");
        Directory.CreateDirectory(Path.GetDirectoryName(bad)!);
        await System.IO.File.WriteAllBytesAsync(bad, File(Header, Row.Replace(";13", ";-1")));
        var before = await StateAsync();
        using (var console = new ConsoleCapture())
        {
            Assert.Equal(1, await ImportCommand.RunAsync(factory.Services, ["import", "duo-hbo-ingeschrevenen", bad]));
            Assert.Equal(0, await ImportCommand.RunAsync(factory.Services, ["import", "duo-hbo-ingeschrevenen", Path.Combine(SharedData.Root, DuoReference.File)]));
            Assert.Equal(2, await ImportCommand.RunAsync(factory.Services, ["import"]));
            Assert.Equal(2, await ImportCommand.RunAsync(factory.Services, ["import", "duo-hbo-ingeschrevenen", bad, "--published", "gisteren"]));
            Assert.Contains("regel 2: negatief aantal -1 in kolom 2023", console.Errors.ToString());
            Assert.Contains("al geïmporteerd", console.Output.ToString());
        }
        Assert.Equal(before, await StateAsync());
    }
}

public sealed class MonitorImportTestsSqlite(SqliteFactory factory) : MonitorImportTests<SqliteFactory>(factory);
public sealed class MonitorImportTestsPostgres(PostgresFactory factory) : MonitorImportTests<PostgresFactory>(factory);

/// <summary>A file over the size limit is refused before it is read.</summary>
public sealed class MonitorImportLimitTests(MonitorImportLimitTests.SmallLimitFactory factory) : IClassFixture<MonitorImportLimitTests.SmallLimitFactory>
{
    public sealed class SmallLimitFactory : SqliteFactory
    {
        public SmallLimitFactory() => With("Monitor:MaxImportBytes", "1048576").With("Demo:Enabled", "false");
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_its_size()
    {
        factory.CreateClient();
        await using var scope = factory.Services.CreateAsyncScope();

        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", "groot.csv", new byte[3 * 1024 * 1024], default);

        Assert.Equal(ImportStatus.Rejected, report.Status);
        Assert.Contains("Het bestand is 3 MB; de grens is 1 MB", report.Message);
        Assert.Equal(0, await factory.InDbAsync(db => db.DataReleases.CountAsync()));
    }
}
