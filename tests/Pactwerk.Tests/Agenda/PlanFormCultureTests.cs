using System.Net;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

/// <summary>
/// The plan editor's draft form as a coordinator fills it, in Dutch and in English: what the form shows is
/// read back as it was meant (Dutch reads "20.75" as 2075), an unchanged save changes nothing, and a decimal
/// typed the reader's way is saved exactly.
/// </summary>
public abstract class PlanFormCultureTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>An adopted plan whose goals hold decimals and a value with thousands, and the draft of its next revision, started on the plan page.</summary>
    private async Task<(int PlanId, HttpClient Coordinator)> DraftAsync(string culture)
    {
        var (indicator, region) = await factory.InDbAsync(async db => (
            await db.Indicators.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync(),
            await db.Regions.Where(r => r.Code == "TP-OOST").Select(r => r.Id).SingleAsync()));
        var (planId, _) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted, fill: r =>
        {
            r.Goals.Add(new IndicatorGoal { IndicatorId = indicator, RegionId = region, Kind = GoalKind.Baseline, PeriodStart = 2019, Value = 20.75 });
            r.Goals.Add(new IndicatorGoal { IndicatorId = indicator, RegionId = region, Kind = GoalKind.Target, PeriodStart = 2022, Value = 1234.5 });
        });
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        // The reader's language as the site's switch sets it: a cookie every later request carries.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var start = await Form.OpenAsync(coordinator, $"/plannen/{planId}", "StartNext");
        var started = await start.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        Assert.Equal($"/plannen/{planId}/herzieningen/2", started.Headers.Location!.OriginalString);
        return (planId, coordinator);
    }

    private Task<List<double>> DraftGoalsAsync(int planId) => factory.InDbAsync(db => db.IndicatorGoals
        .Where(g => g.PlanRevision.PlanId == planId && g.PlanRevision.Number == 2).OrderBy(g => g.PeriodStart).Select(g => g.Value).ToListAsync());

    private Task<int> DraftVersionAsync(int planId) => factory.InDbAsync(db =>
        db.PlanRevisions.Where(r => r.PlanId == planId && r.Number == 2).Select(r => r.Version).SingleAsync());

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Saving_the_draft_as_it_is_changes_nothing(string culture)
    {
        var (planId, coordinator) = await DraftAsync(culture);
        var version = await DraftVersionAsync(planId);

        var form = await Form.OpenAsync(coordinator, $"/plannen/{planId}/herzieningen/2", "Save");
        var saved = await form.SubmitAsync(coordinator);

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"an unchanged save answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        Assert.Equal([20.75, 1234.5], await DraftGoalsAsync(planId));
        Assert.Equal(version, await DraftVersionAsync(planId));
    }

    [Theory]
    [InlineData("nl", "20,75", "1234,5")]
    [InlineData("en", "20.75", "1234.5")]
    public async Task A_decimal_typed_the_readers_way_is_saved_exactly_and_shown_as_typed(string culture, string typed, string other)
    {
        var (planId, coordinator) = await DraftAsync(culture);
        var page = $"/plannen/{planId}/herzieningen/2";
        var form = await Form.OpenAsync(coordinator, page, "Save");
        Assert.Equal((typed, other), (form["Input.Goals[0].Value"], form["Input.Goals[1].Value"]));
        // The target moves from 1234.5 to 20.75: a change that needs a reason, so the form comes back first.
        form["Input.Goals[1].Value"] = typed;

        var refused = await form.SubmitAsync(coordinator);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var again = Form.Read(refusedPage, page, "Save");
        Assert.Equal((typed, typed), (again["Input.Goals[0].Value"], again["Input.Goals[1].Value"]));
        Assert.Equal([20.75, 1234.5], await DraftGoalsAsync(planId));

        foreach (var reason in again.Names.Where(n => n.EndsWith("].Reason", StringComparison.Ordinal)).ToList())
            again[reason] = "Bijgesteld na de nulmeting.";
        var saved = await again.SubmitAsync(coordinator);

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"the save answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        Assert.Equal([20.75, 20.75], await DraftGoalsAsync(planId));
        var reopened = await Form.OpenAsync(coordinator, page, "Save");
        Assert.Equal((typed, typed), (reopened["Input.Goals[0].Value"], reopened["Input.Goals[1].Value"]));
    }

    /// <summary>
    /// A decimal typed the other language's way: the framework's binder took the separator for thousands (Dutch 20.75 became
    /// 2075); now it is refused at its field with the way to write it, and nothing is written. Thousands that group (1.234,5
    /// in Dutch) still read as such.
    /// </summary>
    [Theory]
    [InlineData("nl", "20.75", "‘20.75’ is geen getal: schrijf decimalen met een komma, zoals 20,75.", "1.234,5")]
    [InlineData("en", "20,75", "‘20,75’ is not a number: write decimals with a point, such as 20.75.", "1,234.5")]
    public async Task A_decimal_typed_the_other_languages_way_is_refused_at_its_field_and_nothing_is_written(string culture, string typed, string message, string grouped)
    {
        var (planId, coordinator) = await DraftAsync(culture);
        var page = $"/plannen/{planId}/herzieningen/2";
        var version = await DraftVersionAsync(planId);
        var form = await Form.OpenAsync(coordinator, page, "Save");
        form["Input.Goals[0].Value"] = typed;
        form["Input.Goals[1].Value"] = grouped;

        var refused = await form.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains(message, html);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"field-error\""));
        Assert.Equal([20.75, 1234.5], await DraftGoalsAsync(planId));
        Assert.Equal(version, await DraftVersionAsync(planId));

        // Typed again the reader's way, with the grouped thousands as they were: an unchanged plan, so nothing is written.
        var again = Form.Read(await refused.Content.ReadAsStringAsync(), page, "Save");
        again["Input.Goals[0].Value"] = culture == "nl" ? "20,75" : "20.75";
        var saved = await again.SubmitAsync(coordinator);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"the save answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        Assert.Equal([20.75, 1234.5], await DraftGoalsAsync(planId));
        Assert.Equal(version, await DraftVersionAsync(planId));
    }
}

public sealed class PlanFormCultureTestsSqlite(SqliteFactory factory) : PlanFormCultureTests<SqliteFactory>(factory);
public sealed class PlanFormCultureTestsPostgres(PostgresFactory factory) : PlanFormCultureTests<PostgresFactory>(factory);
