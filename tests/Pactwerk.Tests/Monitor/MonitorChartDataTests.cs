using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Monitor;

/// <summary>
/// What the indicator page hands its charts: the regions with a figure before the empty ones, the
/// selected region named, and a sentence that says how many regions have no figure, counted another way.
/// </summary>
public abstract class MonitorChartDataTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static JsonElement ChartData(string html) =>
        JsonDocument.Parse(WebUtility.HtmlDecode(html.Split("<script type=\"application/json\" id=\"monitor-data\">")[1].Split("</script>")[0])).RootElement;

    [Fact]
    public async Task A_set_with_many_empty_municipalities_shows_those_with_figures_first_and_says_how_many_have_none()
    {
        var client = Anonymous(factory);
        var html = await client.GetStringAsync("/monitor/indicatoren/hbo-ingeschrevenen?regio=GM0193&indeling=gemeenten");
        var map = ChartData(html).GetProperty("map");
        var items = map.GetProperty("items").EnumerateArray().ToList();

        // Another way: the municipalities with a figure are those the values endpoint returns a number for.
        var values = await client.GetFromJsonAsync<JsonElement>($"/api/v1/monitor/values?indicator=hbo-ingeschrevenen&regionSet=gemeenten&period={map.GetProperty("period").GetString()}");
        var withFigure = values.EnumerateArray().Count(v => v.GetProperty("value").ValueKind == JsonValueKind.Number);
        var municipalities = await factory.InDbAsync(db => db.Regions.CountAsync(r => r.RegionSet.Code == "gemeenten" && r.ValidTo == null));
        var empty = municipalities - withFigure;

        Assert.True(withFigure > 0 && empty > 1, $"{withFigure} with a figure, {empty} without");
        Assert.Equal(municipalities, items.Count);
        Assert.All(items.Take(withFigure), i => Assert.Equal(JsonValueKind.Number, i.GetProperty("value").ValueKind));
        Assert.All(items.Skip(withFigure), i => Assert.Equal(JsonValueKind.Null, i.GetProperty("value").ValueKind));
        Assert.Equal(empty, map.GetProperty("empty").GetInt32());
        Assert.Contains($"{empty} regio&#x27;s zonder cijfers", html);
        Assert.Equal("GM0193", map.GetProperty("selected").GetString());

        var english = await client.GetStringAsync("/monitor/indicatoren/hbo-ingeschrevenen?regio=GM0193&indeling=gemeenten&culture=en");
        Assert.Contains($"{empty} regions without figures", english);
    }

    [Fact]
    public async Task A_set_where_every_region_has_a_figure_says_nothing_about_empty_regions()
    {
        var html = await Anonymous(factory).GetStringAsync("/monitor/indicatoren/hbo-aandeel-techniek?regio=TP-OOST&indeling=techniekpact-landsdelen");
        Assert.Equal(0, ChartData(html).GetProperty("map").GetProperty("empty").GetInt32());
        Assert.DoesNotContain("zonder cijfers", html);
    }
}

public sealed class MonitorChartDataTestsSqlite(SqliteFactory factory) : MonitorChartDataTests<SqliteFactory>(factory);
public sealed class MonitorChartDataTestsPostgres(PostgresFactory factory) : MonitorChartDataTests<PostgresFactory>(factory);
