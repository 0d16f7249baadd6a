using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Monitoring;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor;
using Pactwerk.Web.Features.Monitor.Import;
using Pactwerk.Web.Features.ReferenceData;
using static Pactwerk.Tests.ReferenceData.ReferenceDataTestHelpers;

namespace Pactwerk.Tests.ReferenceData;

/// <summary>
/// `reference-data update` against a local server that answers as CBS's OData API, the CBS/PDOK
/// boundaries and DUO's open data do. The fixture's 2025 structure (five municipalities) becomes the
/// 2026 one: Eext merges into Dalen, and Cadier gets a new code as Fijnaart.
/// </summary>
public abstract class ReferenceDataUpdateTests
{
    protected abstract PactwerkFactory NewFactory();

    private static readonly DateOnly MergerDay = new(2026, 1, 1);

    /// <summary>The 2026 municipalities as CBS's table lists them: code, name, province, COROP area, labour-market region.</summary>
    private static readonly (string Code, string Name, string Pv, string PvName, string Cr, string CrName, string Am, string AmName)[] Municipalities2026 =
    [
        ("GM9001", "Aadorp", "PV90", "Noorderland", "CR90", "Noorderland-Oost", "AM90", "Grensstreek"),
        ("GM9002", "Beek, Boven en Beneden", "PV90", "Noorderland", "CR90", "Noorderland-Oost", "AM90", "Grensstreek"),
        ("GM9004", "Dalen", "PV91", "Zuiderland", "CR92", "Zuiderland", "AM90", "Grensstreek"),
        ("GM9006", "Fijnaart", "PV90", "Noorderland", "CR91", "Noorderland-West", "AM91", "Zuid"),
    ];

    /// <summary>Unit squares on a plane: 2025 has Eext beside Dalen and Cadier at the end of the first row.</summary>
    private static readonly Dictionary<string, (double X0, double Y0, double X1, double Y1)> Shapes2025 = new()
    {
        ["GM9001"] = (0, 0, 1, 1), ["GM9002"] = (1, 0, 2, 1), ["GM9003"] = (2, 0, 3, 1), ["GM9004"] = (0, 1, 1, 2), ["GM9005"] = (1, 1, 2, 2),
    };

    /// <summary>2026: Dalen covers its old square and Eext's; Fijnaart lies where Cadier was.</summary>
    private static readonly Dictionary<string, (double X0, double Y0, double X1, double Y1)> Shapes2026 = new()
    {
        ["GM9001"] = (0, 0, 1, 1), ["GM9002"] = (1, 0, 2, 1), ["GM9006"] = (2, 0, 3, 1), ["GM9004"] = (0, 1, 2, 2),
    };

    private const string DuoHeader = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT";

    private static string DuoRow(string municipality, string value) =>
        $"Provincie;{municipality};Gemeente;reguliere inst.;bachelor;99XX;Hogeschool;techniek;n.v.t.;1000{municipality};B Techniek;voltijd onderwijs;man;{value}";

    /// <summary>Enrolments of 2023 under the 2025 structure: Aadorp 30, Cadier 7, Dalen 40, Eext 12 (Beek none).</summary>
    private static readonly string Duo2023 = string.Join("\r\n",
        DuoHeader + ";2023", DuoRow("9001", "30"), DuoRow("9003", "7"), DuoRow("9004", "40"), DuoRow("9005", "12")) + "\r\n";

    /// <summary>DUO's next file, 2024 under the 2026 structure: Aadorp 31, Dalen 50, Fijnaart 9.</summary>
    private static readonly string Duo2024 = string.Join("\r\n",
        DuoHeader + ";2024", DuoRow("9001", "31"), DuoRow("9004", "50"), DuoRow("9006", "9")) + "\r\n";

    [Fact]
    public async Task An_update_loads_a_merger_as_a_new_version_and_earlier_years_still_add_up()
    {
        await using var server = await OpenDataServer.StartAsync();
        var folder = Folder2025();
        await using var factory = Configure(NewFactory(), folder, server);
        factory.CreateClient();
        await ImportAsync(factory, Duo2023);

        // Before the merger, by hand from Duo2023: Zuiderland = Dalen 40 + Eext 12.
        Assert.Equal(52, await EnrolmentsAsync(factory, "PV91", 2023));

        var (outWriter, errWriter) = (new StringWriter(), new StringWriter());
        var exit = await ReferenceDataCommand.RunAsync(factory.Services,
            ["reference-data", "update", "--valid-from", "2026-01-01", "--duo", server.Address + "/duo/ingeschrevenen-hbo.csv"], outWriter, errWriter);
        var output = outWriter + errWriter.ToString();

        Assert.True(exit == 0, output);
        Assert.Contains("Eext (GM9005) → Dalen (GM9004) vanaf 2026-01-01", output);
        Assert.Contains("Cadier (GM9003) → Fijnaart (GM9006) vanaf 2026-01-01", output);
        Assert.Contains("1 nieuwe code: GM9006 Fijnaart", output);
        // Fijnaart added; Cadier and Eext closed and linked to their successors; Fijnaart's five memberships opened, Cadier's and Eext's ten closed.
        Assert.Contains("1 regio's toegevoegd, 4 bijgewerkt, 5 lidmaatschappen geopend, 10 gesloten.", output);

        // The ended municipalities keep their history: closed, not deleted, with where they went.
        var eext = await factory.InDbAsync(db => db.Regions.SingleAsync(r => r.Code == "GM9005"));
        var dalen = await factory.InDbAsync(db => db.Regions.SingleAsync(r => r.Code == "GM9004"));
        Assert.Equal((MergerDay, dalen.Id), (eext.ValidTo!.Value, eext.SuccessorId!.Value));
        var history = await factory.InDbAsync(db => db.RegionMemberships.Where(m => m.Municipality.Code == "GM9005")
            .Select(m => new { m.Region.Code, m.ValidFrom, m.ValidTo }).ToListAsync());
        Assert.Equal(["AM91", "CR92", "NL", "PV91", "TP-ZUID"], history.Select(h => h.Code).Order(StringComparer.Ordinal));
        Assert.All(history, h => Assert.Equal((new DateOnly(2025, 1, 1), (DateOnly?)MergerDay), (h.ValidFrom, h.ValidTo)));

        // 2023 in today's structure, by hand: Eext's 12 count with Dalen (40) wherever Dalen is now;
        // Cadier's 7 with Fijnaart. Totals of the year stay what they were.
        Assert.Equal(52, await EnrolmentsAsync(factory, "GM9004", 2023));
        Assert.Equal(52, await EnrolmentsAsync(factory, "PV91", 2023));
        Assert.Equal(7, await EnrolmentsAsync(factory, "GM9006", 2023));
        Assert.Equal(37, await EnrolmentsAsync(factory, "PV90", 2023));       // Aadorp 30 + Fijnaart (Cadier) 7
        Assert.Equal(82, await EnrolmentsAsync(factory, "AM90", 2023));       // Aadorp 30 + Dalen 40 + Eext 12
        Assert.Equal(7, await EnrolmentsAsync(factory, "AM91", 2023));        // Fijnaart (Cadier) 7; Eext left with Dalen
        Assert.Equal(89, await EnrolmentsAsync(factory, "NL", 2023));
        // The new DUO file (2024 only) went into the monitor beside it: 31 + 50 + 9.
        Assert.Equal(90, await EnrolmentsAsync(factory, "NL", 2024));
        Assert.Equal(50, await EnrolmentsAsync(factory, "PV91", 2024));

        var client = factory.CreateClient();
        var sets = await client.GetFromJsonAsync<JsonArray>("/api/v1/region-sets");
        Assert.Equal(4, sets!.Single(s => (string)s!["code"]! == "gemeenten")!["regionCount"]!.GetValue<int>());
        var map = await client.GetFromJsonAsync<JsonObject>("/api/v1/geo/gemeenten");
        Assert.Equal(["GM9001", "GM9002", "GM9004", "GM9006"], map!["features"]!.AsArray().Select(f => (string)f!["properties"]!["code"]!).Order(StringComparer.Ordinal));

        // The folder now holds the 2026 files, for the repository to commit.
        Assert.Contains("GM9006,Fijnaart,PV90,Noorderland,CR91,Noorderland-West,AM91,Zuid", await File.ReadAllTextAsync(Path.Combine(folder, "regions/gemeenten.csv")));
        Assert.True(File.Exists(Path.Combine(folder, "geo/gemeente_2026.topojson")));
        Assert.Equal(Duo2024, await File.ReadAllTextAsync(Path.Combine(folder, "duo/ingeschrevenen-hbo-2024-2024.csv")));
        Assert.False(Directory.EnumerateDirectories(folder, ".update-*").Any());
    }

    public static TheoryData<string> BadAnswers() =>
    [
        "truncated-table", "missing-page", "page-gone", "no-labour-market-column", "server-error", "shape-missing", "not-topojson", "duo-unknown-municipality",
        "shape-of-unknown-region", "not-later",
    ];

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_malformed_or_partial_answer_changes_nothing(string bad)
    {
        await using var server = await OpenDataServer.StartAsync();
        var folder = Folder2025();
        await using var factory = Configure(NewFactory(), folder, server);
        factory.CreateClient();
        await ImportAsync(factory, Duo2023);
        var expected = bad switch
        {
            "truncated-table" => Break(server, "/odata/86247NED/TypedDataSet", text => text[..(text.Length / 2)], "Het antwoord is geen volledige OData-tabel"),
            // CBS answered the first page only: Fijnaart is missing, which the boundaries show.
            "missing-page" => Break(server, "/odata/86247NED/TypedDataSet", text => text.Replace("odata.nextLink", "odata.elders"),
                "geo/gemeente_2026.topojson: 1 vorm(en) van onbekende regio's: GM9006"),
            "page-gone" => Remove(server, "/odata/86247NED/TypedDataSet/page2", "TypedDataSet?$skip=3: HTTP 404"),
            "no-labour-market-column" => Break(server, "/odata/86247NED/DataProperties", RenameLabourMarketGroup,
                "De tabel heeft geen kolommen 'Code' en 'Naam' onder 'Arbeidsmarktregio's'"),
            "server-error" => Fail(server, "/odata/86247NED/DataProperties", "HTTP 500"),
            "shape-missing" => Replace(server, "/geo/gemeente_2026.topojson", Topology("gemeente_2026", Shapes2026.Where(s => s.Key != "GM9006").ToDictionary()),
                "geo/gemeente_2026.topojson: 1 regio('s) zonder vorm: GM9006"),
            "not-topojson" => Replace(server, "/geo/provincie_2026.topojson", "<html>Onderhoud</html>", "geo/provincie_2026.topojson: Geen leesbare TopoJSON"),
            "duo-unknown-municipality" => Replace(server, "/duo/ingeschrevenen-hbo.csv", Duo2024 + DuoRow("9005", "3") + "\r\n", "DUO, regel 5"),
            "shape-of-unknown-region" => Replace(server, "/geo/arbeidsmarktregio_2026.topojson",
                Topology("arbeidsmarktregio_2026", new() { ["AM90"] = (0, 0, 3, 2), ["AM91"] = (2, 0, 3, 1), ["AM92"] = (5, 5, 6, 6) }),
                "1 vorm(en) van onbekende regio's: AM92"),
            "not-later" => "De nieuwe indeling moet ingaan na die van de laatste lading (2025-01-01)",
            _ => throw new ArgumentOutOfRangeException(nameof(bad)),
        };
        var day = bad == "not-later" ? "2025-01-01" : "2026-01-01";
        var before = await SnapshotAsync(factory);
        var releases = await factory.InDbAsync(db => db.DataReleases.CountAsync());
        var files = FolderHash(folder);

        var errorWriter = new StringWriter();
        var exit = await ReferenceDataCommand.RunAsync(factory.Services,
            ["reference-data", "update", "--valid-from", day, "--duo", server.Address + "/duo/ingeschrevenen-hbo.csv"], TextWriter.Null, errorWriter);
        var errors = errorWriter.ToString();

        Assert.Equal(1, exit);
        Assert.Contains(expected, errors);
        Assert.Contains("De database en de bestanden zijn niet gewijzigd.", errors);
        Assert.Equal(before, await SnapshotAsync(factory));
        Assert.Equal(releases, await factory.InDbAsync(db => db.DataReleases.CountAsync()));
        Assert.Equal(files, FolderHash(folder));
        Assert.Equal(52, await EnrolmentsAsync(factory, "PV91", 2023));
    }

    private static string RenameLabourMarketGroup(string dataProperties)
    {
        var root = JsonNode.Parse(dataProperties)!;
        foreach (var property in root["value"]!.AsArray().Where(p => (string?)p!["Title"] == "Arbeidsmarktregio's"))
            property!["Title"] = "Regio's van iets anders";
        return root.ToJsonString();
    }

    private static string Break(OpenDataServer server, string path, Func<string, string> change, string message)
    {
        server.Files[path] = Encoding.UTF8.GetBytes(change(Encoding.UTF8.GetString(server.Files[path])));
        return message;
    }

    private static string Remove(OpenDataServer server, string path, string message)
    {
        server.Files.Remove(path);
        return message;
    }

    private static string Fail(OpenDataServer server, string path, string message)
    {
        server.Failing.Add(path);
        return message;
    }

    private static string Replace(OpenDataServer server, string path, string text, string message)
    {
        server.Files[path] = Encoding.UTF8.GetBytes(text);
        return message;
    }

    private static PactwerkFactory Configure(PactwerkFactory factory, string folder, OpenDataServer server) => factory
        .With("ReferenceData:Path", folder).With("Demo:Enabled", "false")
        .With("ReferenceData:Update:Regions", server.Address + "/odata/86247NED")
        .With("ReferenceData:Update:Geometry", server.Address + "/geo/{file}.topojson");

    /// <summary>The fixture's region files with the 2025 municipality boundaries beside them.</summary>
    private static string Folder2025()
    {
        var folder = new RegionFixture().WriteToTempFolder();
        Directory.CreateDirectory(Path.Combine(folder, "geo"));
        File.WriteAllText(Path.Combine(folder, "geo", "gemeente_2025.topojson"), Topology("gemeente_2025", Shapes2025));
        return folder;
    }

    private static async Task ImportAsync(PactwerkFactory factory, string content)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", "duo-2023.csv", Encoding.UTF8.GetBytes(content), default);
        Assert.True(report.Status == ImportStatus.Committed, report.Message + string.Join("; ", report.Rejected));
    }

    private static async Task<double> EnrolmentsAsync(PactwerkFactory factory, string region, int year)
    {
        var id = await factory.InDbAsync(db => db.Regions.Where(r => r.Code == region).Select(r => r.Id).SingleAsync());
        var engine = factory.Services.GetRequiredService<MonitorEngineHost>().Engine;
        return engine.Evaluate(new IndicatorDefinition("ingeschrevenen", Measure.All("hbo-ingeschrevenen")), id, new Period(PeriodKind.SchoolYear, year)).Numerator;
    }

    private static string FolderHash(string folder) => string.Join("\n", Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .Select(p => Path.GetRelativePath(folder, p) + (File.Exists(p) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p))) : "/")));

    /// <summary>A TopoJSON topology without quantisation: one closed arc per square.</summary>
    private static string Topology(string name, Dictionary<string, (double X0, double Y0, double X1, double Y1)> squares)
    {
        var arcs = new JsonArray();
        var geometries = new JsonArray();
        foreach (var (code, (x0, y0, x1, y1)) in squares)
        {
            arcs.Add(new JsonArray(new JsonArray(x0, y0), new JsonArray(x1, y0), new JsonArray(x1, y1), new JsonArray(x0, y1), new JsonArray(x0, y0)));
            geometries.Add(new JsonObject
            {
                ["type"] = "Polygon",
                ["arcs"] = new JsonArray(new JsonArray(arcs.Count - 1)),
                ["properties"] = new JsonObject { ["statcode"] = code, ["statnaam"] = code },
            });
        }
        return new JsonObject
        {
            ["type"] = "Topology", ["arcs"] = arcs,
            ["objects"] = new JsonObject { [name] = new JsonObject { ["type"] = "GeometryCollection", ["geometries"] = geometries } },
        }.ToJsonString();
    }

    /// <summary>
    /// Kestrel on 127.0.0.1 serving what the open-data sites serve: CBS's OData v3 DataProperties and
    /// TypedDataSet (in two pages linked by odata.nextLink), the boundaries as TopoJSON and DUO's file.
    /// </summary>
    private sealed class OpenDataServer : IAsyncDisposable
    {
        private WebApplication _app = null!;

        public Dictionary<string, byte[]> Files { get; } = [];
        public HashSet<string> Failing { get; } = [];
        public string Address { get; private set; } = "";

        public static async Task<OpenDataServer> StartAsync()
        {
            var server = new OpenDataServer();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            server._app = builder.Build();
            server._app.MapGet("/{**path}", (HttpContext context) =>
            {
                var path = context.Request.Path.Value!;
                if (path.EndsWith("/TypedDataSet", StringComparison.Ordinal) && context.Request.Query["$skip"] == "3")
                    path += "/page2";
                if (server.Failing.Contains(path))
                    return Results.StatusCode(500);
                return server.Files.TryGetValue(path, out var bytes) ? Results.Bytes(bytes, "application/json") : Results.NotFound();
            });
            await server._app.StartAsync();
            server.Address = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            server.Fill();
            return server;
        }

        private void Fill()
        {
            Files["/odata/86247NED/DataProperties"] = Encoding.UTF8.GetBytes(DataProperties());
            Files["/odata/86247NED/TypedDataSet"] = Encoding.UTF8.GetBytes(Page(Municipalities2026[..3], 0, Address + "/odata/86247NED/TypedDataSet?$skip=3"));
            Files["/odata/86247NED/TypedDataSet/page2"] = Encoding.UTF8.GetBytes(Page(Municipalities2026[3..], 3, null));
            Files["/geo/gemeente_2026.topojson"] = Encoding.UTF8.GetBytes(Topology("gemeente_2026", Shapes2026));
            Files["/geo/provincie_2026.topojson"] = Encoding.UTF8.GetBytes(Topology("provincie_2026", new() { ["PV90"] = (0, 0, 3, 1), ["PV91"] = (0, 1, 2, 2) }));
            Files["/geo/coropgebied_2026.topojson"] = Encoding.UTF8.GetBytes(Topology("coropgebied_2026", new() { ["CR90"] = (0, 0, 2, 1), ["CR91"] = (2, 0, 3, 1), ["CR92"] = (0, 1, 2, 2) }));
            Files["/geo/arbeidsmarktregio_2026.topojson"] = Encoding.UTF8.GetBytes(Topology("arbeidsmarktregio_2026", new() { ["AM90"] = (0, 0, 2, 2), ["AM91"] = (2, 0, 3, 1) }));
            Files["/duo/ingeschrevenen-hbo.csv"] = Encoding.UTF8.GetBytes(Duo2024);
        }

        /// <summary>The table's description as CBS's OData v3 gives it: topic groups with their Code and Naam topics.</summary>
        private string DataProperties()
        {
            var value = new JsonArray(
                Property(0, null, "GeoDimension", "RegioS", "Regio's"),
                Property(1, null, "TopicGroup", "", "Codes en namen van gemeenten"),
                Property(2, 1, "Topic", "Code_1", "Code"),
                Property(3, 1, "Topic", "Naam_2", "Naam"),
                Property(4, 1, "Topic", "SorteringNaam_3", "Sortering naam"),
                Property(5, null, "TopicGroup", "", "Lokaliseringen van gemeenten"),
                Property(6, 5, "TopicGroup", "", "Arbeidsmarktregio's"),
                Property(7, 6, "Topic", "Code_4", "Code"),
                Property(8, 6, "Topic", "Naam_5", "Naam"),
                Property(9, 5, "TopicGroup", "", "COROP-gebieden"),
                Property(10, 9, "Topic", "Code_6", "Code"),
                Property(11, 9, "Topic", "Naam_7", "Naam"),
                Property(12, 5, "TopicGroup", "", "Provincies"),
                Property(13, 12, "Topic", "Code_8", "Code"),
                Property(14, 12, "Topic", "Naam_9", "Naam"));
            return new JsonObject { ["odata.metadata"] = Address + "/odata/86247NED/$metadata#Cbs.OData.WebAPI.DataProperties", ["value"] = value }.ToJsonString();

            static JsonObject Property(int id, int? parent, string type, string key, string title) => new()
            {
                ["odata.type"] = "Cbs.OData." + type, ["ID"] = id, ["Position"] = id, ["ParentID"] = parent, ["Type"] = type, ["Key"] = key, ["Title"] = title, ["Description"] = null,
            };
        }

        /// <summary>Rows as CBS pads them: codes and names filled out with spaces.</summary>
        private string Page((string Code, string Name, string Pv, string PvName, string Cr, string CrName, string Am, string AmName)[] rows, int first, string? next)
        {
            var value = new JsonArray(rows.Select((m, i) => (JsonNode)new JsonObject
            {
                ["ID"] = first + i, ["RegioS"] = m.Code, ["Code_1"] = m.Code + "    ", ["Naam_2"] = m.Name.PadRight(30), ["SorteringNaam_3"] = m.Name.ToLowerInvariant(),
                ["Code_4"] = m.Am + "  ", ["Naam_5"] = m.AmName.PadRight(40), ["Code_6"] = m.Cr + "  ", ["Naam_7"] = m.CrName.PadRight(40),
                ["Code_8"] = m.Pv + "  ", ["Naam_9"] = m.PvName.PadRight(40),
            }).ToArray());
            var page = new JsonObject { ["odata.metadata"] = Address + "/odata/86247NED/$metadata#Cbs.OData.WebAPI.TypedDataSet", ["value"] = value };
            if (next is not null)
                page["odata.nextLink"] = next;
            return page.ToJsonString();
        }

        public async ValueTask DisposeAsync() => await _app.DisposeAsync();
    }
}

public sealed class ReferenceDataUpdateTestsSqlite : ReferenceDataUpdateTests
{
    protected override PactwerkFactory NewFactory() => new SqliteFactory();
}

public sealed class ReferenceDataUpdateTestsPostgres : ReferenceDataUpdateTests
{
    protected override PactwerkFactory NewFactory() => new PostgresFactory();
}
