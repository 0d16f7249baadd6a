using System.Net;
using System.Text.RegularExpressions;
using Pactwerk.Tests.Infrastructure;

namespace Pactwerk.Tests.Pages;

/// <summary>The public pages as a visitor gets them: status, language and what is on them.</summary>
public abstract partial class PagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Home_shows_both_pacts_their_landsdelen_and_leads_in_Dutch()
    {
        var html = await _client.GetStringAsync("/");

        Assert.Contains("<html lang=\"nl\">", html);
        Assert.Contains("Techniekpact", html);
        Assert.Contains("Zorgpact", html);
        foreach (var lead in new[] { "Cees Bijl", "Eddy van Hijum", "Pim van den Berg", "Said Kasmi", "Ton Wilthagen" })
            Assert.Contains(lead, html);
        Assert.Contains("href=\"/regio/TP-OOST\"", html);
        Assert.Contains("<dd>342</dd>", html);
        Assert.DoesNotContain("Referentiegegevens ontbreken", html);
    }

    [Fact]
    public async Task Region_page_of_Oost_names_its_two_provinces_and_76_municipalities()
    {
        var html = await _client.GetStringAsync("/regio/TP-OOST");

        Assert.Contains("76 gemeenten", html);
        Assert.Contains(">Overijssel</a>", html);
        Assert.Contains(">Gelderland</a>", html);
        Assert.Equal(76, MunicipalityLinks().Matches(html.Split("id=\"gemeenten\"")[1]).Count);
    }

    [Fact]
    public async Task Every_region_set_has_a_page_listing_its_regions()
    {
        var list = await _client.GetStringAsync("/regio-indelingen");
        var corop = await _client.GetStringAsync("/regio-indelingen/corop");

        foreach (var set in new[] { "gemeenten", "provincies", "corop", "arbeidsmarktregios", "techniekpact-landsdelen" })
            Assert.Contains($"href=\"/regio-indelingen/{set}\"", list);
        Assert.Contains("40 regio&#x27;s, samen 342 gemeenten.", corop);
    }

    [Fact]
    public async Task English_is_chosen_with_the_switch_and_remembered_in_a_cookie()
    {
        var client = factory.CreateClient(new() { HandleCookies = true });
        var home = await client.GetStringAsync("/");
        var token = AntiforgeryToken().Match(home).Groups[1].Value;

        var switched = await client.PostAsync("/taal", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["culture"] = "en", ["returnUrl"] = "/regio/TP-OOST", ["__RequestVerificationToken"] = token,
        }));
        var later = await client.GetStringAsync("/regio-indelingen");

        Assert.Equal(HttpStatusCode.OK, switched.StatusCode);
        Assert.Contains("<html lang=\"en\">", await switched.Content.ReadAsStringAsync());
        Assert.Contains("76 municipalities", await switched.Content.ReadAsStringAsync());
        Assert.Contains("Region sets", later);
    }

    [Fact]
    public async Task The_language_switch_refuses_a_post_without_antiforgery_token_and_foreign_return_addresses()
    {
        var forged = await _client.PostAsync("/taal", new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain(forged.Headers, h => h.Key == "Set-Cookie" && h.Value.Any(v => v.Contains("Culture")));
    }

    [Theory]
    [InlineData("/regio/XX999")]
    [InlineData("/regio-indelingen/planeten")]
    [InlineData("/bestaat/niet")]
    public async Task Unknown_addresses_get_a_proper_404_page(string url)
    {
        var response = await _client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Pagina niet gevonden", html);
        Assert.Contains("<main id=\"inhoud\"", html);
    }

    [GeneratedRegex("href=\"/regio/GM[0-9]{4}\"")]
    private static partial Regex MunicipalityLinks();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}

public sealed class PagesTestsSqlite(SqliteFactory factory) : PagesTests<SqliteFactory>(factory);
public sealed class PagesTestsPostgres(PostgresFactory factory) : PagesTests<PostgresFactory>(factory);
