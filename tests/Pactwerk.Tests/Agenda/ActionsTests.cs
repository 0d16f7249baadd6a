using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Audit;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

/// <summary>
/// Actions through the API and the pages: the status workflow, continuity risk around the horizon,
/// funding and outputs with their rights, the filters against an independent count, and bad input
/// that changes nothing. Every test makes the data it needs, whatever the demo holds.
/// </summary>
public abstract class ActionsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private DateOnly Today => DateOnly.FromDateTime(factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    private Task<int> IdOf(string slug) => factory.InDbAsync(db => db.PactActions.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());

    private static async Task<JsonElement> DetailAsync(HttpClient client, int id) => await client.GetFromJsonAsync<JsonElement>($"/api/v1/actions/{id}");

    /// <summary>An action written straight into the database, in a region of the Techniekpact.</summary>
    private Task<int> SeedAsync(PactwerkFactory app, ActionStatus status = ActionStatus.Running, DateOnly? startsOn = null, DateOnly? endsOn = null,
        string region = "TP-OOST", string? owner = null, PactActionKind kind = PactActionKind.Other, params (DateOnly Start, DateOnly End)[] funding) =>
        app.InDbAsync(async db =>
        {
            var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
            var regionId = await db.Regions.Where(r => r.Code == region && r.ValidTo == null).Select(r => r.Id).SingleAsync();
            int? ownerId = owner is null ? null : await db.Organisations.Where(o => o.Name == owner).Select(o => o.Id).SingleAsync();
            var action = new PactAction
            {
                PactId = pact.Id, Slug = $"test-{Guid.NewGuid():N}", Title = $"Testactie {Guid.NewGuid():N}"[..20], Summary = "Voor een test.", Kind = kind,
                StartsOn = startsOn ?? Today.AddYears(-1), EndsOn = endsOn, LeadOrganisationId = ownerId,
                Regions = [new ActionRegion { RegionId = regionId }],
                Funding = funding.Select((f, i) => new FundingSource { Funder = $"Fonds {i + 1}", Amount = 1000, StartsOn = f.Start, EndsOn = f.End }).ToList(),
            };
            action.RecordIn(status, status == ActionStatus.Stopped ? "Voor een test." : null);
            db.PactActions.Add(action);
            await db.SaveChangesAsync();
            return action.Id;
        });

    private static object NewAction(string title, string region = "TP-OOST", object? extra = null) => new
    {
        pact = "techniekpact", title, summary = "Een nieuwe actie.", kind = "Event", regions = new[] { region },
    };

    // ---- Status workflow through the API ----

    [Fact]
    public async Task Status_changes_through_the_API_follow_the_workflow_and_a_refused_move_changes_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await coordinator.PostAsJsonAsync("/api/v1/actions", NewAction("Workflowactie"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();

        async Task<HttpResponseMessage> MoveAsync(string status, string? reason = null)
        {
            var a = (await coordinator.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;
            return await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}", new
            {
                title = a.Title, summary = a.Summary, kind = a.Kind, regions = a.Regions.Select(r => r.Code), status, stopReason = reason, version = a.Version,
            });
        }
        Task<ActionStatus> StoredAsync() => factory.InDbAsync(db => db.PactActions.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());

        var skip = await MoveAsync("Completed");
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains("Een actie kan pas afgerond zijn als ze eerst heeft gelopen", await skip.Content.ReadAsStringAsync());
        Assert.Equal(ActionStatus.Idea, await StoredAsync());

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync("Running")).StatusCode);
        var noReason = await MoveAsync("Stopped");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Geef de reden waarom de actie stopt.", await noReason.Content.ReadAsStringAsync());
        Assert.Equal(ActionStatus.Running, await StoredAsync());

        Assert.Equal(HttpStatusCode.OK, (await MoveAsync("Completed")).StatusCode);
        var back = await MoveAsync("Running");
        Assert.Equal(HttpStatusCode.BadRequest, back.StatusCode);
        Assert.Contains("al afgesloten", await back.Content.ReadAsStringAsync());
        Assert.Equal(ActionStatus.Completed, await StoredAsync());
    }

    // ---- Continuity risk ----

    [Fact]
    public async Task Stopping_an_action_without_an_end_date_ends_it_today()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await SeedAsync(factory, startsOn: Today.AddYears(-3));
        var a = (await coordinator.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;

        var stop = await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}", new
        {
            title = a.Title, summary = a.Summary, kind = a.Kind, regions = a.Regions.Select(r => r.Code), status = "Stopped", stopReason = "De subsidie stopte.",
            startsOn = Today.AddYears(-3), version = a.Version,
        });

        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal(Today, await factory.InDbAsync(db => db.PactActions.Where(x => x.Id == id).Select(x => x.EndsOn).SingleAsync()));
    }

    [Fact]
    public async Task Continuity_risk_is_flagged_up_to_and_including_the_horizon_and_lifted_by_follow_up_funding()
    {
        var today = Today;
        var horizon = today.AddMonths(12);
        var start = today.AddYears(-1);
        var onHorizon = await SeedAsync(factory, funding: (start, horizon));
        var dayLater = await SeedAsync(factory, funding: (start, horizon.AddDays(1)));
        var followedUp = await SeedAsync(factory, funding: [(start, today.AddMonths(3)), (today.AddMonths(3).AddDays(1), today.AddYears(4))]);
        var gap = await SeedAsync(factory, funding: [(start, today.AddMonths(3)), (today.AddMonths(3).AddDays(2), today.AddYears(4))]);
        var completed = await SeedAsync(factory, ActionStatus.Completed, funding: (start, today.AddMonths(3)));
        var client = Anonymous(factory);

        async Task<bool> AtRisk(int id) => (await DetailAsync(client, id)).GetProperty("atRisk").GetBoolean();

        Assert.True(await AtRisk(onHorizon));
        Assert.False(await AtRisk(dayLater));
        Assert.False(await AtRisk(followedUp));
        Assert.True(await AtRisk(gap));
        Assert.False(await AtRisk(completed));
        var source = (await DetailAsync(client, gap)).GetProperty("riskSource");
        Assert.Equal(("Fonds 1", today.AddMonths(3).ToString("yyyy-MM-dd")), (source.GetProperty("funder").GetString(), source.GetProperty("endsOn").GetString()));

        var listed = (await client.GetFromJsonAsync<List<JsonElement>>("/api/v1/actions?atRisk=true"))!.Select(a => a.GetProperty("id").GetInt32()).ToHashSet();
        Assert.Superset(new HashSet<int> { onHorizon, gap }, listed);
        Assert.DoesNotContain(dayLater, listed);
        Assert.DoesNotContain(followedUp, listed);
        Assert.DoesNotContain(completed, listed);

        var page = await client.GetStringAsync($"/initiatieven/{gap}");
        Assert.Contains($"Continuïteitsrisico: de financiering van Fonds 1 loopt af op {today.AddMonths(3).ToString("d MMMM yyyy", new System.Globalization.CultureInfo("nl"))}", page);
        Assert.DoesNotContain("Continuïteitsrisico:", await client.GetStringAsync($"/initiatieven/{followedUp}"));
    }

    [Fact]
    public async Task A_configured_horizon_of_six_months_is_used()
    {
        await using var app = (TFactory)Activator.CreateInstance(typeof(TFactory))!;
        app.With("Agenda:ContinuityHorizonMonths", "6");
        var client = Anonymous(app);
        var today = Today;
        var sixMonths = await SeedAsync(app, funding: (today.AddYears(-1), today.AddMonths(6)));
        var dayLater = await SeedAsync(app, funding: (today.AddYears(-1), today.AddMonths(6).AddDays(1)));
        var twelve = await SeedAsync(app, funding: (today.AddYears(-1), today.AddMonths(12)));

        Assert.True((await DetailAsync(client, sixMonths)).GetProperty("atRisk").GetBoolean());
        Assert.False((await DetailAsync(client, dayLater)).GetProperty("atRisk").GetBoolean());
        Assert.False((await DetailAsync(client, twelve)).GetProperty("atRisk").GetBoolean());
        Assert.Contains("binnen 6 maanden", await client.GetStringAsync($"/initiatieven/{sixMonths}"));
    }

    // ---- Funding ----

    [Fact]
    public async Task Funding_is_added_changed_and_removed_by_an_editor_and_every_change_is_audited()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await SeedAsync(factory);

        var added = await lead.PostAsJsonAsync($"/api/v1/actions/{id}/funding", new { funder = "Regionaal Investeringsfonds mbo", amount = 250000, startsOn = "2024-01-01", endsOn = "2027-12-31" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var addedJson = await added.ReadAsync<JsonElement>();
        var fundingId = addedJson.GetProperty("id").GetInt32();
        Assert.Equal(0, addedJson.GetProperty("version").GetInt32());
        var changed = await lead.PutAsJsonAsync($"/api/v1/actions/{id}/funding/{fundingId}", new { funder = "RIF mbo", amount = 300000, startsOn = "2024-01-01", endsOn = "2028-06-30", version = 0 });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(1, (await changed.ReadAsync<JsonElement>()).GetProperty("version").GetInt32());
        var stored = await factory.InDbAsync(db => db.FundingSources.AsNoTracking().SingleAsync(f => f.Id == fundingId));
        Assert.Equal(("RIF mbo", 300000m, new DateOnly(2028, 6, 30), 1), (stored.Funder, stored.Amount, stored.EndsOn, stored.Version));
        Assert.Equal(1, (await DetailAsync(lead, id)).GetProperty("funding")[0].GetProperty("version").GetInt32());
        var removed = await lead.DeleteAsync($"/api/v1/actions/{id}/funding/{fundingId}?version=1");
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);

        Assert.False(await factory.InDbAsync(db => db.FundingSources.AnyAsync(f => f.Id == fundingId)));
        var audit = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(FundingSource) && a.EntityId == fundingId.ToString())
            .OrderBy(a => a.Id).Select(a => a.Action + "|" + a.Actor).ToListAsync());
        Assert.Equal(["Created|Eddy van Hijum (demo)", "Updated|Eddy van Hijum (demo)", "Deleted|Eddy van Hijum (demo)"], audit);
    }

    [Theory]
    [InlineData(-1, "2024-01-01", "2025-01-01", "Het bedrag is 0 euro of meer")]
    [InlineData(1000, "2025-01-01", "2024-12-31", "De financiering kan niet eindigen voordat ze begint.")]
    [InlineData(1000, null, "2024-12-31", "Geef de begindatum van de financiering.")]
    // numeric(14,2) holds less than a trillion: the limit is checked before PostgreSQL would overflow.
    [InlineData(1_000_000_000_000, "2024-01-01", "2025-01-01", "minder dan een biljoen")]
    public async Task Bad_funding_gets_a_clear_400_and_changes_nothing(decimal amount, string? start, string end, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await SeedAsync(factory, funding: (new DateOnly(2020, 1, 1), new DateOnly(2030, 1, 1)));
        var fundingId = await factory.InDbAsync(db => db.FundingSources.Where(f => f.ActionId == id).Select(f => f.Id).SingleAsync());
        var before = await factory.InDbAsync(db => db.FundingSources.AsNoTracking().Where(f => f.ActionId == id).Select(f => new { f.Funder, f.Amount, f.StartsOn, f.EndsOn }).ToListAsync());
        var body = new { funder = "Fonds", amount, startsOn = start, endsOn = end, version = 0 };

        var add = await coordinator.PostAsJsonAsync($"/api/v1/actions/{id}/funding", body);
        var change = await coordinator.PutAsJsonAsync($"/api/v1/actions/{id}/funding/{fundingId}", body);
        var form = await PostFormAsync(coordinator, $"/initiatieven/{id}?handler=Funding", new()
        {
            ["Funding.Funder"] = "Fonds", ["Funding.Amount"] = amount.ToString(new System.Globalization.CultureInfo("nl")), ["Funding.StartsOn"] = start ?? "", ["Funding.EndsOn"] = end,
        }, $"/initiatieven/{id}");

        foreach (var response in new[] { add, change, form })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(before, await factory.InDbAsync(db => db.FundingSources.AsNoTracking().Where(f => f.ActionId == id).Select(f => new { f.Funder, f.Amount, f.StartsOn, f.EndsOn }).ToListAsync()));
    }

    // ---- Outputs ----

    [Fact]
    public async Task A_partner_editor_reports_outputs_for_their_own_organisations_action_only()
    {
        var editor = await SignInAsync(factory, "redacteur@hva.demo");
        var makeItWork = await IdOf("make-it-work");
        var gas = await IdOf("gas-2-0");
        // The demo may or may not give these a period; the test gives them one.
        await factory.InDbAsync(db => db.PactActions.Where(a => a.Id == makeItWork || a.Id == gas)
            .ExecuteUpdateAsync(s => s.SetProperty(a => a.StartsOn, new DateOnly(2017, 1, 1)).SetProperty(a => a.EndsOn, (DateOnly?)null)));
        var gasOutputs = await factory.InDbAsync(db => db.ActionOutputs.CountAsync(o => o.ActionId == gas));
        var name = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "redacteur@hva.demo").Select(u => u.DisplayName).SingleAsync());

        var own = await editor.PostAsJsonAsync($"/api/v1/actions/{makeItWork}/outputs", new { year = 2019, unit = "CompaniesInvolved", quantity = 85, note = "aangesloten werkgevers" });
        var other = await editor.PostAsJsonAsync($"/api/v1/actions/{gas}/outputs", new { year = 2019, unit = "Participants", quantity = 10 });

        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
        var id = (await own.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();
        var stored = await factory.InDbAsync(db => db.ActionOutputs.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal((makeItWork, 2019, OutputUnit.CompaniesInvolved, 85m, name), (stored.ActionId, stored.Year, stored.Unit, stored.Quantity, stored.ReportedBy));
        Assert.True(Math.Abs((DateTime.UtcNow - DateTime.SpecifyKind(stored.ReportedAt, DateTimeKind.Utc)).TotalMinutes) < 5);
        Assert.Equal(gasOutputs, await factory.InDbAsync(db => db.ActionOutputs.CountAsync(o => o.ActionId == gas)));
    }

    [Theory]
    [InlineData(2019, 5, "Het jaar 2019 valt buiten de looptijd van de actie (2020–2022)")]
    [InlineData(2023, 5, "Het jaar 2023 valt buiten de looptijd van de actie (2020–2022)")]
    [InlineData(2021, -1, "Het aantal is 0 of meer")]
    public async Task Bad_outputs_get_a_clear_400_and_change_nothing(int year, decimal quantity, string message)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await SeedAsync(factory, startsOn: new DateOnly(2020, 3, 1), endsOn: new DateOnly(2022, 8, 31));

        var api = await coordinator.PostAsJsonAsync($"/api/v1/actions/{id}/outputs", new { year, unit = "Participants", quantity });
        var form = await PostFormAsync(coordinator, $"/initiatieven/{id}?handler=Output", new()
        {
            ["Output.Year"] = year.ToString(), ["Output.Unit"] = "Participants", ["Output.Quantity"] = quantity.ToString(new System.Globalization.CultureInfo("nl")),
        }, $"/initiatieven/{id}");

        foreach (var response in new[] { api, form })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
        Assert.Equal(0, await factory.InDbAsync(db => db.ActionOutputs.CountAsync(o => o.ActionId == id)));
    }

    [Fact]
    public async Task Overdue_reports_show_to_the_actions_editors_on_the_action_page_the_API_and_the_account_page_and_to_no_one_else()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var other = await SignInAsync(factory, "noord@techniekpact.demo");
        var start = new DateOnly(Today.Year - 3, 1, 1);
        var id = await SeedAsync(factory, startsOn: start);
        await factory.InDbAsync(async db =>
        {
            db.ActionOutputs.Add(new ActionOutput { ActionId = id, Year = start.Year + 1, Unit = OutputUnit.Participants, Quantity = 12, ReportedBy = "test" });
            return await db.SaveChangesAsync();
        });
        var title = await factory.InDbAsync(db => db.PactActions.Where(a => a.Id == id).Select(a => a.Title).SingleAsync());
        // Independently: every year from the start to last year is due by 1 April of the year after; one was reported.
        var expected = Enumerable.Range(start.Year, Today.Year - start.Year).Where(y => y != start.Year + 1 && new DateOnly(y + 1, 4, 1) < Today).ToList();

        var forLead = (await DetailAsync(lead, id)).GetProperty("overdueYears").EnumerateArray().Select(y => y.GetInt32()).ToList();
        var forOther = (await DetailAsync(other, id)).GetProperty("overdueYears").GetArrayLength();
        var forAnonymous = (await DetailAsync(Anonymous(factory), id)).GetProperty("overdueYears").GetArrayLength();

        Assert.Equal(expected, forLead);
        Assert.NotEmpty(expected);
        Assert.Equal((0, 0), (forOther, forAnonymous));
        Assert.Contains("Achterstallige rapportages: voor " + string.Join(", ", expected), await lead.GetStringAsync($"/initiatieven/{id}"));
        Assert.DoesNotContain("Achterstallige rapportages:", await other.GetStringAsync($"/initiatieven/{id}"));
        var account = await lead.GetStringAsync("/account");
        Assert.Contains("Achterstallige rapportages", account);
        Assert.Contains($"{title}</a>: resultaten over {string.Join(", ", expected)} ontbreken", account);
        Assert.DoesNotContain(title, await other.GetStringAsync("/account"));
    }

    [Fact]
    public async Task A_stale_funding_version_gets_409_with_what_changed_and_a_missing_version_a_400_and_nothing_is_lost()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await SeedAsync(factory, funding: (new DateOnly(2024, 1, 1), new DateOnly(2030, 12, 31)));
        var fundingId = await factory.InDbAsync(db => db.FundingSources.Where(f => f.ActionId == id).Select(f => f.Id).SingleAsync());
        var url = $"/api/v1/actions/{id}/funding/{fundingId}";
        object Body(string funder, int? version) => new { funder, amount = 1000, startsOn = "2024-01-01", endsOn = "2030-12-31", version };

        // Both open version 0; the lead saves first.
        Assert.Equal(HttpStatusCode.OK, (await lead.PutAsJsonAsync(url, Body("Fonds van de regio", 0))).StatusCode);
        var after = await factory.InDbAsync(db => db.FundingSources.AsNoTracking().SingleAsync(f => f.Id == fundingId));
        var lost = await coordinator.PutAsJsonAsync(url, Body("Fonds van het land", 0));
        var staleRemoval = await coordinator.DeleteAsync(url + "?version=0");
        var noVersion = await coordinator.PutAsJsonAsync(url, Body("Fonds zonder versie", null));
        var removalWithoutVersion = await coordinator.DeleteAsync(url);

        Assert.Equal(HttpStatusCode.Conflict, lost.StatusCode);
        var conflict = await lost.ReadAsync<JsonElement>();
        Assert.Contains("na versie 0", conflict.GetProperty("detail").GetString());
        Assert.Equal(("Fonds van de regio", 1), (conflict.GetProperty("current").GetProperty("funder").GetString(), conflict.GetProperty("current").GetProperty("version").GetInt32()));
        var change = conflict.GetProperty("changes").EnumerateArray().Single();
        Assert.Equal(("Fonds 1", "Fonds van de regio"), (change.GetProperty("before").GetProperty("Funder").GetString(), change.GetProperty("after").GetProperty("Funder").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, staleRemoval.StatusCode);
        foreach (var response in new[] { noVersion, removalWithoutVersion })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(ActionRecordsEditor.VersionMissing, await response.Content.ReadAsStringAsync());
        }
        var now = await factory.InDbAsync(db => db.FundingSources.AsNoTracking().SingleAsync(f => f.Id == fundingId));
        Assert.Equal((after.Funder, after.Amount, after.Version), (now.Funder, now.Amount, now.Version));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityType == nameof(FundingSource) && a.EntityId == fundingId.ToString() && a.Action == "Updated")));
    }

    [Fact]
    public async Task The_funding_form_carries_the_version_and_a_stale_form_shows_what_changed_and_saves_nothing()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await SeedAsync(factory, funding: (new DateOnly(2024, 1, 1), new DateOnly(2030, 12, 31)));
        var fundingId = await factory.InDbAsync(db => db.FundingSources.Where(f => f.ActionId == id).Select(f => f.Id).SingleAsync());
        var form = await lead.GetStringAsync($"/initiatieven/{id}?fundingId={fundingId}");
        Assert.Contains("name=\"Funding.Version\" value=\"0\"", form);
        Assert.Contains("name=\"version\" value=\"0\"", form);
        // Someone else changes it after the form was opened.
        await lead.PutAsJsonAsync($"/api/v1/actions/{id}/funding/{fundingId}", new { funder = "Intussen gewijzigd fonds", amount = 5, startsOn = "2024-01-01", endsOn = "2030-12-31", version = 0 });

        var stale = await PostFormAsync(lead, $"/initiatieven/{id}?handler=Funding", new()
        {
            ["FundingId"] = fundingId.ToString(), ["Funding.Version"] = "0", ["Funding.Funder"] = "Mijn fonds", ["Funding.Amount"] = "7",
            ["Funding.StartsOn"] = "2024-01-01", ["Funding.EndsOn"] = "2030-12-31",
        }, $"/initiatieven/{id}");
        var staleRemove = await PostFormAsync(lead, $"/initiatieven/{id}?handler=RemoveFunding&fundingId={fundingId}", new() { ["version"] = "0" }, $"/initiatieven/{id}");

        foreach (var response in new[] { stale, staleRemove })
        {
            Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
            var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Iemand anders was je voor", html);
            Assert.Contains("Intussen gewijzigd fonds", html);
        }
        var stored = await factory.InDbAsync(db => db.FundingSources.AsNoTracking().SingleAsync(f => f.Id == fundingId));
        Assert.Equal(("Intussen gewijzigd fonds", 5m, 1), (stored.Funder, stored.Amount, stored.Version));
    }

    [Fact]
    public async Task Reporting_again_for_the_same_year_and_unit_corrects_the_figure_and_the_effect_view_counts_it_once()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await SeedAsync(factory, startsOn: new DateOnly(2017, 1, 1));
        var objective = await PlanData.ObjectiveAsync(factory, 96, "Doel voor correcties");
        await factory.InDbAsync(db => { db.Set<ActionObjective>().Add(new ActionObjective { ActionId = id, ObjectiveId = objective }); return db.SaveChangesAsync(); });
        var url = $"/api/v1/actions/{id}/outputs";
        var participants = await lead.PostAsJsonAsync(url, new { year = 2018, unit = "Participants", quantity = 12 });

        var first = await lead.PostAsJsonAsync(url, new { year = 2018, unit = "CompaniesInvolved", quantity = 85, note = "eerste telling" });
        var correction = await lead.PostAsJsonAsync(url, new { year = 2018, unit = "CompaniesInvolved", quantity = 90, note = "nageteld" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.OK), (participants.StatusCode, first.StatusCode, correction.StatusCode));
        var (made, corrected) = (await first.ReadAsync<JsonElement>(), await correction.ReadAsync<JsonElement>());
        Assert.False(made.GetProperty("corrected").GetBoolean());
        Assert.Equal((true, 85m, 90m), (corrected.GetProperty("corrected").GetBoolean(), corrected.GetProperty("previousQuantity").GetDecimal(), corrected.GetProperty("quantity").GetDecimal()));
        Assert.Equal(made.GetProperty("id").GetInt32(), corrected.GetProperty("id").GetInt32());
        var stored = await factory.InDbAsync(db => db.ActionOutputs.AsNoTracking().Where(o => o.ActionId == id).OrderBy(o => o.Unit).ToListAsync());
        Assert.Equal([(OutputUnit.CompaniesInvolved, 90m, "nageteld"), (OutputUnit.Participants, 12m, (string?)null)], stored.Select(o => (o.Unit, o.Quantity, o.Note)).ToList());
        Assert.Equal("Eddy van Hijum (demo)", stored[0].ReportedBy);
        var outputId = stored[0].Id.ToString();
        Assert.Equal(["Created", "Updated"], await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ActionOutput) && a.EntityId == outputId)
            .OrderBy(a => a.Id).Select(a => a.Action).ToListAsync()));

        // The effect view sums 90 companies, not 85 + 90; the participants are untouched.
        var effect = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{objective}/effect?region=TP-OOST");
        var sums = effect.GetProperty("outputs").EnumerateArray().Select(o => (o.GetProperty("year").GetInt32(), o.GetProperty("unit").GetString(), o.GetProperty("quantity").GetDecimal())).ToList();
        Assert.Equal([(2018, "Participants", 12m), (2018, "CompaniesInvolved", 90m)], sums.OrderByDescending(x => x.Item2).ToList());

        // The form says it replaced the earlier figure.
        var form = await PostFormAsync(lead, $"/initiatieven/{id}?handler=Output", new() { ["Output.Year"] = "2018", ["Output.Unit"] = "CompaniesInvolved", ["Output.Quantity"] = "91" },
            $"/initiatieven/{id}");
        Assert.Equal(HttpStatusCode.Redirect, form.StatusCode);
        var page = System.Net.WebUtility.HtmlDecode(await lead.GetStringAsync(form.Headers.Location!.OriginalString));
        Assert.Contains("Gecorrigeerd: betrokken bedrijven in 2018 is nu 91", page);
        Assert.Equal(2, await factory.InDbAsync(db => db.ActionOutputs.CountAsync(o => o.ActionId == id)));
    }

    [Fact]
    public async Task An_editor_removes_a_wrongly_reported_output_through_the_API_or_the_page_and_others_may_not()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var noord = await SignInAsync(factory, "noord@techniekpact.demo");
        var id = await SeedAsync(factory, startsOn: new DateOnly(2017, 1, 1));
        var ids = await factory.InDbAsync(async db =>
        {
            var outputs = new[] { OutputUnit.Participants, OutputUnit.Certificates, OutputUnit.Cohorts }
                .Select(u => new ActionOutput { ActionId = id, Year = 2019, Unit = u, Quantity = 3, ReportedBy = "Test" }).ToList();
            db.ActionOutputs.AddRange(outputs);
            await db.SaveChangesAsync();
            return outputs.Select(o => o.Id).ToList();
        });
        Task<List<int>> RemainingAsync() => factory.InDbAsync(db => db.ActionOutputs.Where(o => o.ActionId == id).OrderBy(o => o.Id).Select(o => o.Id).ToListAsync());

        var refused = await noord.DeleteAsync($"/api/v1/actions/{id}/outputs/{ids[0]}");
        var unknown = await lead.DeleteAsync($"/api/v1/actions/{id}/outputs/987654");
        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.NotFound), (refused.StatusCode, unknown.StatusCode));
        Assert.Contains("heeft geen resultaat met nummer 987654", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(ids, await RemainingAsync());

        var removed = await lead.DeleteAsync($"/api/v1/actions/{id}/outputs/{ids[0]}");
        var page = await lead.GetStringAsync($"/initiatieven/{id}");
        Assert.Contains($"outputId={ids[1]}", page);
        var byForm = await PostFormAsync(lead, $"/initiatieven/{id}?handler=RemoveOutput&outputId={ids[1]}", [], $"/initiatieven/{id}");

        Assert.Equal((HttpStatusCode.NoContent, HttpStatusCode.Redirect), (removed.StatusCode, byForm.StatusCode));
        Assert.Equal([ids[2]], await RemainingAsync());
        var audit = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(ActionOutput) && a.Action == "Deleted"
            && (a.EntityId == ids[0].ToString() || a.EntityId == ids[1].ToString())).Select(a => a.Actor).ToListAsync());
        Assert.Equal(["Eddy van Hijum (demo)", "Eddy van Hijum (demo)"], audit);
        Assert.DoesNotContain("RemoveOutput", await noord.GetStringAsync($"/initiatieven/{id}"));
    }

    // ---- Scope and unknown references ----

    [Fact]
    public async Task The_lead_of_Oost_cannot_edit_or_create_an_action_in_Noord_and_nothing_changes()
    {
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var id = await SeedAsync(factory);
        var before = (await lead.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;
        var count = await factory.InDbAsync(db => db.PactActions.CountAsync());

        var edit = await lead.PutAsJsonAsync($"/api/v1/actions/{id}", before.Edit(region: "TP-NOORD"));
        var create = await lead.PostAsJsonAsync("/api/v1/actions", NewAction("In Noord", "TP-NOORD"));

        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Contains("Je mag geen acties beheren in Noord", await edit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("Je mag geen acties beheren in Noord", await create.Content.ReadAsStringAsync());
        Assert.Equal(before.Snapshot(), (await lead.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!.Snapshot());
        Assert.Equal(count, await factory.InDbAsync(db => db.PactActions.CountAsync()));
    }

    [Fact]
    public async Task Unknown_objectives_and_organisations_are_refused_by_name_and_nothing_changes()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await SeedAsync(factory);
        var before = (await coordinator.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!;
        var body = before.Edit(title: "Gewijzigd");
        string Json(object extra) => JsonSerializer.Serialize(body).TrimEnd('}') + "," + JsonSerializer.Serialize(extra).TrimStart('{');

        var objective = await coordinator.PutAsync($"/api/v1/actions/{id}", new StringContent(Json(new { objectives = new[] { 999 } }), System.Text.Encoding.UTF8, "application/json"));
        var owner = await coordinator.PutAsync($"/api/v1/actions/{id}", new StringContent(Json(new { leadOrganisationId = 999999 }).Replace($"\"leadOrganisationId\":null,", ""), System.Text.Encoding.UTF8, "application/json"));
        var partner = await coordinator.PutAsync($"/api/v1/actions/{id}", new StringContent(Json(new { partners = new[] { new { organisationId = 888888, role = "x" } } }), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, objective.StatusCode);
        Assert.Contains("Dit pact heeft geen doel met nummer 999.", await objective.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, owner.StatusCode);
        Assert.Contains("Er is geen organisatie met nummer 999999.", await owner.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, partner.StatusCode);
        Assert.Contains("Er is geen organisatie met nummer 888888.", await partner.Content.ReadAsStringAsync());
        Assert.Equal(before.Snapshot(), (await coordinator.GetFromJsonAsync<ActionJson>($"/api/v1/actions/{id}"))!.Snapshot());
    }

    // ---- Creating and editing with the forms ----

    [Fact]
    public async Task A_coordinator_creates_an_action_with_the_form_and_a_bad_form_saves_nothing_and_says_where()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var hva = await factory.InDbAsync(db => db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync());
        var count = await factory.InDbAsync(db => db.PactActions.CountAsync());
        Dictionary<string, string> Form(string title, string budget, string ends) => new()
        {
            ["Pact"] = "techniekpact", ["Input.Title"] = title, ["Input.Summary"] = "Via het formulier.", ["Input.Kind"] = "TrainingProgramme",
            ["Input.Status"] = "Running", ["Input.LeadOrganisationId"] = hva.ToString(), ["RegionCodes"] = "GM0363, TP-OOST",
            ["Input.Partners[0].OrganisationId"] = hva.ToString(), ["Input.Partners[0].Role"] = "levert docenten", ["Input.Partners[1].OrganisationId"] = "0",
            ["Input.StartsOn"] = "2024-09-01", ["Input.EndsOn"] = ends, ["Input.Budget"] = budget,
        };

        var bad = await PostFormAsync(coordinator, "/initiatieven/nieuw?pact=techniekpact", Form("Formulieractie", "veel", "2023-01-01"));
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("id=\"fout-Budget\"", badHtml);
        Assert.Equal(count, await factory.InDbAsync(db => db.PactActions.CountAsync()));
        var endsBeforeStart = await PostFormAsync(coordinator, "/initiatieven/nieuw?pact=techniekpact", Form("Formulieractie", "1234,5", "2023-01-01"));
        Assert.Equal(HttpStatusCode.BadRequest, endsBeforeStart.StatusCode);
        Assert.Contains("<p class=\"field-error\" id=\"fout-EndsOn\">De actie kan niet eindigen voordat ze begint.</p>", await endsBeforeStart.Content.ReadAsStringAsync());

        var good = await PostFormAsync(coordinator, "/initiatieven/nieuw?pact=techniekpact", Form("Formulieractie", "1234,5", "2026-07-31"));

        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var id = int.Parse(good.Headers.Location!.OriginalString.Split('/').Last());
        var a = await factory.InDbAsync(db => db.PactActions.AsNoTracking().Include(x => x.Regions).ThenInclude(r => r.Region).Include(x => x.Partners).SingleAsync(x => x.Id == id));
        Assert.Equal(("Formulieractie", ActionStatus.Running, 1234.5m, hva, new DateOnly(2026, 7, 31)), (a.Title, a.Status, a.Budget!.Value, a.LeadOrganisationId!.Value, a.EndsOn!.Value));
        Assert.Equal(["GM0363", "TP-OOST"], a.Regions.Select(r => r.Region.Code).Order());
        Assert.Equal("levert docenten", Assert.Single(a.Partners).Role);
    }

    [Fact]
    public async Task The_edit_form_in_English_shows_the_error_in_English_at_its_field()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var id = await SeedAsync(factory);
        var version = await factory.InDbAsync(db => db.PactActions.Where(a => a.Id == id).Select(a => a.Version).SingleAsync());

        var response = await PostFormAsync(coordinator, $"/initiatieven/{id}/bewerken?culture=en", new()
        {
            ["Input.Version"] = version.ToString(), ["Input.Title"] = "", ["Input.Summary"] = "x", ["Input.Kind"] = "Event", ["RegionCodes"] = "TP-OOST",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<p class=\"field-error\" id=\"fout-Title\">Give a title.</p>", await response.Content.ReadAsStringAsync());
        Assert.NotEqual("", await factory.InDbAsync(db => db.PactActions.Where(a => a.Id == id).Select(a => a.Title).SingleAsync()));
    }

    // ---- Filters against an independent count ----

    /// <summary>Per region, its current municipalities (a municipality is its own), straight from the tables.</summary>
    private static async Task<Dictionary<int, HashSet<int>>> MunicipalitiesAsync(PactwerkDb db)
    {
        var members = await db.RegionMemberships.Where(m => m.ValidTo == null).Select(m => new { m.RegionId, m.MunicipalityId }).ToListAsync();
        var municipalities = await db.Regions.Where(r => r.RegionSet.Kind == Web.Features.Regions.RegionSetKind.Municipalities).Select(r => r.Id).ToListAsync();
        var all = members.GroupBy(m => m.RegionId).ToDictionary(g => g.Key, g => g.Select(m => m.MunicipalityId).ToHashSet());
        foreach (var m in municipalities)
            all[m] = [m];
        return all;
    }

    private async Task<HashSet<int>> ExpectedInRegionAsync(string code) => await factory.InDbAsync(async db =>
    {
        var municipalities = await MunicipalitiesAsync(db);
        var outer = municipalities[await db.Regions.Where(r => r.Code == code && r.ValidTo == null).Select(r => r.Id).SingleAsync()];
        var links = await db.ActionRegions.Select(r => new { r.ActionId, r.RegionId }).ToListAsync();
        return links.Where(l => municipalities.TryGetValue(l.RegionId, out var inner) && inner.Count > 0 && inner.All(outer.Contains)).Select(l => l.ActionId).ToHashSet();
    });

    private static async Task<HashSet<int>> ListedAsync(HttpClient client, string query)
    {
        var response = await client.GetAsync("/api/v1/actions?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<List<JsonElement>>()).Select(a => a.GetProperty("id").GetInt32()).ToHashSet();
    }

    [Fact]
    public async Task Filters_match_an_independent_count()
    {
        var client = Anonymous(factory);
        // Data of our own besides the demo's: an action in a municipality of Oost, one in Noord, with an objective and an HvA partner.
        var inZwolle = await SeedAsync(factory, region: "GM0193", startsOn: new DateOnly(2018, 6, 1), endsOn: new DateOnly(2019, 5, 31), kind: PactActionKind.PublicPrivatePartnership);
        var inNoord = await SeedAsync(factory, region: "TP-NOORD", startsOn: new DateOnly(2019, 1, 1), kind: PactActionKind.PublicPrivatePartnership);
        var (objectiveNumber, hva) = await factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.SingleAsync(p => p.Code == "techniekpact");
            var number = (await db.Objectives.Where(o => o.PactId == pact.Id).MaxAsync(o => (int?)o.Number) ?? 0) + 1;
            var objective = new Objective { PactId = pact.Id, Number = number, Title = "Testdoel", Description = "Voor de filtertest." };
            db.Objectives.Add(objective);
            await db.SaveChangesAsync();
            var hvaId = await db.Organisations.Where(o => o.Name == "Hogeschool van Amsterdam").Select(o => o.Id).SingleAsync();
            db.ActionObjectives.AddRange(new ActionObjective { ActionId = inZwolle, ObjectiveId = objective.Id }, new ActionObjective { ActionId = inNoord, ObjectiveId = objective.Id });
            db.ActionPartners.Add(new ActionPartner { ActionId = inNoord, OrganisationId = hvaId, Role = "gastdocenten" });
            await db.SaveChangesAsync();
            return (number, hvaId);
        });

        var oost = await ExpectedInRegionAsync("TP-OOST");
        Assert.Contains(inZwolle, oost);
        Assert.DoesNotContain(inNoord, oost);
        Assert.Equal(oost, await ListedAsync(client, "region=TP-OOST"));
        Assert.Equal(await ExpectedInRegionAsync("PV23"), await ListedAsync(client, "region=pv23"));
        Assert.Equal(await ExpectedInRegionAsync("GM0193"), await ListedAsync(client, "region=GM0193"));

        var byOrganisation = await factory.InDbAsync(async db => (await db.PactActions.Where(a => a.LeadOrganisationId == hva).Select(a => a.Id).ToListAsync())
            .Concat(await db.ActionPartners.Where(p => p.OrganisationId == hva).Select(p => p.ActionId).ToListAsync()).ToHashSet());
        Assert.Contains(inNoord, byOrganisation);
        Assert.Equal(byOrganisation, await ListedAsync(client, $"organisation={hva}"));

        var pps = await factory.InDbAsync(async db => (await db.PactActions.Where(a => a.Kind == PactActionKind.PublicPrivatePartnership && db.Pacts.Any(p => p.Id == a.PactId && p.Code == "techniekpact"))
            .Select(a => a.Id).ToListAsync()).ToHashSet());
        Assert.Equal(pps, await ListedAsync(client, "pact=techniekpact&kind=publicprivatepartnership"));

        Assert.Equal(new[] { inNoord, inZwolle }.Order(), (await ListedAsync(client, $"pact=techniekpact&objective={objectiveNumber}")).Order());

        var in2018 = await factory.InDbAsync(async db => (await db.PactActions.Select(a => new { a.Id, a.StartsOn, a.EndsOn }).ToListAsync())
            .Where(a => a.StartsOn is { } s && s.Year <= 2018 && (a.EndsOn is not { } e || e.Year >= 2018)).Select(a => a.Id).ToHashSet());
        Assert.Contains(inZwolle, in2018);
        Assert.DoesNotContain(inNoord, in2018);
        Assert.Equal(in2018, await ListedAsync(client, "year=2018"));

        var running = await factory.InDbAsync(async db => (await db.PactActions.Where(a => a.Status == ActionStatus.Running).Select(a => a.Id).ToListAsync()).ToHashSet());
        Assert.Equal(running, await ListedAsync(client, "status=Running"));

        // The PPS register of Oost and the list page count what the independent count finds.
        var ppsInOost = oost.Intersect(await factory.InDbAsync(async db => (await db.PactActions.Where(a => a.Kind == PactActionKind.PublicPrivatePartnership).Select(a => a.Id).ToListAsync()).ToHashSet())).Count();
        Assert.Contains($"{ppsInOost} publiek-private samenwerkingen vastgelegd.", await client.GetStringAsync("/regio/TP-OOST/pps"));
        Assert.Contains($"{oost.Count} initiatieven", await client.GetStringAsync("/initiatieven?region=TP-OOST"));
        var objectivePage = await client.GetStringAsync($"/pact/techniekpact/doelen/{objectiveNumber}");
        Assert.Contains("Testdoel", objectivePage);
        Assert.Contains("2 initiatieven", objectivePage);
    }

    [Theory]
    [InlineData("pact=bouwpact", "pact", "Kies uit: techniekpact, zorgpact")]
    [InlineData("region=XX99", "region", "Er is geen regio met code 'XX99'. Kies uit: ")]
    [InlineData("kind=Toverij", "kind", "Kies uit: PublicPrivatePartnership, Event")]
    [InlineData("status=Bezig", "status", "Kies uit: Idea, Running, Completed, Stopped")]
    [InlineData("objective=1", "objective", "geef ook het pact")]
    [InlineData("pact=techniekpact&objective=9999", "objective", "heeft geen doel met nummer 9999")]
    [InlineData("organisation=987654", "organisation", "Er is geen organisatie met nummer 987654.")]
    public async Task Unknown_filter_values_get_a_400_that_lists_the_valid_ones(string query, string field, string message)
    {
        var client = Anonymous(factory);

        var api = await client.GetAsync("/api/v1/actions?" + query);
        var page = await client.GetAsync("/initiatieven?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        using var problem = JsonDocument.Parse(await api.Content.ReadAsStringAsync());
        Assert.Contains(message, problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task The_action_page_shows_partners_objectives_funding_totals_and_outputs()
    {
        var id = await SeedAsync(factory, funding: [(new DateOnly(2020, 1, 1), new DateOnly(2040, 1, 1)), (new DateOnly(2021, 1, 1), new DateOnly(2041, 1, 1))]);
        await factory.InDbAsync(async db =>
        {
            db.ActionOutputs.AddRange(
                new ActionOutput { ActionId = id, Year = 2024, Unit = OutputUnit.Certificates, Quantity = 30, ReportedBy = "A" },
                new ActionOutput { ActionId = id, Year = 2025, Unit = OutputUnit.Certificates, Quantity = 1234, ReportedBy = "B" });
            return await db.SaveChangesAsync();
        });

        var page = await Anonymous(factory).GetStringAsync($"/initiatieven/{id}");

        Assert.Contains("2 financieringsbronnen, samen € 2.000", page);
        Assert.Contains("<td class=\"number\">30</td>", page);
        Assert.Contains("<td class=\"number\">1.234</td>", page);
        Assert.DoesNotContain("financiering-formulier", page);
    }
}

public sealed class ActionsTestsSqlite(SqliteFactory factory) : ActionsTests<SqliteFactory>(factory);
public sealed class ActionsTestsPostgres(PostgresFactory factory) : ActionsTests<PostgresFactory>(factory);
