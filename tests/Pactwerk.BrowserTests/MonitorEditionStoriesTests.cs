using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.BrowserTests;

/// <summary>
/// The monitor's import wizard and published editions in a real browser: a coordinator imports a
/// file, fixes the mapping the report faulted and commits; a coordinator publishes an edition that
/// keeps its figure when later data revises it.
/// </summary>
public sealed class MonitorEditionStoriesTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string WizardHeader = "regio;gemeente;ONDERDEEL;SUBONDERDEEL;TYPE HOGER ONDERWIJS;OPLEIDINGSVORM;GESLACHT;INSTELLING;OPLEIDING;2035";

    private static string WizardRow(string municipality, string gender, string value) =>
        $"Oost;{municipality};techniek;n.v.t. (techniek);bachelor;voltijd onderwijs;{gender};99XX;99999;{value}";

    [Fact]
    public async Task A_coordinator_imports_a_file_fixes_the_municipality_column_the_report_faulted_commits_and_sees_the_new_period()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");
        // By hand: Zwolle 11 + 25 (and a suppressed cell), Deventer 6, in 2035, which no release holds yet.
        var file = string.Join("\n", WizardHeader, WizardRow("0193", "vrouw", "11"), WizardRow("0193", "man", "25"), WizardRow("0193", "onbekend", "<5"), WizardRow("0150", "vrouw", "6")) + "\n";

        await page.GetByRole(AriaRole.Link, new() { Name = "Monitorimport" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Gegevens importeren");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Bestand (CSV of ander tekstbestand met scheidingstekens)").SetInputFilesAsync(new FilePayload
        {
            Name = "hbo-2035.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(file),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Uploaden" }).ClickAsync();

        // No profile fits; the coordinator builds one and picks the wrong column for the municipality.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Koppeling kiezen");
        await Assertions.Expect(page.Locator("#geen-profiel")).ToContainTextAsync("Profiel duo-hbo-ingeschrevenen mist de kolom(men) GEMEENTENUMMER");
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByLabel("Profielcode").FillAsync("hbo-regiobestand");
        await page.GetByLabel("Naam van het profiel").FillAsync("Hbo-inschrijvingen uit het regiobestand");
        await page.GetByLabel("Kolom met de gemeente").SelectOptionAsync("regio");
        foreach (var dimension in new[] { "ONDERDEEL", "SUBONDERDEEL", "TYPE HOGER ONDERWIJS", "OPLEIDINGSVORM", "GESLACHT", "INSTELLING", "OPLEIDING" })
            await page.GetByLabel(dimension, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Gegevenselement", new() { Exact = true }).SelectOptionAsync("hbo-ingeschrevenen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppeling opslaan en voorbeeld bekijken" }).ClickAsync();

        // The report names every row; nothing can be committed.
        await Assertions.Expect(page.Locator("#verslag-fouten")).ToContainTextAsync("4 regels afgekeurd");
        await Assertions.Expect(page.Locator("#verslag-fouten")).ToContainTextAsync("onbekende gemeentecode 'Oost' in kolom regio");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Importeren" })).ToHaveCountAsync(0);
        await page.AssertNoSeriousViolationsAsync();

        // Back to the mapping, the right column, with the keyboard alone.
        await page.GetByRole(AriaRole.Link, new() { Name = "Terug naar de koppeling" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Kolom met de gemeente")).ToHaveValueAsync("regio");
        await page.GetByLabel("Kolom met de gemeente").FocusAsync();
        await page.GetByLabel("Kolom met de gemeente").SelectOptionAsync("gemeente");
        await page.GetByRole(AriaRole.Button, new() { Name = "Koppeling opslaan en voorbeeld bekijken" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#verslag-goed")).ToContainTextAsync("Alle 4 regels zijn in orde: 4 waarnemingen, waarvan 1 onderdrukte cellen, voor de perioden 2035/2036.");
        await Assertions.Expect(page.Locator("#voorbeeld").GetByRole(AriaRole.Row).Filter(new() { HasText = "Zwolle" })).ToHaveCountAsync(3);
        await page.AssertNoSeriousViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Importeren" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // The release's page shows the new period and its total; the monitor serves it.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/monitor/import/historie/[0-9]+"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#perioden").GetByRole(AriaRole.Row).Filter(new() { HasText = "2035/2036" })).ToContainTextAsync("42");
        await page.AssertNoSeriousViolationsAsync();
        var values = await page.APIRequest.GetAsync("/api/v1/monitor/values?indicator=hbo-ingeschrevenen&region=PV23&period=2035");
        using var json = JsonDocument.Parse(await values.TextAsync());
        Assert.Equal(42, json.RootElement[0].GetProperty("value").GetDouble());
        Assert.Equal("2035/2036", json.RootElement[0].GetProperty("period").GetString());
    }

    private const string DuoHeader = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2036";

    private static byte[] Duo2036(int zwolle) => Encoding.UTF8.GetBytes(string.Join("\r\n", DuoHeader,
        $"Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;{zwolle}",
        "Overijssel;0150;Deventer;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;voltijd onderwijs;man;9") + "\r\n");

    private async Task ImportAsync(byte[] content)
    {
        await using var scope = browser.App.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", $"duo-{Guid.NewGuid():N}.csv", content, default);
        Assert.Equal(ImportStatus.Committed, report.Status);
    }

    [Fact]
    public async Task A_coordinator_publishes_an_edition_and_it_keeps_the_published_figure_with_a_revised_note_after_new_data()
    {
        // By hand: the country in 2036 is Zwolle 21 + Deventer 9 = 30; DUO later revises Zwolle to 26 (35).
        await ImportAsync(Duo2036(zwolle: 21));
        var page = await browser.NewPageAsync();
        await page.SignInAsync("coordinator@techniekpact.demo");

        await page.GotoAsync("/pact/techniekpact/monitor/edities");
        await page.AssertNoSeriousViolationsAsync();
        var form = page.Locator("#publiceer-formulier");
        await form.GetByLabel("Jaar").FillAsync("2036");
        await form.GetByLabel("Titel").FillAsync("Monitor Techniekpact 2036");
        await form.GetByLabel("Inleiding (niet verplicht)").FillAsync("De stand van het Techniekpact in 2036.");
        await form.GetByLabel("Ingeschrevenen hbo (hbo-ingeschrevenen)").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { Name = "Publiceren" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        // Publishing freezes every figure of every region: on a busy machine that takes more than the default five seconds.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/pact/techniekpact/monitor/edities/2036$"), new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Monitor Techniekpact 2036");
        var country = page.Locator("#hbo-ingeschrevenen-land").GetByRole(AriaRole.Row).Filter(new() { HasText = "2036/2037" });
        await Assertions.Expect(country).ToContainTextAsync("30");
        await Assertions.Expect(country).ToContainTextAsync("nee");
        await page.AssertNoSeriousViolationsAsync();

        // Later data: DUO's revised file for 2036.
        await ImportAsync(Duo2036(zwolle: 26));
        await page.ReloadAsync();
        await Assertions.Expect(country.GetByRole(AriaRole.Cell).Nth(1)).ToHaveTextAsync("30");
        await Assertions.Expect(country).ToContainTextAsync("Herzien");
        await Assertions.Expect(country).ToContainTextAsync("Nu: 35");
        await page.AssertNoSeriousViolationsAsync();

        // A year is published once.
        await page.GotoAsync("/pact/techniekpact/monitor/edities");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Monitor Techniekpact 2036" })).ToHaveCountAsync(1);
        await form.GetByLabel("Jaar").FillAsync("2036");
        await form.GetByRole(AriaRole.Button, new() { Name = "Publiceren" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Er is al een editie 2036 van het Techniekpact");
        await page.AssertNoSeriousViolationsAsync();
    }
}
