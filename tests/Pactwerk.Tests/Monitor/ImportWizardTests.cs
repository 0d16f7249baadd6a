using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// The import wizard: upload, mapping (chosen or built and saved as a profile), preview and report,
/// commit or cancel; the history of imports and withdrawing a release.
/// </summary>
public abstract class ImportWizardTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>
    /// A made-up file in the wizard's own terms: municipality codes without GM, one column per year,
    /// and the dimensions of DUO's hbo element under their own names, so it feeds hbo-ingeschrevenen.
    /// </summary>
    private const string Header = "regio;gemeente;ONDERDEEL;SUBONDERDEEL;TYPE HOGER ONDERWIJS;OPLEIDINGSVORM;GESLACHT;INSTELLING;OPLEIDING;{0}";

    private static byte[] File(int year, params string[] rows) =>
        Encoding.UTF8.GetBytes(string.Join("\n", [string.Format(Header, year), .. rows]) + "\n");

    private static string Row(string municipality, string gender, string value) =>
        $"Oost;{municipality};techniek;n.v.t. (techniek);bachelor;voltijd onderwijs;{gender};99XX;99999;{value}";

    private static Dictionary<string, string> Mapping(string code, string municipalityColumn) => new()
    {
        ["Mapping.ProfileCode"] = code, ["Mapping.ProfileName"] = "Testbestand hbo", ["Mapping.Delimiter"] = ";",
        ["Mapping.MunicipalityColumn"] = municipalityColumn, ["Mapping.MunicipalityKind"] = "code", ["Mapping.MunicipalityPrefix"] = "GM",
        ["Mapping.Layout"] = "wide", ["Mapping.SuppressedMarker"] = "<5", ["Mapping.Element"] = "hbo-ingeschrevenen",
    };

    private static FormUrlEncodedContent Form(Dictionary<string, string> fields, IEnumerable<string> dimensions) =>
        new(fields.Select(f => KeyValuePair.Create(f.Key, f.Value))
            .Concat(dimensions.Select(d => KeyValuePair.Create("Mapping.DimensionColumns", d))));

    private static readonly string[] Dimensions = ["ONDERDEEL", "SUBONDERDEEL", "TYPE HOGER ONDERWIJS", "OPLEIDINGSVORM", "GESLACHT", "INSTELLING", "OPLEIDING"];

    /// <summary>Uploads through the wizard's form; the answer's Location is the mapping step.</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] content, string name = "wizard.csv")
    {
        var token = AntiforgeryToken(await client.GetStringAsync("/monitor/import"));
        return await client.PostAsync("/monitor/import", new MultipartFormDataContent
        {
            { new ByteArrayContent(content), "file", name }, { new StringContent(token), "__RequestVerificationToken" },
        });
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string page, string handler, HttpContent? content = null, Dictionary<string, string>? fields = null)
    {
        var token = AntiforgeryToken(await client.GetStringAsync(page));
        fields ??= [];
        fields["__RequestVerificationToken"] = token;
        return await client.PostAsync($"{page}?handler={handler}", content is FormUrlEncodedContent form
            ? new FormUrlEncodedContent((await ReadFormAsync(form)).Append(KeyValuePair.Create("__RequestVerificationToken", token)))
            : new FormUrlEncodedContent(fields));
    }

    private static async Task<List<KeyValuePair<string, string>>> ReadFormAsync(FormUrlEncodedContent form) =>
        (await form.ReadAsStringAsync()).Split('&').Select(p => p.Split('='))
            .Select(p => KeyValuePair.Create(WebUtility.UrlDecode(p[0]), WebUtility.UrlDecode(p[1]))).ToList();

    private async Task<double?> ValueAsync(string region, int year) =>
        (await factory.CreateClient().GetFromJsonAsync<List<ValueJson>>($"/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region={region}&period={year}"))!.Single().Value;

    private Task<string> StateAsync() => factory.InDbAsync(async db =>
        $"{await db.Observations.CountAsync()}|{await db.Observations.CountAsync(o => o.IsCurrent)}|{await db.DataReleases.CountAsync()}|{await db.DataReleases.CountAsync(r => r.WithdrawnAt != null)}|{await db.Set<StoredImportProfile>().CountAsync()}|{await db.AuditEntries.CountAsync()}");

    [Fact]
    public async Task A_coordinator_fixes_the_mapping_the_report_faults_commits_and_can_withdraw_the_release_again()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        // By hand: Zwolle 12 + 30 (+ one suppressed), Deventer 8; in 2032, which no release has yet.
        var content = File(2032, Row("0193", "vrouw", "12"), Row("0193", "man", "30"), Row("0193", "onbekend", "<5"), Row("0150", "vrouw", "8"));

        var upload = await UploadAsync(coordinator, content);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var mapping = upload.Headers.Location!.OriginalString;
        var step = await coordinator.GetStringAsync(mapping);
        // No profile fits, and the page says what each one misses.
        Assert.Contains("past bij geen enkel bestaand profiel", step);
        Assert.Contains("Profiel duo-hbo-ingeschrevenen mist de kolom(men) GEMEENTENUMMER", WebUtility.HtmlDecode(step));

        // The wrong column for the municipality: the mapping is saved, and the report names every row.
        var wrong = await PostAsync(coordinator, mapping, "Build", Form(Mapping("wizard-hbo", "regio"), Dimensions));
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        var preview = WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping + "/voorbeeld"));
        Assert.Contains("4 regels afgekeurd", preview);
        foreach (var line in new[] { 2, 3, 4, 5 })
            Assert.Contains($"<th scope=\"row\">{line}</th><td>onbekende gemeentecode 'Oost' in kolom regio</td>", preview);
        var before = await StateAsync();
        var refused = await PostAsync(coordinator, mapping + "/voorbeeld", "Commit");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(before, await StateAsync());

        // Back to the mapping (it shows the saved choice), the right column, and the preview shows observations.
        Assert.Contains("<option value=\"regio\" selected=\"selected\">regio</option>", await coordinator.GetStringAsync(mapping));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, mapping, "Build", Form(Mapping("wizard-hbo", "gemeente"), Dimensions))).StatusCode);
        // The unused profile was corrected in place (audited); the monitor's data did not change.
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "StoredImportProfile" && a.Action == "Updated")));
        before = await StateAsync();
        preview = WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping + "/voorbeeld"));
        Assert.Contains("Alle 4 regels zijn in orde: 4 waarnemingen, waarvan 1 onderdrukte cellen, voor de perioden 2032/2033.", preview);
        Assert.Contains("<th scope=\"row\">Zwolle</th><td>2032/2033</td>", preview);
        Assert.Contains("<th scope=\"row\">Deventer</th>", preview);
        Assert.Equal(before, await StateAsync());

        var committed = await PostAsync(coordinator, mapping + "/voorbeeld", "Commit");
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        var releasePage = committed.Headers.Location!.OriginalString;
        Assert.StartsWith("/monitor/import/historie/", releasePage);
        Assert.Equal(42, await ValueAsync("GM0193", 2032));
        Assert.Equal(8, await ValueAsync("GM0150", 2032));
        Assert.Equal(50, await ValueAsync("PV23", 2032));
        // The held file is gone; its address answers 404.
        var held = Guid.Parse(mapping.Split('/').Last());
        Assert.False(await factory.InDbAsync(db => db.Set<HeldUpload>().AnyAsync(u => u.Id == held)));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(mapping)).StatusCode);
        var detail = WebUtility.HtmlDecode(await coordinator.GetStringAsync(releasePage));
        Assert.Contains("4 waarnemingen geïmporteerd (1 onderdrukte cellen) uit 4 regels.", detail);
        Assert.Contains("<td>hbo-ingeschrevenen</td><th scope=\"row\">2032/2033</th><td>4</td><td>4</td><td>1</td><td>50</td>", detail);

        // A correction through the saved profile, by the API: now used, the profile no longer changes.
        // Codes with or without GM: the profile adds the prefix only where it is missing.
        var correction = File(2032, Row("GM0193", "vrouw", "20"), Row("0150", "vrouw", "9"));
        // It holds two of the four rows, so replacing the period needs the explicit confirmation.
        var api = await coordinator.PostAsync("/api/v1/imports", new MultipartFormDataContent
        {
            { new ByteArrayContent(correction), "file", "correctie.csv" }, { new StringContent("wizard-hbo"), "profile" }, { new StringContent("true"), "replaceShrinking" },
        });
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        var correctionId = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("releaseId").GetInt32();
        Assert.Equal(20, await ValueAsync("GM0193", 2032));
        Assert.Equal(29, await ValueAsync("PV23", 2032));
        var again = await UploadAsync(coordinator, content, "opnieuw.csv");
        var changeUsed = await PostAsync(coordinator, again.Headers.Location!.OriginalString, "Build", Form(Mapping("wizard-hbo", "regio"), Dimensions));
        Assert.Equal(HttpStatusCode.BadRequest, changeUsed.StatusCode);
        Assert.Contains("al geïmporteerd, dus het verandert niet meer", WebUtility.HtmlDecode(await changeUsed.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, again.Headers.Location!.OriginalString, "Cancel")).StatusCode);

        // Withdrawing the correction: the first release's values are current again, the history stays.
        before = await StateAsync();
        var withdraw = await PostAsync(coordinator, $"/monitor/import/historie/{correctionId}", "Withdraw", fields: new() { ["Reason"] = "Verkeerde versie van het bestand." });
        Assert.Equal(HttpStatusCode.Redirect, withdraw.StatusCode);
        Assert.Equal(42, await ValueAsync("GM0193", 2032));
        Assert.Equal(50, await ValueAsync("PV23", 2032));
        var withdrawn = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/monitor/import/historie/{correctionId}"));
        Assert.Contains("Release ingetrokken", withdrawn);
        Assert.Contains("Reden: Verkeerde versie van het bestand.", withdrawn);
        Assert.Contains("Coördinator Techniekpact (demo)", withdrawn);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == ReleaseWithdrawal.AuditAction && a.EntityId == correctionId.ToString())));
        var releases = await coordinator.GetFromJsonAsync<JsonElement>("/api/v1/releases");
        Assert.True(releases.EnumerateArray().Single(r => r.GetProperty("id").GetInt32() == correctionId).GetProperty("withdrawn").GetBoolean());

        // Twice: a clear message, and nothing changes.
        var state = await StateAsync();
        var twice = await coordinator.PostAsJsonAsync($"/api/v1/releases/{correctionId}/withdrawal", new { reason = "Nog eens." });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("is al ingetrokken", await twice.Content.ReadAsStringAsync());
        Assert.Equal(state, await StateAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.PostAsJsonAsync("/api/v1/releases/999999/withdrawal", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/v1/releases/{correctionId - 1}/withdrawal", new { reason = " " })).StatusCode);
        Assert.Equal(state, await StateAsync());
    }

    [Fact]
    public async Task An_invalid_mapping_is_refused_with_clear_messages_and_saves_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var upload = await UploadAsync(coordinator, Encoding.UTF8.GetBytes("gemeente,jaar,aantal,soort\nZwolle,2030,twaalf,a\nDeventer,2030,8,b\n"));
        var mapping = upload.Headers.Location!.OriginalString;
        Assert.Contains("scheidingsteken ,", WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping)));
        var before = await StateAsync();
        Dictionary<string, string> Long(string municipality, string value) => new()
        {
            ["Mapping.ProfileCode"] = "fout-profiel", ["Mapping.ProfileName"] = "Fout", ["Mapping.Delimiter"] = ",", ["Mapping.MunicipalityColumn"] = municipality,
            ["Mapping.MunicipalityKind"] = "name", ["Mapping.Layout"] = "long", ["Mapping.PeriodColumn"] = "jaar", ["Mapping.ValueColumn"] = value,
            ["Mapping.SuppressedMarker"] = "<5", ["Mapping.NewElementCode"] = "test-aantal", ["Mapping.NewElementName"] = "Test", ["Mapping.NewElementUnit"] = "stuks",
            ["Mapping.NewElementPeriodKind"] = "CalendarYear", ["Mapping.NewSourceCode"] = "testbron", ["Mapping.NewSourceName"] = "Testbron",
            ["Mapping.NewSourceDisclosure"] = "Confidential",
        };

        var noMunicipality = await PostAsync(coordinator, mapping, "Build", Form(Long("", "aantal"), []));
        var notNumeric = await PostAsync(coordinator, mapping, "Build", Form(Long("gemeente", "aantal"), []));
        var wideWithoutYears = await PostAsync(coordinator, mapping, "Build", Form(Long("gemeente", "aantal").Append(KeyValuePair.Create("Mapping.Layout", "wide")).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), []));
        var builtInCode = await PostAsync(coordinator, mapping, "Build", Form(Long("gemeente", "jaar").Append(KeyValuePair.Create("Mapping.ProfileCode", "duo-hbo-ingeschrevenen")).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), []));
        var notFitting = await PostAsync(coordinator, mapping, "Choose", fields: new() { ["profile"] = "duo-hbo-ingeschrevenen" });
        // A new source's disclosure is chosen on purpose: never defaulted, never an unknown value.
        var noDisclosure = await PostAsync(coordinator, mapping, "Build", Form(Long("gemeente", "aantal").Where(p => p.Key != "Mapping.NewSourceDisclosure").ToDictionary(), []));
        var badDisclosure = await PostAsync(coordinator, mapping, "Build", Form(Long("gemeente", "aantal").Append(KeyValuePair.Create("Mapping.NewSourceDisclosure", "7")).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Last().Value), []));

        Assert.Equal(HttpStatusCode.BadRequest, noMunicipality.StatusCode);
        Assert.Contains("Kies de kolom met de gemeente", WebUtility.HtmlDecode(await noMunicipality.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, notNumeric.StatusCode);
        Assert.Contains("Kolom 'aantal' bevat geen getallen (bijvoorbeeld 'twaalf')", WebUtility.HtmlDecode(await notNumeric.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, wideWithoutYears.StatusCode);
        Assert.Contains("geen jaarkolommen", WebUtility.HtmlDecode(await wideWithoutYears.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, builtInCode.StatusCode);
        Assert.Contains("hoort bij een vast profiel", WebUtility.HtmlDecode(await builtInCode.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, notFitting.StatusCode);
        Assert.Contains("Profiel duo-hbo-ingeschrevenen past niet bij dit bestand: kolom(men) GEMEENTENUMMER", WebUtility.HtmlDecode(await notFitting.Content.ReadAsStringAsync()));
        foreach (var refused in new[] { noDisclosure, badDisclosure })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Kies of de nieuwe bron gepubliceerd is", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        }
        Assert.DoesNotContain("Kies of de nieuwe bron gepubliceerd is", WebUtility.HtmlDecode(await notNumeric.Content.ReadAsStringAsync()));
        Assert.Equal(before, await StateAsync());
        Assert.Null(await factory.InDbAsync(db => db.Set<HeldUpload>().Where(u => u.Id == Guid.Parse(mapping.Split('/').Last())).Select(u => u.ProfileCode).SingleAsync()));
    }

    [Fact]
    public async Task A_new_sources_licence_is_chosen_in_the_wizard_a_wrong_one_is_refused_and_the_source_keeps_it()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var upload = await UploadAsync(coordinator, Encoding.UTF8.GetBytes("gemeente,jaar,aantal\nZwolle,2031,12\nDeventer,2031,8\n"), "licentie.csv");
        var mapping = upload.Headers.Location!.OriginalString;
        Dictionary<string, string> Fields(string licence, string other) => new()
        {
            ["Mapping.ProfileCode"] = "licentie-profiel", ["Mapping.ProfileName"] = "Licentie", ["Mapping.Delimiter"] = ",", ["Mapping.MunicipalityColumn"] = "gemeente",
            ["Mapping.MunicipalityKind"] = "name", ["Mapping.Layout"] = "long", ["Mapping.PeriodColumn"] = "jaar", ["Mapping.ValueColumn"] = "aantal",
            ["Mapping.SuppressedMarker"] = "<5", ["Mapping.NewElementCode"] = "licentie-aantal", ["Mapping.NewElementName"] = "Licentietest", ["Mapping.NewElementUnit"] = "stuks",
            ["Mapping.NewElementPeriodKind"] = "CalendarYear", ["Mapping.NewSourceCode"] = "licentiebron", ["Mapping.NewSourceName"] = "Licentiebron",
            ["Mapping.NewSourceDisclosure"] = "Published", ["Mapping.NewSourceLicence"] = licence, ["Mapping.NewSourceLicenceOther"] = other,
        };
        // The form offers the short list and "unknown" first.
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping));
        Assert.Contains("<label for=\"Mapping_NewSourceLicence\">Licentie van de nieuwe bron</label>", page);
        Assert.Contains("<option value=\"http://creativecommons.org/licenses/by/4.0/\">CC BY 4.0: vrij te gebruiken met naamsvermelding</option>", page);

        var before = await StateAsync();
        var unknownChoice = await PostAsync(coordinator, mapping, "Build", Form(Fields("https://example.org/eigen", ""), []));
        var noAddress = await PostAsync(coordinator, mapping, "Build", Form(Fields("other", ""), []));
        var notAnAddress = await PostAsync(coordinator, mapping, "Build", Form(Fields("other", "javascript:alert(1)"), []));
        Assert.Equal(HttpStatusCode.BadRequest, unknownChoice.StatusCode);
        Assert.Contains("Kies de licentie van de nieuwe bron uit de lijst", WebUtility.HtmlDecode(await unknownChoice.Content.ReadAsStringAsync()));
        foreach (var refused in new[] { noAddress, notAnAddress })
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var body = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
            Assert.Contains("<p class=\"field-error\" id=\"fout-NewSourceLicenceOther\">Geef het volledige adres (URI) van de licentie", body);
            Assert.Contains("aria-invalid=\"true\"", body);
        }
        Assert.Equal(before, await StateAsync());
        Assert.False(await factory.InDbAsync(db => db.DataSources.AnyAsync(s => s.Code == "licentiebron")));

        // Another licence by its address: saved with the profile, shown again when the mapping is opened, and given to the new source at import.
        const string Own = "https://data.overheid.nl/licenties/licentiebron-eigen";
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, mapping, "Build", Form(Fields("other", " " + Own + " "), []))).StatusCode);
        var reopened = WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping));
        Assert.Contains($"value=\"{Own}\"", reopened);
        Assert.Contains("<option value=\"other\" selected=\"selected\">", reopened);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, mapping + "/voorbeeld", "Commit")).StatusCode);
        Assert.Equal(Own, await factory.InDbAsync(db => db.DataSources.Where(s => s.Code == "licentiebron").Select(s => s.License).SingleAsync()));

        // In English the field and the choices read in English.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var second = (await UploadAsync(coordinator, Encoding.UTF8.GetBytes("gemeente,jaar,aantal\nZwolle,2032,5\n"), "licence.csv")).Headers.Location!.OriginalString;
        var english = WebUtility.HtmlDecode(await coordinator.GetStringAsync(second));
        Assert.Contains("<label for=\"Mapping_NewSourceLicence\">Licence of the new source</label>", english);
        Assert.Contains(">CC0 1.0: no rights reserved</option>", english);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, second, "Cancel")).StatusCode);
    }

    [Fact]
    public async Task The_preview_of_a_file_already_imported_under_the_profile_says_so_in_Dutch_and_English()
    {
        // Demo mode imported DUO's file at start: the same bytes again, through the wizard, with the same profile.
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var content = await System.IO.File.ReadAllBytesAsync(Path.Combine(SharedData.Root, DuoReference.File));
        var release = await factory.InDbAsync(db => db.DataReleases.SingleAsync(r => r.Dataset == "duo-hbo-ingeschrevenen" && r.FileName == "ingeschrevenen-hbo-2020-2023.csv"));
        // The very bytes demo mode imported, so the same checksum.
        Assert.Equal(release.Checksum, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)));
        var before = await StateAsync();
        var mapping = (await UploadAsync(coordinator, content, "ingeschrevenen-hbo-2020-2023.csv")).Headers.Location!.OriginalString;
        var chosen = await PostAsync(coordinator, mapping, "Choose", fields: new() { ["profile"] = "duo-hbo-ingeschrevenen" });
        Assert.Equal(HttpStatusCode.Redirect, chosen.StatusCode);

        var dutch = WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping + "/voorbeeld"));
        var importedOn = release.ImportedAt.ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("nl"));
        Assert.Contains($"Dit bestand is al geïmporteerd op {importedOn} UTC als release {release.Id}; importeren verandert niets.", dutch);
        // Counts with a thousands separator: the file's lines counted by hand (every line but the header).
        var lines = (await System.IO.File.ReadAllLinesAsync(Path.Combine(SharedData.Root, DuoReference.File))).Length - 1;
        Assert.Equal(4430, lines);
        Assert.Contains("Alle 4.430 regels zijn in orde", dutch);

        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var english = WebUtility.HtmlDecode(await coordinator.GetStringAsync(mapping + "/voorbeeld"));
        var importedOnEnglish = release.ImportedAt.ToString("d MMMM yyyy HH:mm", System.Globalization.CultureInfo.GetCultureInfo("en"));
        Assert.Contains($"This file was already imported on {importedOnEnglish} UTC as release {release.Id}; importing it changes nothing.", english);
        Assert.Contains("All 4,430 rows are fine", english);
        Assert.Equal(before, await StateAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, mapping + "/voorbeeld", "Cancel")).StatusCode);
    }

    [Fact]
    public async Task The_preview_of_a_withdrawn_file_says_it_cannot_come_back_and_offers_no_import()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        // Its own municipality column, so the profile built for it fits no other test's file.
        var content = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(File(2036, Row("0193", "vrouw", "7"))).Replace(";gemeente;", ";gemeentecode;"));
        // Imported through a profile built in the wizard, then withdrawn.
        var mapping = (await UploadAsync(coordinator, content, "ingetrokken.csv")).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, mapping, "Build", Form(Mapping("wizard-ingetrokken", "gemeentecode"), Dimensions))).StatusCode);
        var committed = await PostAsync(coordinator, mapping + "/voorbeeld", "Commit");
        Assert.Equal(HttpStatusCode.Redirect, committed.StatusCode);
        var releaseId = int.Parse(committed.Headers.Location!.OriginalString.Split('/').Last().Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, $"/monitor/import/historie/{releaseId}", "Withdraw", fields: new() { ["Reason"] = "Proef." })).StatusCode);

        var again = (await UploadAsync(coordinator, content, "opnieuw.csv")).Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(coordinator, again, "Choose", fields: new() { ["profile"] = "wizard-ingetrokken" })).StatusCode);
        var preview = WebUtility.HtmlDecode(await coordinator.GetStringAsync(again + "/voorbeeld"));
        Assert.Contains($"als release {releaseId} en op ", preview);
        Assert.Contains("dus dit bestand kan niet opnieuw worden geïmporteerd.", preview);
        Assert.DoesNotContain("handler=Commit", preview);
    }

    [Fact]
    public async Task A_cancelled_or_expired_upload_is_removed_and_another_users_upload_is_not_found()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var before = await StateAsync();
        var cancelled = (await UploadAsync(coordinator, File(2033, Row("0193", "vrouw", "1")))).Headers.Location!.OriginalString;
        var expiring = (await UploadAsync(coordinator, File(2034, Row("0193", "vrouw", "1")))).Headers.Location!.OriginalString;
        var admin = await SignInAsync(factory, "beheerder@pactwerk.demo");

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(cancelled)).StatusCode);
        var cancel = await PostAsync(coordinator, cancelled, "Cancel");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(cancelled)).StatusCode);
        // Uploaded three hours ago: past the two hours a held file is kept.
        var id = Guid.Parse(expiring.Split('/').Last());
        await factory.InDbAsync(db => db.Set<HeldUpload>().Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.UploadedAt, DateTime.UtcNow.AddHours(-3))));
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync(expiring)).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.Set<HeldUpload>().AnyAsync(u => u.Id == id)));
        Assert.Equal(before, await StateAsync());
    }

    [Fact]
    public async Task The_wizard_and_the_history_are_for_coordinators()
    {
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var before = await StateAsync();

        foreach (var page in new[] { "/monitor/import", "/monitor/import/historie", "/monitor/import/historie/1" })
        {
            var anonymous = await Anonymous(factory).GetAsync(page);
            var byMember = await member.GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
            Assert.Contains("/inloggen", anonymous.Headers.Location!.OriginalString);
            Assert.Equal(HttpStatusCode.Redirect, byMember.StatusCode);
            Assert.Contains("/geen-toegang", byMember.Headers.Location!.OriginalString);
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync("/api/v1/releases/1/withdrawal", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/api/v1/releases")).StatusCode);
        Assert.Equal(before, await StateAsync());
    }
}

public sealed class ImportWizardTestsSqlite(SqliteFactory factory) : ImportWizardTests<SqliteFactory>(factory);
public sealed class ImportWizardTestsPostgres(PostgresFactory factory) : ImportWizardTests<PostgresFactory>(factory);
