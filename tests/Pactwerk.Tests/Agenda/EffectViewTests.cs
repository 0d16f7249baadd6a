using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

/// <summary>
/// The objectives and the effect view: sums of outputs checked against figures worked out by hand,
/// the actions counted for a region checked against a count over the region memberships, and the
/// indicator line checked against the monitor's own endpoints and the straight-line formula.
/// </summary>
public abstract class EffectViewTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>An objective of the Techniekpact with two actions of its own: one in Zwolle (Oost), one in landsdeel Noord.</summary>
    private async Task<int> ObjectiveWithOutputsAsync(int number) => await factory.InDbAsync(async db =>
    {
        var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
        var zwolle = await db.Regions.SingleAsync(r => r.Code == "GM0193");
        var noord = await db.Regions.SingleAsync(r => r.Code == "TP-NOORD");
        var objective = new Objective { PactId = pact.Id, Number = number, Title = $"Testdoel {number}", Description = "Voor de test." };
        PactAction Action(string slug, Web.Features.Regions.Region region, params (int Year, OutputUnit Unit, decimal Quantity)[] outputs)
        {
            var action = new PactAction
            {
                PactId = pact.Id, Slug = $"{slug}-{number}", Title = $"{slug} {number}", Summary = "Test.",
                StartsOn = new DateOnly(2024, 1, 1), Regions = [new ActionRegion { Region = region }], Objectives = [new ActionObjective { Objective = objective }],
                Outputs = outputs.Select(o => new ActionOutput { Year = o.Year, Unit = o.Unit, Quantity = o.Quantity, ReportedBy = "Test", ReportedAt = DateTime.UtcNow }).ToList(),
            };
            action.RecordIn(ActionStatus.Running);
            return action;
        }
        db.PactActions.AddRange(
            Action("zwolle", zwolle, (2024, OutputUnit.Participants, 15), (2025, OutputUnit.Certificates, 3), (2025, OutputUnit.Other, 1)),
            Action("noord", noord, (2024, OutputUnit.Participants, 7)));
        await db.SaveChangesAsync();
        return objective.Id;
    });

    private static List<(int Year, string Unit, decimal Quantity, int Actions)> Sums(JsonElement view) =>
        view.GetProperty("outputs").EnumerateArray()
            .Select(o => (o.GetProperty("year").GetInt32(), o.GetProperty("unit").GetString()!, o.GetProperty("quantity").GetDecimal(), o.GetProperty("actions").GetInt32()))
            .ToList();

    [Fact]
    public async Task The_effect_view_adds_up_the_outputs_of_the_actions_inside_the_region_and_leaves_other_units_out_of_the_sums()
    {
        var id = await ObjectiveWithOutputsAsync(91);
        var client = Anonymous(factory);

        var oost = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{id}/effect?region=TP-OOST");
        var country = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{id}/effect");
        var noordwest = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{id}/effect?region=tp-noordwest");

        // By hand: Zwolle lies in Oost (15 participants in 2024, 3 certificates in 2025); Noord adds 7 participants for the country.
        Assert.Equal([(2024, "Participants", 15m, 1), (2025, "Certificates", 3m, 1)], Sums(oost));
        Assert.Equal([(2024, "Participants", 22m, 2), (2025, "Certificates", 3m, 1)], Sums(country));
        Assert.Equal("NL", country.GetProperty("region").GetProperty("code").GetString());
        Assert.Empty(Sums(noordwest));
        Assert.Equal(["zwolle 91"], oost.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()).ToList());
    }

    [Fact]
    public async Task The_actions_counted_for_a_landsdeel_are_those_with_a_region_whose_municipalities_all_lie_in_it()
    {
        var client = Anonymous(factory);
        foreach (var number in new[] { 3, 4, 5 })
        {
            var id = await factory.InDbAsync(db => db.Objectives.Where(o => o.Number == number && db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact"))
                .Select(o => o.Id).SingleAsync());
            var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{id}/effect?region=TP-OOST");

            // Counted another way: no municipality of the action's region lies outside Oost (a municipality is its own region).
            var expected = await factory.InDbAsync(async db =>
            {
                var oost = await db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Id).SingleAsync();
                var inOost = db.RegionMemberships.Where(m => m.RegionId == oost && m.ValidTo == null).Select(m => m.MunicipalityId);
                return await db.PactActions
                    .Where(a => a.Objectives.Any(o => o.ObjectiveId == id))
                    .Where(a => a.Regions.Any(r =>
                        (db.RegionMemberships.Any(m => m.RegionId == r.RegionId && m.ValidTo == null) || inOost.Contains(r.RegionId))
                        && !db.RegionMemberships.Any(m => m.RegionId == r.RegionId && m.ValidTo == null && !inOost.Contains(m.MunicipalityId))))
                    .Select(a => a.Title).OrderBy(t => t).ToListAsync();
            });
            var actual = view.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected.Order(StringComparer.Ordinal), actual);
        }
    }

    [Fact]
    public async Task The_indicator_line_shows_the_monitor_values_beside_the_straight_line_from_baseline_to_target()
    {
        var client = Anonymous(factory);
        var id = await factory.InDbAsync(db => db.Objectives.Where(o => o.Number == 2 && db.Pacts.Any(p => p.Id == o.PactId && p.Code == "techniekpact"))
            .Select(o => o.Id).SingleAsync());

        var view = await client.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{id}/effect?region=TP-NOORD");
        var values = await client.GetFromJsonAsync<JsonElement>("/api/v1/monitor/values?indicator=hbo-aandeel-techniek&region=TP-NOORD");
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/monitor/status?indicator=hbo-aandeel-techniek&region=TP-NOORD");

        var track = view.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == "hbo-aandeel-techniek");
        var baseline = status.GetProperty("baseline").GetProperty("value").GetDouble();
        var target = status.GetProperty("target").GetProperty("value").GetDouble();
        Assert.Equal(status.GetProperty("plan").GetString(), track.GetProperty("plan").GetString());
        var points = track.GetProperty("points").EnumerateArray().ToList();
        Assert.Equal(values.GetArrayLength(), points.Count);
        foreach (var (point, value) in points.Zip(values.EnumerateArray()))
        {
            Assert.Equal(value.GetProperty("period").GetString(), point.GetProperty("period").GetString());
            Assert.Equal(value.GetProperty("value").GetDouble(), point.GetProperty("value").GetDouble());
            // Baseline 2020/2021, target 2024/2025: a quarter of the way per school year.
            var year = int.Parse(point.GetProperty("period").GetString()![..4]);
            Assert.Equal(baseline + (target - baseline) * (year - 2020) / 4.0, point.GetProperty("expected").GetDouble(), 3);
        }
        Assert.Equal(status.GetProperty("status").GetString(), points[^1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Objectives_are_listed_per_pact_and_bad_addresses_get_clear_answers()
    {
        var client = Anonymous(factory);

        var objectives = await client.GetFromJsonAsync<JsonElement>("/api/v1/pacts/zorgpact/objectives");
        var unknownPact = await client.GetAsync("/api/v1/pacts/bouwpact/objectives");
        var unknownObjective = await client.GetAsync("/api/v1/objectives/999999/effect");
        var id = objectives[0].GetProperty("id").GetInt32();
        var unknownRegion = await client.GetAsync($"/api/v1/objectives/{id}/effect?region=XX99");
        var page = await client.GetAsync("/pact/zorgpact/doelen/1/effect?regio=XX99");

        var expected = await factory.InDbAsync(db => db.Objectives.CountAsync(o => db.Pacts.Any(p => p.Id == o.PactId && p.Code == "zorgpact")));
        Assert.Equal(expected, objectives.GetArrayLength());
        Assert.Equal(DemoNumbers("zorgpact"), objectives.EnumerateArray().Select(o => o.GetProperty("number").GetInt32()).ToList());
        Assert.Equal(HttpStatusCode.NotFound, unknownPact.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownObjective.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownRegion.StatusCode);
        Assert.Contains("Er is geen regio met code 'XX99'", await unknownRegion.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("Er is geen regio met code", await page.Content.ReadAsStringAsync());
    }

    private static List<int> DemoNumbers(string pact) => Web.Features.Demo.DemoAgenda.Objectives.Where(o => o.PactCode == pact).Select(o => o.Number).ToList();

    [Fact]
    public async Task The_objectives_page_and_the_effect_page_show_the_figures_in_Dutch_and_English()
    {
        var id = await ObjectiveWithOutputsAsync(92);
        var client = Anonymous(factory);

        var list = await client.GetStringAsync("/pact/techniekpact/doelen");
        var effect = await client.GetStringAsync("/pact/techniekpact/doelen/92/effect?regio=TP-OOST");
        var effectEn = await client.GetStringAsync("/pact/techniekpact/doelen/92/effect?regio=TP-OOST&culture=en");

        Assert.Contains("Testdoel 92", list);
        Assert.Contains("Demo: deze doelen", list);
        Assert.Contains("Effect van doel 92 in Oost", effect);
        Assert.Contains("zwolle 92", effect);
        Assert.DoesNotContain("noord 92", effect);
        Assert.Contains(">15<", effect);
        Assert.Contains("Effect of objective 92 in Oost", effectEn);
    }
}

public sealed class EffectViewTestsSqlite(SqliteFactory factory) : EffectViewTests<SqliteFactory>(factory);
public sealed class EffectViewTestsPostgres(PostgresFactory factory) : EffectViewTests<PostgresFactory>(factory);
