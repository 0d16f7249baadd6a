using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Editions;
using Pactwerk.Web.Features.Monitor.Import;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// An edition as a PDF (/pact/{code}/monitor/edities/{year}.pdf?taal=nl|en), printed by Chromium and read back with PdfPig: a
/// tagged PDF with the document's language, headings, tables with header cells and figures with a text alternative, whose
/// figures are the edition's as its JSON gives them; made once and then served as stored; the public's figures only.
/// </summary>
public abstract class EditionPdfTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Pdf(int year, string language) => $"/pact/techniekpact/monitor/edities/{year}.pdf?taal={language}";

    private async Task PublishAsync(int year, params string[] indicators)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var published = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year, title = $"Monitor Techniekpact {year}", introduction = $"De inleiding van {year}.", indicators });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);
    }

    private static async Task<byte[]> DownloadAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>What a reader of the PDF meets: its language, the structure types with the figures' alternatives, and its words.</summary>
    private sealed record PdfRead(string? Language, bool Marked, List<string> Structure, List<string> FigureAlternatives, string Text);

    private static PdfRead Read(byte[] bytes)
    {
        using var document = PdfDocument.Open(bytes);
        IToken Resolve(IToken token) => token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;
        string? Text(IToken? token) => token is null ? null : Resolve(token) switch { StringToken s => s.Data, HexToken h => h.Data, NameToken n => n.Data, _ => null };
        var catalog = document.Structure.Catalog.CatalogDictionary.Data;
        var structure = new List<string>();
        var alternatives = new List<string>();
        void Walk(IToken token, int depth)
        {
            Assert.True(depth < 200, "the structure tree is deeper than any document's");
            switch (Resolve(token))
            {
                case ArrayToken array:
                    foreach (var item in array.Data)
                        Walk(item, depth + 1);
                    break;
                case DictionaryToken element:
                    if (element.Data.TryGetValue("S", out var type) && Text(type) is { } name)
                    {
                        structure.Add(name);
                        if (name == "Figure")
                            alternatives.Add(Text(element.Data.GetValueOrDefault("Alt")) ?? "");
                    }
                    if (element.Data.TryGetValue("K", out var kids))
                        Walk(kids, depth + 1);
                    break;
            }
        }
        Assert.True(catalog.ContainsKey("StructTreeRoot"), "the PDF is not tagged: no structure tree");
        Walk(catalog["StructTreeRoot"], 0);
        var marked = catalog.TryGetValue("MarkInfo", out var markInfo) && Resolve(markInfo) is DictionaryToken info
            && info.Data.TryGetValue("Marked", out var m) && Resolve(m) is BooleanToken { Data: true };
        var words = string.Join(" ", document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        return new PdfRead(Text(catalog.GetValueOrDefault("Lang")), marked, structure, alternatives, words);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_pdf_is_tagged_in_its_language_and_its_figures_are_the_editions(string language)
    {
        var year = language == "nl" ? 2061 : 2062;
        await PublishAsync(year, "hbo-ingeschrevenen", "hbo-aandeel-techniek");
        var anonymous = Anonymous(factory);

        var read = Read(await DownloadAsync(anonymous, Pdf(year, language)));

        Assert.Equal(language, read.Language);
        Assert.True(read.Marked, "MarkInfo does not say Marked true");
        Assert.Single(read.Structure, "H1");
        foreach (var type in new[] { "H2", "H3", "P", "Table", "TR", "TH", "TD", "Figure" })
            Assert.Contains(type, read.Structure);
        Assert.NotEmpty(read.FigureAlternatives);
        Assert.All(read.FigureAlternatives, alt => Assert.True(alt.Length > 20, $"a chart has no real text alternative: '{alt}'"));
        // Each indicator's map of the set, with its own text alternative.
        Assert.Contains(read.FigureAlternatives, alt => alt.StartsWith(language == "nl" ? "Kaart van " : "Map of ", StringComparison.Ordinal));
        Assert.Contains(language == "nl" ? "Geen cijfer of verborgen" : "Not available or hidden", read.Text);

        // The edition read another way: its JSON as the public gets it.
        var edition = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/pacts/techniekpact/editions/{year}?regionSet=provincies");
        var culture = new CultureInfo(language);
        string Number(JsonElement value) => value.ValueKind == JsonValueKind.Null ? "–" : value.GetDouble().ToString("#,##0.####", culture);
        Assert.Contains($"Monitor Techniekpact {year}", read.Text);
        Assert.Contains($"De inleiding van {year}.", read.Text);
        Assert.Contains(language == "nl" ? "Inhoudsopgave" : "Contents", read.Text);
        Assert.Contains(language == "nl" ? "Wat veranderde sinds de vorige editie" : "What changed since the previous edition", read.Text);
        foreach (var section in edition.GetProperty("sections").EnumerateArray().Where(s => s.GetProperty("objectiveNumber").ValueKind == JsonValueKind.Number))
            Assert.Contains($"{(language == "nl" ? "Doel" : "Objective")} {section.GetProperty("objectiveNumber").GetInt32()}: {section.GetProperty("title").GetString()}", read.Text);
        var checkedRows = 0;
        foreach (var indicator in edition.GetProperty("indicators").EnumerateArray())
        {
            Assert.Contains(language == "nl" ? indicator.GetProperty("name").GetString()! : indicator.GetProperty("nameEn").GetString()!, read.Text);
            var latest = indicator.GetProperty("periods").EnumerateArray().Last().GetString();
            foreach (var figure in indicator.GetProperty("figures").EnumerateArray()
                         .Where(f => f.GetProperty("regionSet").GetString() == "land" || f.GetProperty("period").GetString() == latest))
            {
                // A row of the table: region, period, the value, numerator, denominator and suppressed cells as published.
                var row = $"{figure.GetProperty("region").GetProperty("name").GetString()} {figure.GetProperty("period").GetString()} {Number(figure.GetProperty("value"))} "
                    + $"{Number(figure.GetProperty("numerator"))} {Number(figure.GetProperty("denominator"))} {figure.GetProperty("suppressedCells").GetInt32()}";
                Assert.Contains(row, read.Text);
                checkedRows++;
            }
        }
        Assert.True(checkedRows > 12, $"only {checkedRows} rows checked");
        // And by hand from the tables: Σ current observations of 2023 in the country, as the Dutch or English document writes it.
        var duo2023 = await factory.InDbAsync(db => db.Observations.Where(o => o.IsCurrent && o.PeriodStart == 2023 && o.Value != null
            && db.DataElements.Any(e => e.Id == o.DataElementId && e.Code == "hbo-ingeschrevenen")).SumAsync(o => o.Value!.Value));
        Assert.Contains($" 2023/2024 {duo2023.ToString("#,##0", culture)} ", read.Text);
    }

    [Fact]
    public async Task The_pdf_is_made_once_and_then_served_as_stored_with_its_checksum()
    {
        await PublishAsync(2063, "hbo-aandeel-techniek");
        var before = await factory.InDbAsync(db => db.Set<EditionDocument>().CountAsync());

        // Four first requests at once, from four readers: one print, one stored document, the same bytes for all.
        var downloads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => DownloadAsync(Anonymous(factory), Pdf(2063, "nl"))));
        var again = await factory.CreateClient().GetAsync(Pdf(2063, "nl"));
        var bytes = await again.Content.ReadAsByteArrayAsync();

        Assert.All(downloads, d => Assert.Equal(downloads[0], d));
        Assert.Equal(downloads[0], bytes);
        var stored = await factory.InDbAsync(db => db.Set<EditionDocument>().Where(d => d.Language == "nl"
            && db.Set<MonitorEdition>().Any(e => e.Id == d.EditionId && e.Year == 2063)).ToListAsync());
        var document = Assert.Single(stored);
        Assert.Equal(before + 1, await factory.InDbAsync(db => db.Set<EditionDocument>().CountAsync()));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), document.Sha256);
        Assert.Equal(bytes.Length, document.Size);
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:", again.Headers.GetValues("Repr-Digest").Single());

        // The edition's page links both languages, with the stored one's size.
        var page = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor/edities/2063"));
        Assert.Contains("href=\"/pact/techniekpact/monitor/edities/2063.pdf?taal=nl\"", page);
        Assert.Contains("href=\"/pact/techniekpact/monitor/edities/2063.pdf?taal=en\"", page);
        Assert.Contains($"(PDF, {Math.Ceiling(bytes.Length / 1024.0).ToString("#,0", new CultureInfo("nl"))} kB)", page);
    }

    [Fact]
    public async Task The_public_pdf_holds_only_what_the_public_edition_shows_even_when_a_coordinator_asks_first()
    {
        await ConfidentialSource.StoreProfileAsync(factory, "test-vertrouwelijk-pdf", "vertrouwelijk-pdf-ingeschrevenen");
        var file = Encoding.UTF8.GetBytes(string.Join("\r\n",
            "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2060",
            "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;12",
            "Overijssel;0150;Deventer;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;voltijd onderwijs;man;7",
            "Groningen;0014;Groningen;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;man;3") + "\r\n");
        await factory.InScopeAsync(async services =>
        {
            var report = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MonitorImportService>(services)
                .ImportAsync("test-vertrouwelijk-pdf", "vertrouwelijk-pdf.csv", file, default);
            Assert.Equal(ImportStatus.Committed, report.Status);
        });
        await ConfidentialSource.IndicatorAsync(factory, "vertrouwelijk-pdf", "Ingeschrevenen (vertrouwelijke pdf-test)", "studenten", new
        {
            numerator = new { element = "vertrouwelijk-pdf-ingeschrevenen", filter = new Dictionary<string, string[]>() }, multiplier = 1, description = "Uit een vertrouwelijke bron.",
        });
        await PublishAsync(2064, "vertrouwelijk-pdf");
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");

        var read = Read(await DownloadAsync(coordinator, Pdf(2064, "nl")));

        // The coordinator sees Groningen's 3 on the page's JSON; the public sees "<5", and so does the stored PDF.
        var full = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2064?regionSet=provincies");
        var open = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2064?regionSet=provincies");
        JsonElement Groningen(JsonElement edition) => edition.GetProperty("indicators")[0].GetProperty("figures").EnumerateArray()
            .Single(f => f.GetProperty("region").GetProperty("code").GetString() == "PV20");
        Assert.Equal(3, Groningen(full).GetProperty("value").GetDouble());
        Assert.Equal("Small", Groningen(open).GetProperty("protected").GetString());
        Assert.Contains("Groningen 2060/2061 <5 <5", read.Text);
        Assert.DoesNotContain("Groningen 2060/2061 3 ", read.Text);
        Assert.Contains("Nederland 2060/2061 22 22", read.Text);
    }

    [Fact]
    public async Task Without_chromium_the_download_says_so_clearly_and_stores_nothing()
    {
        await PublishAsync(2065, "hbo-aandeel-techniek");
        using var withoutChromium = factory.WithWebHostBuilder(b => b.UseSetting("Pactwerk:Chromium", "/geen/chromium"));
        var client = withoutChromium.CreateClient();

        var dutch = await client.GetAsync(Pdf(2065, "nl"));
        var english = await client.GetAsync(Pdf(2065, "en"));
        var badLanguage = await client.GetAsync(Pdf(2065, "fr"));
        var missing = await client.GetAsync(Pdf(1999, "nl"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, dutch.StatusCode);
        Assert.Equal("application/problem+json", dutch.Content.Headers.ContentType!.MediaType);
        Assert.Contains("de server heeft geen Chromium", await dutch.Content.ReadAsStringAsync());
        Assert.Contains("/pact/techniekpact/monitor/edities/2065", await dutch.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, english.StatusCode);
        Assert.Contains("the server has no Chromium", await english.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badLanguage.StatusCode);
        Assert.Contains("taal=nl", await badLanguage.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.False(await factory.InDbAsync(db => db.Set<EditionDocument>().AnyAsync(d => db.Set<MonitorEdition>().Any(e => e.Id == d.EditionId && e.Year == 2065))));
    }
}

public sealed class EditionPdfTestsSqlite(SqliteFactory factory) : EditionPdfTests<SqliteFactory>(factory);
public sealed class EditionPdfTestsPostgres(PostgresFactory factory) : EditionPdfTests<PostgresFactory>(factory);
