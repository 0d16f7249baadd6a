using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Monitor.Editions;
using Pactwerk.Web.Features.Monitor.Import;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Published editions: the figures are frozen as published; later data shows as a revision beside
/// them; an edition never changes; only the pact's coordinators publish.
/// </summary>
public abstract class EditionTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Header = "PROVINCIE;GEMEENTENUMMER;GEMEENTENAAM;SOORT INSTELLING;TYPE HOGER ONDERWIJS;INSTELLINGSCODE ACTUEEL;INSTELLINGSNAAM ACTUEEL;ONDERDEEL;SUBONDERDEEL;OPLEIDINGSCODE ACTUEEL;OPLEIDINGSNAAM ACTUEEL;OPLEIDINGSVORM;GESLACHT;2031";

    /// <summary>A made-up year 2031 of DUO's file: Zwolle (two rows and a suppressed one) and Deventer, both in Overijssel.</summary>
    private static byte[] Year2031(int zwolleWomen) => Encoding.UTF8.GetBytes(string.Join("\r\n",
        Header,
        $"Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;vrouw;{zwolleWomen}",
        "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;techniek;n.v.t. (techniek);99999;B Testen;voltijd onderwijs;man;20",
        "Overijssel;0193;Zwolle;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;voltijd onderwijs;man;<5",
        "Overijssel;0150;Deventer;reguliere inst.;bachelor;99XX;Testhogeschool;economie;n.v.t. (economie);99998;B Handel;deeltijd onderwijs;vrouw;7") + "\r\n");

    private async Task<ImportReport> ImportAsync(byte[] content)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<MonitorImportService>().ImportAsync("duo-hbo-ingeschrevenen", $"duo-{Guid.NewGuid():N}.csv", content, default);
    }

    private Task<string> StateAsync() => factory.InDbAsync(async db =>
        $"{await db.Set<MonitorEdition>().CountAsync()}|{await db.Set<EditionFigure>().CountAsync()}|{string.Join(",", await db.Set<MonitorEdition>().OrderBy(e => e.Id).Select(e => e.Title).ToListAsync())}");

    private static JsonElement Figure(JsonElement edition, string indicator, string region, string period) =>
        edition.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == indicator)
            .GetProperty("figures").EnumerateArray().Single(f => f.GetProperty("region").GetProperty("code").GetString() == region && f.GetProperty("period").GetString() == period);

    [Fact]
    public async Task An_edition_keeps_the_published_figure_and_shows_the_revision_a_newer_release_made()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var first = await ImportAsync(Year2031(zwolleWomen: 10));
        Assert.Equal(ImportStatus.Committed, first.Status);

        var published = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions",
            new { year = 2031, title = "Monitor Techniekpact 2031", introduction = "De cijfers van 2031.", indicators = new[] { "hbo-ingeschrevenen", "hbo-aandeel-techniek" } });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        // By hand from the fixture: Zwolle 10 + 20 (+ one suppressed cell), Deventer 7; both lie in Overijssel (PV23).
        var edition = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2031?regionSet=provincies");
        var country = Figure(edition, "hbo-ingeschrevenen", "NL", "2031/2032");
        Assert.Equal(37, country.GetProperty("value").GetDouble());
        Assert.Equal(1, country.GetProperty("suppressedCells").GetInt32());
        Assert.Equal(first.ReleaseId, country.GetProperty("release").GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, country.GetProperty("revised").ValueKind);
        Assert.Equal(37, Figure(edition, "hbo-ingeschrevenen", "PV23", "2031/2032").GetProperty("value").GetDouble());
        // Share of technology: 100 × (10 + 20) / 37.
        Assert.Equal(Math.Round(100.0 * 30 / 37, 4), Figure(edition, "hbo-aandeel-techniek", "NL", "2031/2032").GetProperty("value").GetDouble());
        // An earlier period, straight from the tables: Σ current observations of 2023 in the country.
        var duo2023 = await factory.InDbAsync(db => db.Observations.Where(o => o.IsCurrent && o.PeriodStart == 2023 && o.Value != null
            && db.DataElements.Any(e => e.Id == o.DataElementId && e.Code == "hbo-ingeschrevenen")).SumAsync(o => o.Value!.Value));
        Assert.Equal(duo2023, Figure(edition, "hbo-ingeschrevenen", "NL", "2023/2024").GetProperty("value").GetDouble());
        // Frozen for every region of every set: the municipalities too.
        Assert.True(await factory.InDbAsync(db => db.Set<EditionFigure>().AnyAsync(f => db.Regions.Any(r => r.Id == f.RegionId && r.Code == "GM0150" ) && f.PeriodStart == 2031 && f.Value == 7)));

        // DUO revises 2031: Zwolle's women are 15, not 10.
        var newer = await ImportAsync(Year2031(zwolleWomen: 15));
        Assert.Equal(ImportStatus.Committed, newer.Status);
        edition = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2031");
        country = Figure(edition, "hbo-ingeschrevenen", "NL", "2031/2032");
        Assert.Equal(37, country.GetProperty("value").GetDouble());
        Assert.Equal(42, country.GetProperty("revised").GetProperty("currentValue").GetDouble());
        Assert.Equal(newer.ReleaseId, country.GetProperty("revised").GetProperty("currentRelease").GetProperty("id").GetInt32());
        Assert.Equal(JsonValueKind.Null, Figure(edition, "hbo-ingeschrevenen", "NL", "2023/2024").GetProperty("revised").ValueKind);
        var page = await Anonymous(factory).GetStringAsync("/pact/techniekpact/monitor/edities/2031");
        Assert.Contains("Herzien", page);
        Assert.Contains($"Nu: 42 (release {newer.ReleaseId}", page);

        // Withdrawing the newer release brings the published figure back: no revision any more.
        var withdrawn = await coordinator.PostAsJsonAsync($"/api/v1/releases/{newer.ReleaseId}/withdrawal", new { reason = "DUO trok de correctie in." });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        edition = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2031");
        Assert.Equal(JsonValueKind.Null, Figure(edition, "hbo-ingeschrevenen", "NL", "2031/2032").GetProperty("revised").ValueKind);

        // Withdrawing the release the edition was built on is a revision too, and the figure stays as published.
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/releases/{first.ReleaseId}/withdrawal", new { reason = "Testbestand." })).StatusCode);
        edition = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2031");
        country = Figure(edition, "hbo-ingeschrevenen", "NL", "2031/2032");
        Assert.Equal(37, country.GetProperty("value").GetDouble());
        Assert.True(country.GetProperty("revised").GetProperty("releaseWithdrawn").GetBoolean());
        Assert.Equal(JsonValueKind.Null, country.GetProperty("revised").GetProperty("currentValue").ValueKind);
    }

    [Fact]
    public async Task A_published_year_is_never_published_again_and_nothing_changes()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", new { year = 2024, title = "Monitor Techniekpact 2024" })).StatusCode);
        var before = await StateAsync();

        var again = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", new { year = 2024, title = "Monitor Techniekpact 2024, verbeterd" });
        var page = await PostFormAsync(coordinator, "/pact/techniekpact/monitor/edities", new() { ["Input.Year"] = "2024", ["Input.Title"] = "Nog eens", ["Input.Indicators"] = "hbo-ingeschrevenen" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Er is al een editie 2024 van het Techniekpact", await again.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, page.StatusCode);
        Assert.Contains("Er is al een editie 2024 van het Techniekpact", WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
        Assert.Equal(before, await StateAsync());
        // Without a choice, the edition holds the indicators of the pact's objectives.
        var edition = await factory.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/pacts/techniekpact/editions/2024");
        Assert.Equal(["hbo-aandeel-techniek", "hbo-nieuwe-studenten-techniek"], edition.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()!).Order().ToArray());
    }

    [Fact]
    public async Task Only_the_pacts_coordinators_publish_and_bad_input_changes_nothing()
    {
        var before = await StateAsync();
        object Input(int year) => new { year, title = $"Monitor {year}" };

        var anonymous = await Anonymous(factory).PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", Input(2020));
        var member = await (await SignInAsync(factory, "lid@pactwerk.demo")).PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", Input(2020));
        var lead = await (await SignInAsync(factory, "oost@techniekpact.demo")).PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", Input(2020));
        var otherPact = await SignInAsync(factory, "coordinator@zorgpact.demo");
        var zorgpact = await otherPact.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", Input(2020));
        var zorgpactPage = await PostFormAsync(otherPact, "/pact/techniekpact/monitor/edities", new() { ["Input.Year"] = "2020", ["Input.Title"] = "X" });
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var noTitle = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", new { year = 2020, title = " " });
        var badYear = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", new { year = 1900, title = "Oud" });
        var unknownIndicator = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", new { year = 2020, title = "X", indicators = new[] { "geluk" } });
        var unknownPact = await coordinator.PostAsJsonAsync("/api/v1/pacts/geenpact/editions", Input(2020));

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, lead.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, zorgpact.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, zorgpactPage.StatusCode);
        Assert.Contains("/geen-toegang", zorgpactPage.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, noTitle.StatusCode);
        Assert.Contains("Geef een titel", await noTitle.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, badYear.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownIndicator.StatusCode);
        Assert.Contains("Onbekende indicator(en): geluk", await unknownIndicator.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknownPact.StatusCode);
        Assert.Equal(before, await StateAsync());
        // The publish form is offered to the pact's coordinators only.
        Assert.DoesNotContain("publiceer-formulier", await otherPact.GetStringAsync("/pact/techniekpact/monitor/edities"));
        Assert.Contains("publiceer-formulier", await coordinator.GetStringAsync("/pact/techniekpact/monitor/edities"));
    }

    [Fact]
    public async Task An_edition_that_does_not_exist_gets_a_friendly_404()
    {
        var client = Anonymous(factory);

        var page = await client.GetAsync("/pact/techniekpact/monitor/edities/1999");
        var otherPact = await client.GetAsync("/pact/geenpact/monitor/edities");
        var api = await client.GetAsync("/api/v1/pacts/techniekpact/editions/1999");
        var list = await client.GetAsync("/api/v1/pacts/techniekpact/editions");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Contains("Pagina niet gevonden", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, otherPact.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Contains("Er is geen editie 1999", await api.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}

public sealed class EditionTestsSqlite(SqliteFactory factory) : EditionTests<SqliteFactory>(factory);
public sealed class EditionTestsPostgres(PostgresFactory factory) : EditionTests<PostgresFactory>(factory);
