using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.VisualBasic.FileIO;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Network;

/// <summary>
/// Organisations out and in again: the export with the directory's filters, the all-or-nothing
/// import (API and wizard), every kind of bad file, formula injection, and who may import.
/// </summary>
/// <remarks>The subclasses declare the empty database as a fixture: C# refuses two generic IClassFixture interfaces here.</remarks>
public abstract partial class OrganisationTransferTests<TFactory, TEmpty>(TFactory factory, TEmpty empty) : IClassFixture<TFactory>
    where TFactory : PactwerkFactory where TEmpty : PactwerkFactory
{
    private const string Header = "naam;helix;soort;sectoren;gemeente;kvk;duo;website;omschrijving";
    private const string Coordinator = "coordinator@techniekpact.demo";

    static OrganisationTransferTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] Csv(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n");

    /// <summary>The export read back with the BCL's own CSV parser, not the app's: one dictionary per row, by column.</summary>
    private static List<Dictionary<string, string>> Parse(byte[] csv)
    {
        using var parser = new TextFieldParser(new MemoryStream(csv), Encoding.UTF8) { HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(";");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (!parser.EndOfData)
            rows.Add(header.Zip(parser.ReadFields()!).ToDictionary(p => p.First, p => p.Second));
        return rows;
    }

    private static async Task<byte[]> ExportAsync(PactwerkFactory app, string query = "")
    {
        var response = await app.CreateClient().GetAsync("/api/v1/organisations/export" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<OrganisationImportReport> ImportAsync(PactwerkFactory app, byte[] content, bool commit)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<OrganisationImport>().ImportAsync(content, "test.csv", commit, default);
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response, string parameter) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty(parameter)[0].GetString();

    private static Task<int> CountAsync(PactwerkFactory app) => app.InDbAsync(db => db.Organisations.CountAsync());

    /// <summary>A row without the export's derived columns, to compare two exports from different databases.</summary>
    private static string Comparable(Dictionary<string, string> row) =>
        string.Join(" ¦ ", row.Where(c => c.Key is not ("id" or "pacten")).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));

    [Fact]
    public async Task The_export_holds_every_field_of_the_matching_organisations_as_the_database_has_them()
    {
        var response = await factory.CreateClient().GetAsync("/api/v1/organisations/export?pact=techniekpact");
        var rows = Parse(await response.Content.ReadAsByteArrayAsync());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = await factory.InDbAsync(db => db.Organisations.Include(o => o.Municipality)
            .Where(o => db.PactSignatories.Any(s => s.OrganisationId == o.Id && db.Pacts.Any(p => p.Id == s.PactId && p.Code == "techniekpact")
                && s.SignedOn <= today && (s.WithdrawnOn == null || s.WithdrawnOn > today)))
            .ToListAsync());

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("organisaties.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.NotEmpty(expected);
        Assert.Equal(expected.Select(o => o.Id).Order(), rows.Select(r => int.Parse(r["id"])).Order());
        foreach (var organisation in expected)
        {
            var row = rows.Single(r => r["id"] == organisation.Id.ToString());
            Assert.Equal(
                (organisation.Name, organisation.Helix.ToString(), organisation.Kind.ToString(), string.Join('|', organisation.Sectors),
                    organisation.Municipality?.Code ?? "", organisation.Municipality?.Name ?? "", organisation.KvkNumber ?? "", organisation.DuoCode ?? "",
                    organisation.Website ?? "", organisation.Description ?? ""),
                (row["naam"], row["helix"], row["soort"], row["sectoren"], row["gemeente"], row["gemeentenaam"], row["kvk"], row["duo"], row["website"], row["omschrijving"]));
            Assert.Contains("techniekpact", row["pacten"].Split('|'));
        }
    }

    [Fact]
    public async Task An_export_imports_into_an_empty_database_and_exports_again_as_the_same_records()
    {
        var first = await ExportAsync(factory);
        var exported = Parse(first);
        Assert.Equal(0, await CountAsync(empty));

        var report = await ImportAsync(empty, first, commit: true);

        Assert.Equal(OrganisationImportStatus.Committed, report.Status);
        Assert.Equal(exported.Count, await CountAsync(empty));
        var again = Parse(await ExportAsync(empty));
        Assert.Equal(exported.Select(Comparable).Order(StringComparer.Ordinal), again.Select(Comparable).Order(StringComparer.Ordinal));
        // The empty database has no pact signatures, so the derived pact column is empty for all.
        Assert.All(again, r => Assert.Equal("", r["pacten"]));
    }

    [Fact]
    public async Task Importing_an_export_into_the_same_database_creates_nothing_and_names_each_existing_organisation()
    {
        var export = await ExportAsync(factory);
        var exported = Parse(export);
        var before = await CountAsync(factory);

        var report = await ImportAsync(factory, export, commit: true);

        Assert.Equal(OrganisationImportStatus.Committed, report.Status);
        Assert.Equal(before, await CountAsync(factory));
        Assert.Equal((0, exported.Count, 0), (report.New, report.Existing, report.Rejected));
        // Row i of the file is line i + 2 (after the header); its existing id is the id column of that row.
        Assert.Equal(exported.Select((r, i) => (i + 2, ImportRowStatus.Existing, (int?)int.Parse(r["id"]))),
            report.Rows.Select(r => (r.Line, r.Status, r.OrganisationId)));
    }

    [Fact]
    public async Task A_name_that_a_spreadsheet_would_run_as_a_formula_is_exported_escaped_and_imports_back_exactly()
    {
        const string name = "=HYPERLINK(\"http://x\")";
        await factory.InDbAsync(async db =>
        {
            db.Organisations.Add(new Organisation { Name = name, Helix = Helix.Business, Kind = OrganisationKind.Company, Description = "-5 graden; +31 20 1234567" });
            db.Organisations.Add(new Organisation { Name = "Apostrof BV", Helix = Helix.Business, Kind = OrganisationKind.Company, Description = "'@al ontsmet" });
            return await db.SaveChangesAsync();
        });

        var export = await ExportAsync(factory, "?q=HYPERLINK");
        var text = Encoding.UTF8.GetString(export);
        var row = Assert.Single(Parse(export));

        Assert.Contains("\"'=HYPERLINK(\"\"http://x\"\")\"", text);
        Assert.Equal("'=HYPERLINK(\"http://x\")", row["naam"]);
        Assert.Equal("'-5 graden; +31 20 1234567", row["omschrijving"]);
        var report = await ImportAsync(factory, export, commit: false);
        var existing = Assert.Single(report.Rows);
        Assert.Equal((ImportRowStatus.Existing, name), (existing.Status, existing.Name));
        // A value that already starts like an escape keeps its own apostrophe: the import takes off only the added one.
        var apostrophe = Assert.Single(Parse(await ExportAsync(factory, "?q=Apostrof")));
        Assert.Equal("''@al ontsmet", apostrophe["omschrijving"]);
        Assert.Equal("'@al ontsmet", OrganisationCsv.Unescape(apostrophe["omschrijving"]));
    }

    [Fact]
    public async Task The_json_export_has_the_same_organisations_and_a_bad_filter_names_the_valid_values()
    {
        var client = factory.CreateClient();
        var csv = Parse(await ExportAsync(factory, "?sector=care"));

        var json = await client.GetAsync("/api/v1/organisations/export?sector=care&format=json");
        var badHelix = await client.GetAsync("/api/v1/organisations/export?helix=industrie");
        var badFormat = await client.GetAsync("/api/v1/organisations/export?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        var records = await json.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(csv.Select(r => r["naam"]), records.EnumerateArray().Select(r => r.GetProperty("name").GetString()));
        Assert.Contains(records.EnumerateArray(), r => r.GetProperty("helix").GetString() == "CivilSociety");
        Assert.Equal(HttpStatusCode.BadRequest, badHelix.StatusCode);
        Assert.Equal("Onbekende helix 'industrie'. Kies uit: Government, Education, Business, CivilSociety.", await ErrorOf(badHelix, "helix"));
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        Assert.Equal("Onbekend formaat 'xlsx'. Kies uit: csv, json.", await ErrorOf(badFormat, "format"));
    }

    private const string Good = "Techniekcollege Zeeland;Education;MboInstitution;technology|education;GM0687;;;https://example.org;Mbo in Middelburg";

    private static byte[] BadFile(string kind) => kind switch
    {
        "empty" => [],
        "header only" => Csv(Header),
        "windows-1252" => Encoding.GetEncoding(1252).GetBytes(Header + "\r\nHogeschool Zeeland – Vlissingen;Education;HboInstitution;;GM0718;;;;Hoger onderwijs, één campus\r\n"),
        "tab" => Csv(Header.Replace(';', '\t'), Good.Replace(';', '\t')),
        "pipe" => Csv(Header.Replace(';', '|'), "Techniekcollege Zeeland|Education|MboInstitution|||||"),
        "missing column" => Csv(Header.Replace(";soort", ""), Good.Replace(";MboInstitution", "")),
        "unknown column" => Csv(Header + ";telefoon", Good + ";0118 123456"),
        "50000 rows" => Csv([Header, .. Enumerable.Range(1, 50_000).Select(i => $"Bedrijf {i};Business;Company;;;;;;")]),
        "duplicate row" => Csv(Header, Good, "Andere school;Education;MboInstitution;;;;;;", Good.Replace("Mbo in Middelburg", "tweede keer")),
        "unknown municipality" => Csv(Header, Good.Replace("GM0687", "GM9999")),
        "unknown helix" => Csv(Header, Good.Replace(";Education;", ";Industrie;")),
        "bad kvk and website" => Csv(Header, Good.Replace(";;;https://example.org", ";1234;;www.example.org")),
        "short row" => Csv(Header, Good, "Te kort;Business"),
        "too large" => new byte[3 * 1024 * 1024],
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    [Theory]
    [InlineData("empty", "Het bestand is leeg")]
    [InlineData("header only", "alleen een kopregel")]
    [InlineData("windows-1252", "het bestand is geen UTF-8; sla het op als CSV UTF-8")]
    [InlineData("tab", "scheidingsteken van de kopregel is niet herkend (gevonden: tab). Scheid de kolommen met ';' of ','")]
    [InlineData("pipe", "niet herkend (gevonden: '|')")]
    [InlineData("missing column", "De kopregel mist de verplichte kolom(men) soort")]
    [InlineData("unknown column", "Onbekende kolom(men) 'telefoon'")]
    [InlineData("50000 rows", "te veel rijen: 50000, hoogstens 5000")]
    [InlineData("duplicate row", "regel 4: dezelfde organisatie als regel 2")]
    [InlineData("unknown municipality", "regel 2, kolom gemeente: Er is geen gemeente met code 'GM9999'")]
    [InlineData("unknown helix", "regel 2, kolom helix: Onbekende helix 'Industrie'. Kies uit: Government, Education, Business, CivilSociety")]
    [InlineData("bad kvk and website", "regel 2, kolom website: Het webadres 'www.example.org' is geen volledig adres")]
    [InlineData("short row", "regel 3: verwacht 9 velden, gevonden 2")]
    [InlineData("too large", "te groot: 3 MB, hoogstens 2 MB")]
    public async Task A_bad_file_is_refused_with_its_specific_message_and_changes_nothing(string kind, string message)
    {
        var before = await CountAsync(factory);

        var report = await ImportAsync(factory, BadFile(kind), commit: true);

        Assert.Equal(OrganisationImportStatus.Rejected, report.Status);
        var messages = report.Errors.Concat(report.Rows.SelectMany(r => r.Reasons)).ToList();
        Assert.True(messages.Any(m => m.Contains(message, StringComparison.OrdinalIgnoreCase)), $"'{message}' not in: {string.Join(" | ", messages)}");
        Assert.Equal(before, await CountAsync(factory));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_names_only_that_row_and_says_the_others_are_fine()
    {
        var report = await ImportAsync(factory, Csv(Header, Good, "Kapotte BV;Business;Company;;;1234;;;"), commit: true);

        Assert.Equal((1, 1), (report.New, report.Rejected));
        Assert.Equal([ImportRowStatus.New, ImportRowStatus.Rejected], report.Rows.Select(r => r.Status));
        Assert.Equal("regel 3, kolom kvk: Het KvK-nummer '1234' bestaat niet uit acht cijfers.", Assert.Single(report.Rows[1].Reasons));
    }

    [Fact]
    public async Task A_row_matching_an_existing_organisation_with_another_identifier_says_it_was_not_taken_over()
    {
        var before = await CountAsync(factory);

        // The HvA as the demo has it (Amsterdam), but with a KvK number the record does not hold.
        var report = await ImportAsync(factory, Csv(Header, "Hogeschool van Amsterdam;Education;HboInstitution;;GM0363;12345678;;;"), commit: true);

        var row = Assert.Single(report.Rows);
        Assert.Equal(ImportRowStatus.Existing, row.Status);
        Assert.Contains(row.Reasons, r => r.Contains("KvK-nummer 12345678 in het bestand wijkt af van het vastgelegde (geen); niet overgenomen", StringComparison.Ordinal));
        Assert.Equal(before, await CountAsync(factory));
        Assert.Null(await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.KvkNumber).SingleAsync()));
    }

    [Fact]
    public async Task Only_coordinators_import_and_a_preview_changes_nothing_while_a_commit_creates()
    {
        var content = Csv(Header, "Api Testbedrijf BV;bedrijfsleven;Company;ict;GM0363;87654321;;;");
        MultipartFormDataContent Form() => new() { { new ByteArrayContent(content), "file", "organisaties.csv" } };
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var coordinator = await SignInAsync(factory, Coordinator);
        var before = await CountAsync(factory);

        var anonymous = await Anonymous(factory).PostAsync("/api/v1/organisations/import", Form());
        var byMember = await member.PostAsync("/api/v1/organisations/import", Form());
        var preview = await coordinator.PostAsync("/api/v1/organisations/import", Form());
        var afterPreview = await CountAsync(factory);
        var commit = await coordinator.PostAsync("/api/v1/organisations/import?commit=true", Form());
        var bad = await coordinator.PostAsync("/api/v1/organisations/import", new MultipartFormDataContent { { new ByteArrayContent(BadFile("unknown helix")), "file", "fout.csv" } });

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byMember.StatusCode);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Equal("Checked", (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(before, afterPreview);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        var id = (await commit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0].GetProperty("organisationId").GetInt32();
        var created = await factory.InDbAsync(db => db.Organisations.Include(o => o.Municipality).SingleAsync(o => o.Id == id));
        Assert.Equal(("Api Testbedrijf BV", Helix.Business, "GM0363", "87654321"), (created.Name, created.Helix, created.Municipality!.Code, created.KvkNumber));
        Assert.Equal(before + 1, await CountAsync(factory));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var rejected = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0];
        Assert.Equal("Rejected", rejected.GetProperty("status").GetString());
        Assert.StartsWith("regel 2, kolom helix: Onbekende helix 'Industrie'", rejected.GetProperty("reasons")[0].GetString());
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.EntityType == nameof(Organisation) && a.EntityId == id.ToString() && a.Action == "Created")));
    }

    [Fact]
    public async Task The_wizard_previews_every_row_then_commits_the_new_ones_with_links()
    {
        const string page = "/beheer/organisaties/importeren";
        var coordinator = await SignInAsync(factory, Coordinator);
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var content = Csv(Header, "Wizard Werkplaats;Business;Company;technology;GM0193;;;;", "Landstede Groep;Education;MboInstitution;;GM0193;;;;");
        var landstede = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Landstede Groep").Select(o => o.Id).SingleAsync());
        var before = await CountAsync(factory);

        var form = await coordinator.GetStringAsync(page);
        var preview = await coordinator.PostAsync(page + "?handler=Preview", new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "Upload", "partners.csv" },
        });
        var previewHtml = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("Wizard Werkplaats", previewHtml);
        Assert.Contains($"<a href=\"/organisaties/{landstede}\">Landstede Groep</a>", previewHtml);
        Assert.Contains("partners.csv: 1 nieuw, 1 bestaan al, 0 afgekeurd", previewHtml);
        Assert.Contains("Vastleggen", previewHtml);
        Assert.Equal(before, await CountAsync(factory));

        var carried = WebUtility.HtmlDecode(HiddenFileContent().Match(previewHtml).Groups[1].Value);
        var committed = await coordinator.PostAsync(page + "?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(previewHtml), ["FileContent"] = carried, ["FileName"] = "partners.csv",
        }));
        var committedHtml = await committed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, committed.StatusCode);
        var id = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Wizard Werkplaats").Select(o => o.Id).SingleAsync());
        Assert.Equal(before + 1, await CountAsync(factory));
        Assert.Contains($"<a href=\"/organisaties/{id}\">Wizard Werkplaats</a>", committedHtml);
        Assert.Contains("1 organisatie toegevoegd; 1 bestonden al", committedHtml);

        // Committing the same page again finds the organisation it just created: nothing new.
        var twice = await coordinator.PostAsync(page + "?handler=Commit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = AntiforgeryToken(previewHtml), ["FileContent"] = carried, ["FileName"] = "partners.csv",
        }));
        Assert.Contains("0 organisaties toegevoegd; 2 bestonden al", await twice.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await CountAsync(factory));

        var byMember = await member.GetAsync(page);
        var byVisitor = await Anonymous(factory).GetAsync(page);
        Assert.Equal("/geen-toegang", byMember.Headers.Location?.AbsolutePath);
        Assert.Equal("/inloggen", byVisitor.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task The_wizard_shows_a_bad_file_beside_the_upload_field_and_offers_no_commit()
    {
        const string page = "/beheer/organisaties/importeren";
        var coordinator = await SignInAsync(factory, Coordinator);
        var form = await coordinator.GetStringAsync(page);

        var response = await coordinator.PostAsync(page + "?handler=Preview", new MultipartFormDataContent
        {
            { new StringContent(AntiforgeryToken(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(BadFile("windows-1252")), "Upload", "ansi.csv" },
        });
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("aria-describedby=\"upload-hint upload-error\"", html);
        Assert.Matches("id=\"upload-error\"[^>]*>\\s*<ul>\\s*<li>Het bestand is geen UTF-8; sla het op als CSV UTF-8", html);
        Assert.DoesNotContain("Vastleggen", html);
    }

    [GeneratedRegex("name=\"FileContent\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenFileContent();
}

/// <summary>Real regions, no demo content: the database an export is imported into.</summary>
public sealed class NoDemoSqliteFactory : SqliteFactory
{
    public NoDemoSqliteFactory() => With("Demo:Enabled", "false");
}

public sealed class NoDemoPostgresFactory : PostgresFactory
{
    public NoDemoPostgresFactory() => With("Demo:Enabled", "false");
}

public sealed class OrganisationTransferTestsSqlite(SqliteFactory factory, NoDemoSqliteFactory empty)
    : OrganisationTransferTests<SqliteFactory, NoDemoSqliteFactory>(factory, empty), IClassFixture<NoDemoSqliteFactory>;
public sealed class OrganisationTransferTestsPostgres(PostgresFactory factory, NoDemoPostgresFactory empty)
    : OrganisationTransferTests<PostgresFactory, NoDemoPostgresFactory>(factory, empty), IClassFixture<NoDemoPostgresFactory>;
