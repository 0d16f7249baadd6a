using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

/// <summary>
/// The demo's objective 2 in Oost shows both sides of the effect view: indicators with a target path
/// and summed outputs. The sums are checked against the outputs added up straight from the database.
/// </summary>
public abstract class EffectDemoTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Objective_2_in_Oost_shows_indicators_against_their_target_path_beside_the_outputs_added_up_per_year()
    {
        var client = Anonymous(factory);
        var id = await factory.InDbAsync(db => db.Objectives.Where(o => o.Number == 2 && db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact"))
            .Select(o => o.Id).SingleAsync());
        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{id}/effect?region=TP-OOST");

        // Another way: every output of the objective's actions whose regions are Oost itself or lie in it, added up per year and unit.
        var expected = await factory.InDbAsync(async db =>
        {
            var oost = await db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Id).SingleAsync();
            var inOost = db.RegionMemberships.Where(m => m.RegionId == oost && m.ValidTo == null).Select(m => m.MunicipalityId);
            var outputs = await db.ActionOutputs
                .Where(o => o.Unit != OutputUnit.Other && db.PactActions.Any(a => a.Id == o.ActionId && a.Objectives.Any(x => x.ObjectiveId == id)
                    && a.Regions.Any(r => (db.RegionMemberships.Any(m => m.RegionId == r.RegionId && m.ValidTo == null) || inOost.Contains(r.RegionId))
                        && !db.RegionMemberships.Any(m => m.RegionId == r.RegionId && m.ValidTo == null && !inOost.Contains(m.MunicipalityId)))))
                .Select(o => new { o.Year, o.Unit, o.Quantity }).ToListAsync();
            return outputs.GroupBy(o => (o.Year, o.Unit)).OrderBy(g => g.Key.Year).ThenBy(g => g.Key.Unit)
                .Select(g => (g.Key.Year, g.Key.Unit.ToString(), g.Sum(o => o.Quantity))).ToList();
        });
        var sums = view.GetProperty("outputs").EnumerateArray()
            .Select(o => (o.GetProperty("year").GetInt32(), o.GetProperty("unit").GetString()!, o.GetProperty("quantity").GetDecimal())).ToList();

        Assert.NotEmpty(sums);
        Assert.Equal(expected, sums);
        // The demo's invented figures, by hand: 1,200 pupils in 2020 up to 1,950 in 2024.
        Assert.Contains((2020, "PupilsReached", 1200m), sums);
        Assert.Contains((2024, "PupilsReached", 1950m), sums);
        var share = view.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "hbo-aandeel-techniek");
        Assert.NotEqual(JsonValueKind.Null, share.GetProperty("plan").ValueKind);
        Assert.Contains(share.GetProperty("points").EnumerateArray(), p => p.GetProperty("value").ValueKind == JsonValueKind.Number
            && p.GetProperty("expected").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task The_effect_page_names_regions_not_codes_and_carries_the_chart_figures_and_says_they_are_demo_figures()
    {
        var client = Anonymous(factory);
        var html = await client.GetStringAsync("/pact/techniekpact/doelen/2/effect?regio=TP-OOST");

        Assert.Contains("Acht regionale pacts in Oost</a> <span class=\"muted\">· ", html);
        var actionLine = html.Split("Acht regionale pacts in Oost</a>")[1].Split("</li>")[0];
        Assert.Contains("Oost", actionLine);
        Assert.DoesNotContain("TP-OOST", actionLine);
        Assert.Contains("id=\"effect-data\"", html);
        Assert.Contains("data-effect-indicator=\"hbo-aandeel-techniek\"", html);
        Assert.Contains("data-effect-outputs", html);
        var outputs = await factory.InDbAsync(db => db.ActionOutputs.Where(o => db.PactActions.Any(a => a.Id == o.ActionId && a.Slug == "acht-regionale-pacts-oost"))
            .Select(o => new { o.Note, o.ReportedBy }).ToListAsync());
        Assert.All(outputs, o => Assert.Equal((DemoAgendaNote, "Demo (verzonnen)"), (o.Note, o.ReportedBy)));
    }

    private const string DemoAgendaNote = Web.Features.Demo.DemoAgenda.DemoFigure;
}

public sealed class EffectDemoTestsSqlite(SqliteFactory factory) : EffectDemoTests<SqliteFactory>(factory);
public sealed class EffectDemoTestsPostgres(PostgresFactory factory) : EffectDemoTests<PostgresFactory>(factory);
