using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// Coordinators define indicators and new versions of them in the UI, through the same editor as the API: the forms as
/// people fill them, the preview before saving, the figures checked against the DUO file read another way, and the refusals.
/// </summary>
public abstract class IndicatorFormsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Coordinator = "coordinator@techniekpact.demo";
    private const string NewPage = "/beheer/indicatoren/nieuw";

    /// <summary>Σ of hbo enrolments in technology over a region's municipalities in 2023, from the file itself.</summary>
    private static double Techniek(string region) =>
        DuoReference.Sum(2023, DuoReference.Regions()[region], c => c("ONDERDEEL") == "techniek").Sum;

    /// <summary>What a person types into the new-indicator form: only the required fields, and technology as the numerator's filter.</summary>
    private static Dictionary<string, string> Required(string name, string multiplier = "") => new()
    {
        ["Input.Name"] = name, ["Input.NameEn"] = name + " (en)", ["Input.Unit"] = "aantal", ["Input.Code"] = "",
        ["Input.Direction"] = "HigherIsBetter", ["Input.Definition.Numerator.Element"] = "hbo-ingeschrevenen", ["Input.Definition.Denominator.Element"] = "",
        ["Input.Definition.Multiplier"] = multiplier.Length > 0 ? multiplier : "1", ["Input.Definition.Description"] = "Hbo-studenten in de techniek.",
        ["NumeratorFilter[0].Element"] = "hbo-ingeschrevenen", ["NumeratorFilter[0].Dimension"] = "ONDERDEEL", ["NumeratorFilter[0].Values"] = "techniek",
    };

    private Task<int> IndicatorCountAsync() => factory.InDbAsync(db => db.Indicators.CountAsync());
    private Task<int> VersionCountAsync() => factory.InDbAsync(db => db.IndicatorVersions.CountAsync());

    private async Task<double> ValueAsync(string code, string region) =>
        (await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/monitor/values?indicator={code}&region={region}&period=2023/2024"))[0].GetProperty("value").GetDouble();

    [Fact]
    public async Task The_preview_shows_what_the_definition_computes_and_saves_nothing()
    {
        var coordinator = await SignInAsync(factory, Coordinator);
        var before = await IndicatorCountAsync();

        var response = await PostFormAsync(coordinator, NewPage + "?handler=Preview", Required("Voorbeeld techniek"), NewPage);
        var html = await response.Content.ReadAsStringAsync();
        var rows = new HtmlParser().ParseDocument(html).QuerySelectorAll("#voorbeeld-resultaat tbody tr")
            .Select(r => (Region: r.GetAttribute("data-region")!, Value: double.Parse(r.GetAttribute("data-value")!, CultureInfo.InvariantCulture))).ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("2023/2024", html);
        Assert.NotEmpty(rows);
        foreach (var (region, value) in rows)
            Assert.Equal(Techniek(region), value);
        // The code is suggested from the name, and the element's dimensions are offered to filter on.
        Assert.Contains("value=\"voorbeeld-techniek\"", html);
        Assert.Contains("name=\"NumeratorFilter[", html);
        Assert.Equal(before, await IndicatorCountAsync());
    }

    [Fact]
    public async Task A_coordinator_creates_an_indicator_with_only_the_required_fields_and_its_figures_add_up_from_the_file()
    {
        var coordinator = await SignInAsync(factory, Coordinator);

        var response = await PostFormAsync(coordinator, NewPage, Required("Hbo-studenten techniek"));
        var versions = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/indicators/hbo-studenten-techniek/versions");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/beheer/indicatoren/hbo-studenten-techniek?opgeslagen=true", response.Headers.Location!.OriginalString);
        Assert.Equal(Techniek("NL"), await ValueAsync("hbo-studenten-techniek", "NL"));
        Assert.Equal(Techniek("TP-OOST"), await ValueAsync("hbo-studenten-techniek", "TP-OOST"));
        Assert.Equal(1, versions.GetArrayLength());
        Assert.Equal("Hbo-studenten in de techniek.", versions[0].GetProperty("description").GetString());
        Assert.False(string.IsNullOrEmpty(versions[0].GetProperty("createdBy").GetString()));
        Assert.Contains("techniek", versions[0].GetProperty("definition").GetString());
        var audited = await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == "Indicator" && a.After!.Contains("hbo-studenten-techniek")));
        Assert.Equal(1, audited);
    }

    [Theory]
    [InlineData("nl", "20,75")]
    [InlineData("en", "20.75")]
    public async Task A_decimal_typed_the_readers_way_is_read_as_such_in_Dutch_and_English(string culture, string typed)
    {
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var name = $"Techniek gewogen {culture}";

        var response = await PostFormAsync(coordinator, NewPage, Required(name, typed));
        var page = await coordinator.GetStringAsync($"/beheer/indicatoren/techniek-gewogen-{culture}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(20.75 * Techniek("NL"), await ValueAsync($"techniek-gewogen-{culture}", "NL"), 6);
        // The new-version form shows the multiplier back as the reader types it.
        Assert.Equal(typed, Form.Read(page, "/")["Input.Multiplier"]);
    }

    [Fact]
    public async Task Messages_are_in_English_for_an_English_reader()
    {
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var fields = Required("");
        fields["Input.NameEn"] = "";

        var response = await PostFormAsync(coordinator, NewPage, fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Give a Dutch name.", html);
        Assert.Contains("Give an English name.", html);
        Assert.Contains("New indicator", html);
    }

    [Theory]
    [InlineData("Input.Definition.Numerator.Element", "bestaat-niet", "Er is geen gegevenselement 'bestaat-niet'")]
    [InlineData("Input.Code", "hbo-ingeschrevenen", "Er is al een indicator met code 'hbo-ingeschrevenen'")]
    [InlineData("Input.Definition.Multiplier", "twintig", "Ongeldige waarde ‘twintig’")]
    [InlineData("Input.Definition.Description", "", "Beschrijf de definitie in gewone taal.")]
    public async Task Bad_input_is_refused_at_its_field_and_changes_nothing(string field, string value, string message)
    {
        var coordinator = await SignInAsync(factory, Coordinator);
        var (indicators, versions) = (await IndicatorCountAsync(), await VersionCountAsync());
        var fields = Required("Foute indicator");
        fields[field] = value;

        var response = await PostFormAsync(coordinator, NewPage, fields);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, html);
        Assert.Contains("aria-invalid=\"true\"", html);
        Assert.Equal((indicators, versions), (await IndicatorCountAsync(), await VersionCountAsync()));
    }

    [Fact]
    public async Task A_new_version_needs_a_reason_refuses_an_unchanged_one_and_shows_the_history_with_what_changed()
    {
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(coordinator, NewPage, Required("Techniek versies"))).StatusCode);
        const string page = "/beheer/indicatoren/techniek-versies";
        var versions = await VersionCountAsync();

        // Unchanged, with a reason: nothing new to save.
        var unchanged = await Form.OpenAsync(coordinator, page);
        unchanged["Input.ValidFrom"] = "2024";
        unchanged["Input.Reason"] = "Geen reden.";
        var unchangedResponse = await unchanged.SubmitAsync(coordinator);
        // Changed, without a reason.
        var noReason = await Form.OpenAsync(coordinator, page);
        noReason["Input.Multiplier"] = "2";
        noReason["Input.ValidFrom"] = "2024";
        var noReasonResponse = await noReason.SubmitAsync(coordinator);
        Assert.Equal(versions, await VersionCountAsync());

        var changed = await Form.OpenAsync(coordinator, page);
        changed["Input.Multiplier"] = "2";
        changed["Input.ValidFrom"] = "2024";
        changed["Input.Reason"] = "Dubbel tellen voor de vergelijking.";
        var saved = await changed.SubmitAsync(coordinator);
        var history = WebUtility.HtmlDecode(await coordinator.GetStringAsync(page));

        Assert.Equal(HttpStatusCode.BadRequest, unchangedResponse.StatusCode);
        Assert.Contains("Er is niets veranderd", WebUtility.HtmlDecode(await unchangedResponse.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, noReasonResponse.StatusCode);
        Assert.Contains("Geef de reden voor deze nieuwe versie.", WebUtility.HtmlDecode(await noReasonResponse.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(versions + 1, await VersionCountAsync());
        Assert.Equal(2 * Techniek("NL"), await ValueAsync("techniek-versies", "NL"));
        Assert.Contains("Versie 2", history);
        Assert.Contains("Dubbel tellen voor de vergelijking.", history);
        Assert.Contains("Geldt vanaf 2024/2025", history);
        Assert.Matches(@"Vermenigvuldiger</th><td>1</td><td>2</td>", history);
        var version = await factory.InDbAsync(db => db.IndicatorVersions.SingleAsync(v => v.Version == 2 && v.Reason == "Dubbel tellen voor de vergelijking."));
        Assert.Equal("2024/2025", version.ValidFrom);
        Assert.False(string.IsNullOrEmpty(version.CreatedBy));
    }

    [Fact]
    public async Task Only_coordinators_reach_the_forms_and_a_member_changes_nothing()
    {
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        var anonymous = Anonymous(factory);
        var before = await IndicatorCountAsync();

        var memberPage = await member.GetAsync(NewPage);
        var memberList = await member.GetAsync("/beheer/indicatoren");
        var memberHistory = await member.GetAsync("/beheer/indicatoren/hbo-ingeschrevenen");
        var anonymousPage = await anonymous.GetAsync(NewPage);
        var memberPost = await member.PostAsync(NewPage, new FormUrlEncodedContent(Required("Van een lid")));

        // A signed-in reader without the right is sent to the page that says so; a visitor is asked to sign in.
        foreach (var refused in new[] { memberPage, memberList, memberHistory, memberPost })
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.StartsWith("/geen-toegang", refused.Headers.Location!.PathAndQuery());
        }
        Assert.Equal(HttpStatusCode.Redirect, anonymousPage.StatusCode);
        Assert.StartsWith("/inloggen", anonymousPage.Headers.Location!.PathAndQuery());
        Assert.Equal(before, await IndicatorCountAsync());
    }
}

internal static class LocationExtensions
{
    /// <summary>The path and query of a redirect, whether the server sent it absolute or relative.</summary>
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}

public sealed class IndicatorFormsTestsSqlite(SqliteFactory factory) : IndicatorFormsTests<SqliteFactory>(factory);
public sealed class IndicatorFormsTestsPostgres(PostgresFactory factory) : IndicatorFormsTests<PostgresFactory>(factory);
