using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// The open-data catalogue (GET /api/v1/catalog): DCAT-AP-NL as JSON-LD with every mandatory property,
/// every address in it answering with the media type it declares, a CSVW description beside every CSV
/// that matches the CSV's columns, no confidential source, and a new edition in it at once.
/// </summary>
public abstract class OpenDataCatalogTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Confidential = "vertrouwelijk-catalogus";

    /// <summary>
    /// The mandatory properties this catalogue is checked against. Catalogue and distribution: DCAT-AP 2.1's
    /// mandatory set (the catalogue's title, description, publisher and datasets; a distribution's access URL).
    /// Dataset: DCAT-AP 2.1's (title, description) together with what DCAT-AP-NL 1.1 (dataoverheid/DCAT-AP-NL,
    /// properties/dataset/mandatory) marks mandatory: identifier, language, modified and the registratiehouder
    /// (overheid:authority). On top, what the brief asks every dataset and distribution to carry for data.overheid.nl
    /// and the European portal: publisher, contact point, temporal and spatial coverage, licence and media type.
    /// </summary>
    private static readonly string[] CatalogMandatory = ["dct:title", "dct:description", "dct:publisher", "dcat:dataset"];
    private static readonly string[] DatasetMandatory =
        ["dct:title", "dct:description", "dct:identifier", "dct:language", "dct:modified", "overheid:authority",
         "dct:publisher", "dcat:contactPoint", "dct:temporal", "dct:spatial", "dcat:distribution"];
    private static readonly string[] DistributionMandatory = ["dcat:accessURL", "dcat:downloadURL", "dcat:mediaType", "dct:license"];

    private static void HasAll(JsonElement node, IEnumerable<string> properties, string what)
    {
        foreach (var property in properties)
        {
            Assert.True(node.TryGetProperty(property, out var value), $"{what} lacks {property}");
            Assert.False(value.ValueKind is JsonValueKind.Null || value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0
                || value.ValueKind == JsonValueKind.String && value.GetString()!.Length == 0, $"{what} has an empty {property}");
        }
    }

    /// <summary>Both languages, each tagged.</summary>
    private static void InDutchAndEnglish(JsonElement texts, string what)
    {
        var languages = texts.EnumerateArray().Where(t => t.GetProperty("@value").GetString()!.Trim().Length > 0)
            .Select(t => t.GetProperty("@language").GetString()).ToList();
        Assert.True(languages.Contains("nl") && languages.Contains("en"), $"{what} is not in Dutch and English");
    }

    private static string Id(JsonElement node, string property) => node.GetProperty(property).GetProperty("@id").GetString()!;

    private async Task<JsonElement> CatalogAsync(HttpClient client)
    {
        var response = await client.GetAsync("/api/v1/catalog");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/ld+json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task The_catalogue_holds_every_mandatory_property_in_dutch_and_english()
    {
        var catalog = await CatalogAsync(Anonymous(factory));

        Assert.Equal("dcat:Catalog", catalog.GetProperty("@type").GetString());
        Assert.Equal("http://www.w3.org/ns/dcat#", catalog.GetProperty("@context").GetProperty("dcat").GetString());
        HasAll(catalog, CatalogMandatory, "the catalogue");
        InDutchAndEnglish(catalog.GetProperty("dct:title"), "the catalogue's title");
        InDutchAndEnglish(catalog.GetProperty("dct:description"), "the catalogue's description");
        Assert.Equal("foaf:Agent", catalog.GetProperty("dct:publisher").GetProperty("@type").GetString());

        var datasets = catalog.GetProperty("dcat:dataset").EnumerateArray().ToList();
        Assert.Contains(datasets, d => d.GetProperty("@id").GetString()!.EndsWith("/monitor/indicatoren/hbo-aandeel-techniek", StringComparison.Ordinal));
        foreach (var dataset in datasets)
        {
            var what = dataset.GetProperty("@id").GetString()!;
            Assert.Equal("dcat:Dataset", dataset.GetProperty("@type").GetString());
            HasAll(dataset, DatasetMandatory, what);
            InDutchAndEnglish(dataset.GetProperty("dct:title"), what + " title");
            InDutchAndEnglish(dataset.GetProperty("dct:description"), what + " description");
            Assert.False(string.IsNullOrWhiteSpace(dataset.GetProperty("dct:publisher").GetProperty("foaf:name").GetString()));
            Assert.Equal("vcard:Organization", dataset.GetProperty("dcat:contactPoint").GetProperty("@type").GetString());
            var temporal = dataset.GetProperty("dct:temporal");
            Assert.True(string.CompareOrdinal(temporal.GetProperty("dcat:startDate").GetProperty("@value").GetString(),
                temporal.GetProperty("dcat:endDate").GetProperty("@value").GetString()) < 0, what + " temporal coverage runs backwards");
            Assert.All(dataset.GetProperty("dct:spatial").EnumerateArray(), s => Assert.Equal("dct:Location", s.GetProperty("@type").GetString()));
            foreach (var distribution in dataset.GetProperty("dcat:distribution").EnumerateArray())
            {
                HasAll(distribution, DistributionMandatory, distribution.GetProperty("@id").GetString()!);
                InDutchAndEnglish(distribution.GetProperty("dct:title"), "a distribution's title");
            }
        }

        // DUO's figures carry DUO's licence (CC0), as the source states it.
        var share = datasets.Single(d => d.GetProperty("@id").GetString()!.EndsWith("/hbo-aandeel-techniek", StringComparison.Ordinal));
        Assert.All(share.GetProperty("dcat:distribution").EnumerateArray(),
            d => Assert.Equal("http://creativecommons.org/publicdomain/zero/1.0/", Id(d, "dct:license")));
        Assert.Contains(share.GetProperty("dct:source").EnumerateArray(), s => s.GetProperty("foaf:name").GetString() == "DUO open onderwijsdata");
        Assert.Contains(share.GetProperty("dct:spatial").EnumerateArray(), s => s.GetProperty("@id").GetString()!.EndsWith("#regio-indeling-provincies", StringComparison.Ordinal));
        // From the DUO file's own header: its first and last year columns, as school years (1 August to 31 July).
        var years = File.ReadLines(Path.Combine(SharedData.Root, DuoReference.File)).First().Split(';').Where(c => c.Length == 4 && c.All(char.IsDigit)).Select(int.Parse).ToList();
        Assert.Equal($"{years.Min()}-08-01", share.GetProperty("dct:temporal").GetProperty("dcat:startDate").GetProperty("@value").GetString());
        Assert.Equal($"{years.Max() + 1}-07-31", share.GetProperty("dct:temporal").GetProperty("dcat:endDate").GetProperty("@value").GetString());
    }

    [Fact]
    public async Task Every_distribution_answers_with_its_media_type_and_every_csv_matches_its_csvw_description()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2047, title = "Monitor Techniekpact 2047", indicators = new[] { "hbo-aandeel-techniek" } })).StatusCode);
        var client = Anonymous(factory);
        var catalog = await CatalogAsync(client);
        var checkedCsv = 0;
        var pdfs = new Dictionary<string, byte[]>();
        foreach (var dataset in catalog.GetProperty("dcat:dataset").EnumerateArray())
            foreach (var distribution in dataset.GetProperty("dcat:distribution").EnumerateArray())
            {
                var download = Id(distribution, "dcat:downloadURL");
                var declared = Id(distribution, "dcat:mediaType").Split("/media-types/")[1];
                var response = await client.GetAsync(download);
                Assert.True(HttpStatusCode.OK == response.StatusCode, $"{download} answered {response.StatusCode}");
                Assert.Equal(declared, response.Content.Headers.ContentType!.MediaType);
                var access = await client.GetAsync(Id(distribution, "dcat:accessURL"));
                Assert.True(HttpStatusCode.OK == access.StatusCode, $"{Id(distribution, "dcat:accessURL")} answered {access.StatusCode}");
                if (declared == "application/pdf")
                    pdfs[download] = await response.Content.ReadAsByteArrayAsync();
                if (declared != "text/csv")
                    continue;

                var csvw = await client.GetAsync(Id(distribution, "dct:conformsTo"));
                Assert.Equal(HttpStatusCode.OK, csvw.StatusCode);
                Assert.Equal("application/csvm+json", csvw.Content.Headers.ContentType!.MediaType);
                var metadata = JsonDocument.Parse(await csvw.Content.ReadAsStringAsync()).RootElement;
                Assert.Equal(download, metadata.GetProperty("url").GetString());
                Assert.Equal(";", metadata.GetProperty("dialect").GetProperty("delimiter").GetString());
                var columns = metadata.GetProperty("tableSchema").GetProperty("columns").EnumerateArray().ToList();
                Assert.All(columns, c =>
                {
                    Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("titles").GetProperty("nl").GetString()));
                    Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("titles").GetProperty("en").GetString()));
                    Assert.Contains(c.GetProperty("datatype").GetString(), new[] { "string", "integer", "double", "date", "dateTime" });
                });

                // The file itself, read as a spreadsheet would: its header row is the described columns, in order, and no row has more.
                var lines = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF')
                    .Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
                Assert.Equal(columns.Select(c => c.GetProperty("name").GetString()), lines[0].Split(';'));
                Assert.True(lines.Length > 1, $"{download} holds no figures");
                foreach (var line in lines.Skip(1).Where(l => !l.Contains('"')))
                    Assert.Equal(columns.Count, line.Split(';').Length);
                // A number column holds numbers with a '.' decimal point, as its datatype says.
                var value = columns.FindIndex(c => c.GetProperty("name").GetString() == "waarde");
                Assert.Equal("double", columns[value].GetProperty("datatype").GetString());
                foreach (var cell in lines.Skip(1).Where(l => !l.Contains('"')).Select(l => l.Split(';')[value]).Where(c => c.Length > 0))
                    Assert.True(double.TryParse(cell, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _), $"'{cell}' is no number");
                checkedCsv++;
            }
        Assert.True(checkedCsv > 0);

        // Each edition's PDF in Dutch and English; once made (the downloads above), the catalogue gives its SHA-256 and size.
        Assert.Contains(pdfs.Keys, u => u.EndsWith("/pact/techniekpact/monitor/edities/2047.pdf?taal=nl", StringComparison.Ordinal));
        Assert.Contains(pdfs.Keys, u => u.EndsWith("/pact/techniekpact/monitor/edities/2047.pdf?taal=en", StringComparison.Ordinal));
        Assert.All(pdfs.Values, b => Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(b, 0, 5)));
        var described = 0;
        foreach (var distribution in (await CatalogAsync(client)).GetProperty("dcat:dataset").EnumerateArray()
                     .SelectMany(d => d.GetProperty("dcat:distribution").EnumerateArray()).Where(d => Id(d, "dcat:mediaType").EndsWith("/application/pdf", StringComparison.Ordinal)))
        {
            var bytes = pdfs[Id(distribution, "dcat:downloadURL")];
            var checksum = distribution.GetProperty("spdx:checksum");
            Assert.Equal("http://spdx.org/rdf/terms#checksumAlgorithm_sha256", Id(checksum, "spdx:algorithm"));
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), checksum.GetProperty("spdx:checksumValue").GetString());
            Assert.Equal(bytes.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), distribution.GetProperty("dcat:byteSize").GetProperty("@value").GetString());
            described++;
        }
        Assert.True(described >= 2);
    }

    [Fact]
    public async Task A_confidential_source_never_appears_not_even_for_a_coordinator()
    {
        await ConfidentialIndicatorAsync();
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        foreach (var client in new[] { Anonymous(factory), coordinator })
        {
            var text = (await CatalogAsync(client)).GetRawText();
            Assert.DoesNotContain(Confidential, text);
            Assert.DoesNotContain("vertrouwelijk", text, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("hbo-aandeel-techniek", text);
        }
        var csvw = await Anonymous(factory).GetAsync($"/monitor/indicatoren/{Confidential}/csvw/reeks");
        Assert.Equal(HttpStatusCode.NotFound, csvw.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync("/monitor/indicatoren/hbo-aandeel-techniek/csvw/geen-tabel")).StatusCode);
    }

    [Fact]
    public async Task A_newly_published_edition_is_in_the_cached_catalogue_at_once()
    {
        var anonymous = Anonymous(factory);
        static bool HasEdition(JsonElement catalog) => catalog.GetRawText().Contains("/api/v1/pacts/techniekpact/editions/2046", StringComparison.Ordinal);
        Assert.False(HasEdition(await CatalogAsync(anonymous)));
        // A rename on the bare connection, past EF and so past the eviction: the cached catalogue still has the old name.
        await factory.InDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE \"Indicators\" SET \"Name\" = \"Name\" || ' (hernoemd)' WHERE \"Code\" = 'hbo-aandeel-techniek'";
            return await command.ExecuteNonQueryAsync();
        });
        Assert.DoesNotContain("(hernoemd)", (await CatalogAsync(anonymous)).GetRawText());

        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var published = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2046, title = "Monitor Techniekpact 2046", indicators = new[] { "hbo-aandeel-techniek" } });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        // Publishing evicted the cache: the catalogue is built again, with the edition and the name as it now is.
        var catalog = await CatalogAsync(anonymous);
        Assert.Contains("(hernoemd)", catalog.GetRawText());
        var share = catalog.GetProperty("dcat:dataset").EnumerateArray().Single(d => d.GetProperty("@id").GetString()!.EndsWith("/hbo-aandeel-techniek", StringComparison.Ordinal));
        var edition = share.GetProperty("dcat:distribution").EnumerateArray()
            .Single(d => Id(d, "dcat:downloadURL").EndsWith("/api/v1/pacts/techniekpact/editions/2046", StringComparison.Ordinal));
        Assert.EndsWith("/pact/techniekpact/monitor/edities/2046", Id(edition, "dcat:accessURL"));
        Assert.Contains(edition.GetProperty("dct:title").EnumerateArray(), t => t.GetProperty("@value").GetString()!.StartsWith("Monitor Techniekpact 2046", StringComparison.Ordinal));
    }

    /// <summary>A small file in DUO's layout read through a confidential profile, and an indicator over it.</summary>
    private async Task ConfidentialIndicatorAsync()
    {
        await ConfidentialSource.StoreProfileAsync(factory, "test-vertrouwelijk-catalogus", "vertrouwelijk-catalogus-ingeschrevenen");
        var file = Encoding.UTF8.GetBytes(string.Join("\r\n",
            "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2023",
            "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;12",
            "Overijssel;0150;Deventer;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;voltijd onderwijs;man;7") + "\r\n");
        await factory.InScopeAsync(async services =>
        {
            var report = await services.GetRequiredService<MonitorImportService>().ImportAsync("test-vertrouwelijk-catalogus", "vertrouwelijk-catalogus.csv", file, default);
            Assert.Equal(ImportStatus.Committed, report.Status);
        });
        await ConfidentialSource.IndicatorAsync(factory, Confidential, "Aandeel techniek (vertrouwelijke catalogustest)", "%", new
        {
            numerator = new { element = "vertrouwelijk-catalogus-ingeschrevenen", filter = new Dictionary<string, string[]> { ["ONDERDEEL"] = ["techniek"] } },
            denominator = new { element = "vertrouwelijk-catalogus-ingeschrevenen", filter = new Dictionary<string, string[]>() },
            multiplier = 100, description = "Uit een vertrouwelijke bron.",
        });
    }
}

public sealed class OpenDataCatalogTestsSqlite(SqliteFactory factory) : OpenDataCatalogTests<SqliteFactory>(factory);
public sealed class OpenDataCatalogTestsPostgres(PostgresFactory factory) : OpenDataCatalogTests<PostgresFactory>(factory);
