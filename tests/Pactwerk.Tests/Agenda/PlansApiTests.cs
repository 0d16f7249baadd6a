using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Agenda;

/// <summary>Plans and revisions through the API and the pages: the workflow, reasons, rights, visibility, comparison and the annual review.</summary>
public abstract class PlansApiTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private const string Coordinator = "coordinator@techniekpact.demo";

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    private static async Task<JsonElement> RevisionAsync(HttpClient client, int planId, int number) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/revisions")).EnumerateArray().Single(r => r.GetProperty("number").GetInt32() == number);

    /// <summary>The revision's content as the PUT takes it, changed by <paramref name="change"/>.</summary>
    private static Dictionary<string, object?> Content(JsonElement r, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?>
        {
            ["firstYear"] = r.GetProperty("firstYear").GetInt32(), ["lastYear"] = r.GetProperty("lastYear").GetInt32(),
            ["priorities"] = r.GetProperty("priorities").EnumerateArray().Select(p => p.GetString()).ToList(),
            ["objectives"] = r.GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("number").GetInt32()).ToList(),
            ["goals"] = r.GetProperty("goals").EnumerateArray().Select(g => new
            {
                indicator = g.GetProperty("indicator").GetString(), region = g.GetProperty("region").GetString(), kind = g.GetProperty("kind").GetString(),
                period = g.GetProperty("period").GetInt32(), value = g.GetProperty("value").GetDouble(),
            }).ToList<object>(),
            ["actions"] = r.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()).ToList(),
            ["reasons"] = new List<object>(),
            ["version"] = r.GetProperty("version").GetInt32(),
        };
        change?.Invoke(body);
        return body;
    }

    private Task<string> Snapshot(int planId) => factory.InDbAsync(async db => JsonSerializer.Serialize(await db.PlanRevisions.AsNoTracking()
        .Where(r => r.PlanId == planId).OrderBy(r => r.Number).Select(r => new
        {
            r.Number, r.Status, r.Version, r.FirstYear, r.LastYear, Priorities = r.Priorities.OrderBy(p => p.Position).Select(p => p.Text).ToList(),
            Goals = r.Goals.OrderBy(g => g.Id).Select(g => new { g.IndicatorId, g.RegionId, g.Kind, g.PeriodStart, g.Value }).ToList(),
            Reasons = r.Reasons.Select(x => x.Key + ":" + x.Reason).ToList(), Actions = r.Actions.Count, Objectives = r.Objectives.Count,
        }).ToListAsync()));

    [Fact]
    public async Task The_coordinator_creates_proposes_and_adopts_the_national_plan_and_a_draft_cannot_skip_the_proposal()
    {
        await PlanData.ClearAsync(factory);
        var coordinator = await SignInAsync(factory, Coordinator);

        var created = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/plans", new { title = "Techniekpact 2019–2022", firstYear = 2019, lastYear = 2022 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var planId = (await Json(created)).GetProperty("id").GetInt32();
        var draft = await RevisionAsync(coordinator, planId, 1);
        Assert.Equal(("Draft", "2019–2022"), (draft.GetProperty("status").GetString(), draft.GetProperty("label").GetString()));
        var id = draft.GetProperty("id").GetInt32();

        var skipped = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{id}/adopt", new { version = draft.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.BadRequest, skipped.StatusCode);
        Assert.Contains("Een concept wordt eerst voorgesteld", await skipped.Content.ReadAsStringAsync());

        var twice = await coordinator.PostAsJsonAsync("/api/v1/pacts/techniekpact/plans", new { title = "Nog een", firstYear = 2019, lastYear = 2022 });
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains("heeft al een landelijk plan", await twice.Content.ReadAsStringAsync());

        var proposed = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{id}/propose", new { version = draft.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var p = await Json(proposed);
        Assert.Equal("Proposed", p.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(p.GetProperty("proposedBy").GetString()));
        var adopted = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{id}/adopt", new { version = p.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        var a = await Json(adopted);
        Assert.Equal("Adopted", a.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(a.GetProperty("adoptedBy").GetString()));

        // The moves are in the audit trail as updates of the revision's status.
        var moves = await factory.InDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "PlanRevision" && e.EntityId == id.ToString() && e.After!.Contains("Status"))
            .Select(e => e.After).ToListAsync());
        Assert.Contains(moves, m => m!.Contains("Proposed"));
        Assert.Contains(moves, m => m!.Contains("Adopted"));
    }

    [Fact]
    public async Task An_adopted_revision_is_never_edited_and_nothing_changes()
    {
        await PlanData.ClearAsync(factory);
        var (planId, revisionId) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted,
            fill: r => r.Priorities.Add(new RevisionPriority { Position = 1, Text = "Meer instroom" }));
        var coordinator = await SignInAsync(factory, Coordinator);
        var revision = await RevisionAsync(coordinator, planId, 1);
        var before = await Snapshot(planId);

        var response = await coordinator.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}",
            Content(revision, b => b["priorities"] = new List<string> { "Iets anders" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Een vastgestelde herziening verandert niet meer; begin een nieuwe herziening.", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, await Snapshot(planId));
    }

    [Fact]
    public async Task The_lead_of_Oost_adopts_the_Oost_plan_but_not_the_national_plan()
    {
        await PlanData.ClearAsync(factory);
        var (oostPlan, oostRevision) = await PlanData.CreateAsync(factory, "TP-OOST", RevisionStatus.Proposed);
        var (nationalPlan, nationalRevision) = await PlanData.CreateAsync(factory, null, RevisionStatus.Proposed);
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");

        var national = await lead.PostAsJsonAsync($"/api/v1/plans/{nationalPlan}/revisions/{nationalRevision}/adopt", new { version = 0 });
        var oost = await lead.PostAsJsonAsync($"/api/v1/plans/{oostPlan}/revisions/{oostRevision}/adopt", new { version = 0 });

        Assert.Equal(HttpStatusCode.Forbidden, national.StatusCode);
        Assert.Contains("Alleen een coördinator van het pact stelt het landelijke plan vast.", await national.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, oost.StatusCode);
        Assert.Equal("Adopted", (await Json(oost)).GetProperty("status").GetString());
        Assert.Equal(RevisionStatus.Proposed, await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.Id == nationalRevision).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task The_lead_of_Oost_cannot_edit_the_Noord_plan()
    {
        await PlanData.ClearAsync(factory);
        var (planId, revisionId) = await PlanData.CreateAsync(factory, "TP-NOORD", RevisionStatus.Draft);
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var revision = await RevisionAsync(lead, planId, 1);
        var before = await Snapshot(planId);

        var edit = await lead.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}", Content(revision, b => b["priorities"] = new List<string> { "Oost weet het beter" }));
        var propose = await lead.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}/propose", new { version = 0 });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (edit.StatusCode, propose.StatusCode));
        Assert.Equal(before, await Snapshot(planId));
        var noord = await SignInAsync(factory, "noord@techniekpact.demo");
        Assert.Equal(HttpStatusCode.OK, (await noord.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}",
            Content(revision, b => b["priorities"] = new List<string> { "Noord schrijft zelf" }))).StatusCode);
    }

    [Fact]
    public async Task A_regional_plan_sets_goals_inside_its_landsdeel_only_and_never_speaks_for_the_country()
    {
        await PlanData.ClearAsync(factory);
        var (planId, revisionId) = await PlanData.CreateAsync(factory, "TP-OOST", RevisionStatus.Draft);
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var revision = await RevisionAsync(lead, planId, 1);
        var before = await Snapshot(planId);
        object Goal(string region) => new { indicator = "hbo-ingeschrevenen", region, kind = "Target", period = 2024, value = 1 };

        var country = await lead.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}", Content(revision, b => b["goals"] = new List<object> { Goal("NL") }));
        var noord = await lead.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}", Content(revision, b => b["goals"] = new List<object> { Goal("TP-NOORD") }));
        var afterRefusals = await Snapshot(planId);
        var zwolle = await lead.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{revisionId}", Content(revision, b => b["goals"] = new List<object> { Goal("GM0193"), Goal("TP-OOST") }));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (country.StatusCode, noord.StatusCode));
        Assert.Contains("valt erbuiten", await country.Content.ReadAsStringAsync());
        Assert.Equal(before, afterRefusals);
        Assert.Equal(HttpStatusCode.OK, zwolle.StatusCode);

        // Even a regional goal written around the editor (as an old database might hold) does not become the country's.
        await PlanData.SetStatusAsync(factory, revisionId, RevisionStatus.Adopted);
        var indicator = await PlanData.IndicatorIdAsync(factory, "hbo-ingeschrevenen");
        var nl = await PlanData.RegionIdAsync(factory, "NL");
        await factory.InDbAsync(db =>
        {
            var goal = PlanData.Goal(indicator, nl, GoalKind.Target, 2024, 1);
            goal.PlanRevisionId = revisionId;
            db.IndicatorGoals.Add(goal);
            return db.SaveChangesAsync();
        });
        var status = await Anonymous(factory).GetFromJsonAsync<JsonElement>("/api/v1/monitor/status?indicator=hbo-ingeschrevenen&region=NL");
        Assert.NotEqual("Testplan TP-OOST 2019–2022", status.GetProperty("plan").GetString());
    }

    [Fact]
    public async Task A_draft_saved_without_reasons_or_with_an_empty_priorities_box_gets_a_message_not_an_error()
    {
        await PlanData.ClearAsync(factory);
        var (planId, _) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted);
        var coordinator = await SignInAsync(factory, Coordinator);
        var next = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { });
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        var draft = await RevisionAsync(coordinator, planId, 2);
        var draftId = draft.GetProperty("id").GetInt32();

        var nullReasons = await coordinator.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{draftId}", Content(draft, b =>
        {
            b["priorities"] = new List<string> { "Nieuw" };
            b["reasons"] = null;
        }));
        var nullKey = await coordinator.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{draftId}", Content(draft, b =>
        {
            b["priorities"] = new List<string> { "Nieuw" };
            b["reasons"] = new List<object> { new { kind = "Priority", key = (string?)null, reason = "Waarom niet" } };
        }));
        var emptyBox = await PostFormAsync(coordinator, $"/plannen/{planId}/herzieningen/2?handler=Save", new Dictionary<string, string>
        {
            ["Input.FirstYear"] = "2019", ["Input.LastYear"] = "2022", ["Input.Version"] = draft.GetProperty("version").GetInt32().ToString(), ["PrioritiesText"] = "",
        }, $"/plannen/{planId}/herzieningen/2");

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (nullReasons.StatusCode, nullKey.StatusCode));
        Assert.Contains("Geef de reden", await nullReasons.Content.ReadAsStringAsync());
        Assert.True((int)emptyBox.StatusCode < 500, $"the form answered {(int)emptyBox.StatusCode}");
    }

    [Fact]
    public async Task The_next_revision_is_a_copy_every_change_needs_a_reason_and_adopting_it_supersedes_the_previous()
    {
        await PlanData.ClearAsync(factory);
        var indicator = await PlanData.IndicatorIdAsync(factory, "hbo-aandeel-techniek");
        var nl = await PlanData.RegionIdAsync(factory, "NL");
        var objective = await PlanData.ObjectiveAsync(factory, 901, "Testdoel 901");
        await PlanData.ObjectiveAsync(factory, 902, "Testdoel 902");
        var action = await PlanData.ActionAsync(factory, "Testactie voor de kopie");
        var (planId, firstId) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted, fill: r =>
        {
            r.Priorities.Add(new RevisionPriority { Position = 1, Text = "Meer instroom" });
            r.Objectives.Add(new RevisionObjective { ObjectiveId = objective });
            r.Actions.Add(new RevisionAction { ActionId = action });
            r.Goals.Add(PlanData.Goal(indicator, nl, GoalKind.Baseline, 2020, 20.75));
            r.Goals.Add(PlanData.Goal(indicator, nl, GoalKind.Target, 2030, 25.75));
        });
        var coordinator = await SignInAsync(factory, Coordinator);

        var started = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var second = await Json(started);
        Assert.Equal((2, "Draft", 1, "2019–2022, bijgesteld 2020"), (second.GetProperty("number").GetInt32(), second.GetProperty("status").GetString(),
            second.GetProperty("basedOn").GetInt32(), second.GetProperty("label").GetString()));
        var secondId = second.GetProperty("id").GetInt32();
        // The goals are copied as new rows of the new revision; the adopted revision keeps its own.
        var goals = await factory.InDbAsync(db => db.IndicatorGoals.Where(g => g.PlanRevisionId == secondId || g.PlanRevisionId == firstId)
            .Select(g => new { g.PlanRevisionId, g.Kind, g.Value }).ToListAsync());
        Assert.Equal(2, goals.Count(g => g.PlanRevisionId == secondId));
        Assert.Equal(2, goals.Count(g => g.PlanRevisionId == firstId));
        Assert.Equal(["Meer instroom"], second.GetProperty("priorities").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal([901], second.GetProperty("objectives").EnumerateArray().Select(o => o.GetProperty("number").GetInt32()));
        Assert.Equal([action], second.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetInt32()));

        var again = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("is nog in voorbereiding", await again.Content.ReadAsStringAsync());

        var before = await Snapshot(planId);
        void Change(Dictionary<string, object?> b)
        {
            b["lastYear"] = 2023;
            b["objectives"] = new List<int> { 901, 902 };
            b["goals"] = new List<object>
            {
                new { indicator = "hbo-aandeel-techniek", region = "NL", kind = "Baseline", period = 2020, value = 20.75 },
                new { indicator = "hbo-aandeel-techniek", region = "NL", kind = "Target", period = 2030, value = 24.0 },
            };
        }
        var withoutReason = await coordinator.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}", Content(second, Change));
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        var problem = await withoutReason.Content.ReadAsStringAsync();
        Assert.Contains("Geef de reden van deze wijziging", problem);
        // Each change named as a reader knows it (its label and values), not by its internal key.
        Assert.Contains("nulmeting of streefwaarde ‘", problem);
        Assert.Contains("· streefwaarde’ (", problem);
        Assert.Contains("doel ‘902. ", problem);
        Assert.Contains("looptijd ‘Looptijd’ (", problem);
        Assert.DoesNotContain("sleutel", problem);
        Assert.DoesNotContain("Goal/hbo-aandeel-techniek/NL/Target", problem);
        Assert.Equal(before, await Snapshot(planId));

        var withReasons = await coordinator.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}", Content(second, b =>
        {
            Change(b);
            b["reasons"] = new List<object>
            {
                new { kind = "Period", key = "periode", reason = "Een jaar langer om de regio's mee te nemen." },
                new { kind = "Objective", key = "902", reason = "Nieuw doel uit de evaluatie." },
                new { kind = "Goal", key = "hbo-aandeel-techniek/NL/Target", reason = "Realistischer na de monitor van 2020." },
            };
        }));
        Assert.Equal(HttpStatusCode.OK, withReasons.StatusCode);
        var saved = await Json(withReasons);
        Assert.Equal(3, saved.GetProperty("reasons").GetArrayLength());

        var stale = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}/propose", new { version = second.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Intussen gewijzigd", await stale.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}/propose",
            new { version = saved.GetProperty("version").GetInt32() })).StatusCode);
        var proposed = await RevisionAsync(coordinator, planId, 2);
        var adopt = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}/adopt", new { version = proposed.GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, adopt.StatusCode);
        var statuses = await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.PlanId == planId).OrderBy(r => r.Number).Select(r => r.Status).ToListAsync());
        Assert.Equal([RevisionStatus.Superseded, RevisionStatus.Adopted], statuses);

        // The comparison shows exactly these changes, with their reasons.
        var comparison = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/revisions/compare?from=1&to=2");
        var changes = comparison.GetProperty("changes").EnumerateArray().Select(c =>
            $"{c.GetProperty("kind").GetString()} {c.GetProperty("change").GetString()} {c.GetProperty("key").GetString()} " +
            $"{c.GetProperty("old").GetString()}→{c.GetProperty("new").GetString()} " +
            string.Join("; ", c.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("reason").GetString()))).ToList();
        Assert.Equal(
        [
            "Period Changed periode 2019–2022→2019–2023 Een jaar langer om de regio's mee te nemen.",
            "Objective Added 902 → Nieuw doel uit de evaluatie.",
            "Goal Changed hbo-aandeel-techniek/NL/Target 2030: 25.75→2030: 24 Realistischer na de monitor van 2020.",
        ], changes);
    }

    [Fact]
    public async Task A_copy_that_changes_nothing_is_neither_proposed_nor_adopted_and_nothing_changes()
    {
        await PlanData.ClearAsync(factory);
        var (planId, _) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted,
            fill: r => r.Priorities.Add(new RevisionPriority { Position = 1, Text = "Meer instroom" }));
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 })).StatusCode);
        var copy = await RevisionAsync(coordinator, planId, 2);
        var copyId = copy.GetProperty("id").GetInt32();
        var before = await Snapshot(planId);

        var propose = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{copyId}/propose", new { version = copy.GetProperty("version").GetInt32() });

        Assert.Equal(HttpStatusCode.BadRequest, propose.StatusCode);
        Assert.Equal(PlanEditor.ChangesNothing, (await Json(propose)).GetProperty("errors").GetProperty("Status")[0].GetString());
        Assert.Equal(before, await Snapshot(planId));

        // The page says it too, in English for an English reader.
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        var page = await PostFormAsync(coordinator, $"/plannen/{planId}/herzieningen/2?handler=Propose&version={copy.GetProperty("version").GetInt32()}", new(),
            $"/plannen/{planId}/herzieningen/2");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains("This revision is the same as the revision it was copied from, so it changes nothing", await page.Content.ReadAsStringAsync());
        Assert.Equal(before, await Snapshot(planId));

        // A copy proposed before this rule (put in the proposed state directly) is not adopted either.
        await PlanData.SetStatusAsync(factory, copyId, RevisionStatus.Proposed);
        var proposed = await Snapshot(planId);
        var adopt = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{copyId}/adopt", new { version = copy.GetProperty("version").GetInt32() });

        Assert.Equal(HttpStatusCode.BadRequest, adopt.StatusCode);
        Assert.Equal(PlanEditor.ChangesNothing, (await Json(adopt)).GetProperty("errors").GetProperty("Status")[0].GetString());
        Assert.Equal(proposed, await Snapshot(planId));
        Assert.Equal([RevisionStatus.Adopted, RevisionStatus.Proposed],
            await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.PlanId == planId).OrderBy(r => r.Number).Select(r => r.Status).ToListAsync()));
    }

    [Fact]
    public async Task Two_revisions_of_a_plan_never_carry_the_same_label_and_a_changed_revision_is_still_proposed_and_adopted()
    {
        await PlanData.ClearAsync(factory);
        var (planId, _) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted,
            fill: r => r.Priorities.Add(new RevisionPriority { Position = 1, Text = "Meer instroom" }));
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 })).StatusCode);
        var second = await RevisionAsync(coordinator, planId, 2);
        var secondId = second.GetProperty("id").GetInt32();
        var saved = await coordinator.PutAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}", Content(second, b =>
        {
            b["priorities"] = new List<string> { "Meer instroom", "Behoud" };
            b["reasons"] = new List<object> { new { kind = "Priority", key = "Behoud", reason = "Uitval is het grootste lek." } };
        }));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var proposed = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}/propose", new { version = (await Json(saved)).GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var adopted = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions/{secondId}/adopt", new { version = (await Json(proposed)).GetProperty("version").GetInt32() });
        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        var adoptedRevision = await Json(adopted);
        Assert.Equal(("Adopted", "2019–2022, bijgesteld 2020"), (adoptedRevision.GetProperty("status").GetString(), adoptedRevision.GetProperty("label").GetString()));
        var before = await Snapshot(planId);

        // A third revision made in 2020 too would be a second "2019–2022, bijgesteld 2020".
        var sameYear = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 });

        Assert.Equal(HttpStatusCode.BadRequest, sameYear.StatusCode);
        Assert.Equal(PlanEditor.LabelTaken, (await Json(sameYear)).GetProperty("errors").GetProperty("RevisedIn")[0].GetString());
        Assert.Equal(before, await Snapshot(planId));

        var nextYear = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2021 });
        Assert.Equal(HttpStatusCode.Created, nextYear.StatusCode);
        var labels = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/revisions")).EnumerateArray().Select(r => r.GetProperty("label").GetString()).ToList();
        Assert.Equal(["2019–2022", "2019–2022, bijgesteld 2020", "2019–2022, bijgesteld 2021"], labels);
    }

    [Fact]
    public async Task Drafts_are_for_signed_in_users_only_and_adopted_revisions_are_public()
    {
        await PlanData.ClearAsync(factory);
        var (planId, _) = await PlanData.CreateAsync(factory, "TP-OOST", RevisionStatus.Adopted);
        var coordinator = await SignInAsync(factory, Coordinator);
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 })).StatusCode);
        var anonymous = Anonymous(factory);

        var publicRevisions = await anonymous.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/revisions");
        var memberRevisions = await (await SignInAsync(factory, "lid@pactwerk.demo")).GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/revisions");
        var draftPage = await anonymous.GetAsync($"/plannen/{planId}/herzieningen/2");
        var adoptedPage = await anonymous.GetAsync($"/plannen/{planId}/herzieningen/1");
        var compare = await anonymous.GetAsync($"/api/v1/plans/{planId}/revisions/compare?from=1&to=2");

        Assert.Equal([1], publicRevisions.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal([1, 2], memberRevisions.EnumerateArray().Select(r => r.GetProperty("number").GetInt32()));
        Assert.Equal(HttpStatusCode.Redirect, draftPage.StatusCode);
        Assert.Contains("/inloggen", draftPage.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, adoptedPage.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, compare.StatusCode);
        Assert.Contains("Concept bewerken", await coordinator.GetStringAsync($"/plannen/{planId}/herzieningen/2"));
        Assert.Contains("Testplan TP-OOST", await anonymous.GetStringAsync("/pact/techniekpact/plannen"));
    }

    [Fact]
    public async Task The_draft_form_asks_for_a_reason_for_each_change_and_saves_with_it()
    {
        await PlanData.ClearAsync(factory);
        var (planId, _) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted,
            fill: r => r.Priorities.Add(new RevisionPriority { Position = 1, Text = "Meer instroom" }));
        var coordinator = await SignInAsync(factory, Coordinator);
        var start = await PostFormAsync(coordinator, $"/plannen/{planId}?handler=StartNext", new(), $"/plannen/{planId}");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.Equal($"/plannen/{planId}/herzieningen/2", start.Headers.Location!.OriginalString);
        var version = (await RevisionAsync(coordinator, planId, 2)).GetProperty("version").GetInt32();
        var url = $"/plannen/{planId}/herzieningen/2?handler=Save";

        var refused = await PostFormAsync(coordinator, url, new() { ["Input.FirstYear"] = "2019", ["Input.LastYear"] = "2022", ["PrioritiesText"] = "Meer instroom\nBehoud", ["Input.Version"] = $"{version}" },
            $"/plannen/{planId}/herzieningen/2");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("role=\"alert\"", page);
        Assert.Contains("Geef de reden van deze wijziging: prioriteit ‘Behoud’ (toegevoegd).", System.Net.WebUtility.HtmlDecode(page));
        // The change is named by what the reader sees, never by its internal key (Priority/Behoud, Goal/…/Baseline).
        Assert.DoesNotContain("sleutel", page);
        Assert.Contains("name=\"Input.Reasons[0].Key\" value=\"Behoud\"", page);

        var saved = await PostFormAsync(coordinator, url, new()
        {
            ["Input.FirstYear"] = "2019", ["Input.LastYear"] = "2022", ["PrioritiesText"] = "Meer instroom\nBehoud", ["Input.Version"] = $"{version}",
            ["Input.Reasons[0].Kind"] = "Priority", ["Input.Reasons[0].Key"] = "Behoud", ["Input.Reasons[0].Reason"] = "Uitval is het grootste lek.",
        }, $"/plannen/{planId}/herzieningen/2");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var draft = await RevisionAsync(coordinator, planId, 2);
        Assert.Equal(["Meer instroom", "Behoud"], draft.GetProperty("priorities").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal("Uitval is het grootste lek.", draft.GetProperty("reasons")[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task The_annual_review_sums_the_outputs_of_the_revisions_actions_per_objective_and_flags_risks_and_stops()
    {
        await PlanData.ClearAsync(factory);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var objective = await PlanData.ObjectiveAsync(factory, 911, "Testdoel jaarbeoordeling", "hbo-aandeel-techniek");
        var other = await PlanData.ObjectiveAsync(factory, 912, "Ander testdoel");
        ActionOutput Output(int year, OutputUnit unit, decimal quantity) => new() { Year = year, Unit = unit, Quantity = quantity, ReportedBy = "Test", ReportedAt = DateTime.UtcNow };
        var first = await PlanData.ActionAsync(factory, "Jaarbeoordeling A", a =>
        {
            a.Objectives.Add(new ActionObjective { ObjectiveId = objective });
            a.Outputs.AddRange([Output(2023, OutputUnit.Participants, 120), Output(2023, OutputUnit.Certificates, 90), Output(2022, OutputUnit.Participants, 999)]);
            a.Funding.Add(new FundingSource { Funder = "Regionaal Investeringsfonds mbo", Amount = 100_000, StartsOn = today.AddYears(-2), EndsOn = today.AddMonths(6) });
        });
        var second = await PlanData.ActionAsync(factory, "Jaarbeoordeling B", a =>
        {
            a.Objectives.Add(new ActionObjective { ObjectiveId = objective });
            a.Outputs.AddRange([Output(2023, OutputUnit.Participants, 35.5m), Output(2023, OutputUnit.CompaniesInvolved, 85)]);
            a.MoveTo(ActionStatus.Stopped, "Subsidie liep af.");
        });
        // Works towards another objective, and one not in the revision: neither counts for objective 911.
        var elsewhere = await PlanData.ActionAsync(factory, "Jaarbeoordeling C", a =>
        {
            a.Objectives.Add(new ActionObjective { ObjectiveId = other });
            a.Outputs.Add(Output(2023, OutputUnit.Participants, 7));
        });
        await PlanData.ActionAsync(factory, "Niet in de herziening", a =>
        {
            a.Objectives.Add(new ActionObjective { ObjectiveId = objective });
            a.Outputs.Add(Output(2023, OutputUnit.Participants, 5000));
        });
        var indicator = await PlanData.IndicatorIdAsync(factory, "hbo-aandeel-techniek");
        var oost = await PlanData.RegionIdAsync(factory, "TP-OOST");
        var (planId, _) = await PlanData.CreateAsync(factory, "TP-OOST", RevisionStatus.Adopted, fill: r =>
        {
            r.Objectives.AddRange([new RevisionObjective { ObjectiveId = objective }, new RevisionObjective { ObjectiveId = other }]);
            r.Actions.AddRange([new RevisionAction { ActionId = first }, new RevisionAction { ActionId = second }, new RevisionAction { ActionId = elsewhere }]);
            r.Goals.Add(PlanData.Goal(indicator, oost, GoalKind.Baseline, 2020, 10));
            r.Goals.Add(PlanData.Goal(indicator, oost, GoalKind.Target, 2030, 90));
        });

        var review = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/plans/{planId}/annual-review?year=2023");

        // The independent count: the outputs of 2023 of the revision's actions that work towards the objective.
        var expected = await factory.InDbAsync(db => db.ActionOutputs.Where(o => o.Year == 2023 && (o.ActionId == first || o.ActionId == second || o.ActionId == elsewhere)
                && db.ActionObjectives.Any(x => x.ActionId == o.ActionId && x.ObjectiveId == objective))
            .Select(o => new { o.Unit, o.Quantity }).ToListAsync());
        var sums = expected.GroupBy(o => o.Unit.ToString()).ToDictionary(g => g.Key, g => g.Sum(o => o.Quantity));
        var section = review.GetProperty("objectives").EnumerateArray().Single(o => o.GetProperty("number").GetInt32() == 911);
        Assert.Equal(sums, section.GetProperty("outputs").EnumerateArray().ToDictionary(o => o.GetProperty("unit").GetString()!, o => o.GetProperty("quantity").GetDecimal()));
        Assert.Equal(155.5m, sums["Participants"]);
        Assert.Equal(["Jaarbeoordeling A"], section.GetProperty("atRisk").EnumerateArray().Select(a => a.GetProperty("title").GetString()));
        Assert.Equal(["Subsidie liep af."], section.GetProperty("stopped").EnumerateArray().Select(a => a.GetProperty("reason").GetString()));
        var movement = section.GetProperty("indicators").EnumerateArray().Single();
        Assert.Equal(("TP-OOST", 10d, 90d, "2023/2024"), (movement.GetProperty("region").GetString(), movement.GetProperty("baseline").GetDouble(),
            movement.GetProperty("target").GetDouble(), movement.GetProperty("latestPeriod").GetString()));
        // A share near 20% in 2023 is far behind a path from 10 to 90: moving, but off track.
        Assert.Equal("OffTrack", movement.GetProperty("status").GetString());
        Assert.Equal(7m, review.GetProperty("objectives").EnumerateArray().Single(o => o.GetProperty("number").GetInt32() == 912)
            .GetProperty("outputs")[0].GetProperty("quantity").GetDecimal());

        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        var page = await lead.GetStringAsync($"/plannen/{planId}/jaarbeoordeling?jaar=2023");
        Assert.Contains("Volgende herziening voorbereiden", page);
        Assert.DoesNotContain("Volgende herziening voorbereiden", await (await SignInAsync(factory, "noord@techniekpact.demo")).GetStringAsync($"/plannen/{planId}/jaarbeoordeling?jaar=2023"));
        var next = await PostFormAsync(lead, $"/plannen/{planId}/jaarbeoordeling?jaar=2023&handler=StartNext", new(), $"/plannen/{planId}/jaarbeoordeling?jaar=2023");
        Assert.Equal(HttpStatusCode.Redirect, next.StatusCode);
        Assert.Equal($"/plannen/{planId}/herzieningen/2", next.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Two_simultaneous_starts_of_the_next_revision_give_one_201_and_one_409_never_a_500()
    {
        await PlanData.ClearAsync(factory);
        var (planId, _) = await PlanData.CreateAsync(factory, null, RevisionStatus.Adopted);
        var coordinator = await SignInAsync(factory, Coordinator);
        var other = await SignInAsync(factory, Coordinator);

        // A writer holds the table while both requests read "no open revision"; released, both insert number 2 and the index lets one through.
        var responses = await factory.InDbAsync(async db =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync(db.Database.ProviderName!.Contains("Npgsql")
                ? "LOCK TABLE \"PlanRevisions\" IN SHARE MODE"
                : "UPDATE \"Plans\" SET \"Title\" = \"Title\" WHERE \"Id\" = " + planId);
            var calls = new[] { coordinator, other }.Select(c => c.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 })).ToList();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await tx.CommitAsync();
            return await Task.WhenAll(calls);
        });

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], responses.Select(r => r.StatusCode).OrderBy(c => c).ToList());
        var refused = await responses.Single(r => r.StatusCode == HttpStatusCode.Conflict).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(PlanEditor.NextAlreadyStarted, refused.GetProperty("detail").GetString());
        Assert.Equal([1, 2], await factory.InDbAsync(db => db.PlanRevisions.Where(r => r.PlanId == planId).OrderBy(r => r.Number).Select(r => r.Number).ToListAsync()));

        // Once the draft is there, a third start is refused by the ordinary check.
        var third = await coordinator.PostAsJsonAsync($"/api/v1/plans/{planId}/revisions", new { revisedIn = 2020 });
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Contains("is nog in voorbereiding", await third.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_plans_page_offers_the_plans_a_user_may_start_and_its_form_creates_one_with_a_first_draft()
    {
        await PlanData.ClearAsync(factory);
        var coordinator = await SignInAsync(factory, Coordinator);
        var lead = await SignInAsync(factory, "oost@techniekpact.demo");
        const string url = "/pact/techniekpact/plannen";

        var forCoordinator = await coordinator.GetStringAsync(url);
        var forLead = await lead.GetStringAsync(url);
        Assert.Contains("<option value=\"\"", forCoordinator);
        Assert.Contains("<option value=\"TP-NOORD\"", forCoordinator);
        Assert.Contains("<option value=\"TP-OOST\"", forLead);
        Assert.DoesNotContain("<option value=\"TP-NOORD\"", forLead);
        Assert.DoesNotContain("<option value=\"\"", forLead);
        Assert.DoesNotContain("plan-formulier", await Anonymous(factory).GetStringAsync(url));
        Assert.DoesNotContain("plan-formulier", await (await SignInAsync(factory, "lid@pactwerk.demo")).GetStringAsync(url));

        Dictionary<string, string> Form(string region, string title) => new()
            { ["NewPlan.RegionCode"] = region, ["NewPlan.Title"] = title, ["NewPlan.FirstYear"] = "2024", ["NewPlan.LastYear"] = "2027" };
        var forbidden = await PostFormAsync(lead, url + "?handler=Create", Form("TP-NOORD", "Agenda Noord"), url);
        var created = await PostFormAsync(lead, url + "?handler=Create", Form("TP-OOST", "Agenda Oost"), url);

        Assert.Contains("/geen-toegang", forbidden.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var plans = await factory.InDbAsync(db => db.Plans.AsNoTracking().Include(p => p.Region).Include(p => p.Revisions)
            .Where(p => db.Pacts.Any(x => x.Id == p.PactId && x.Code == "techniekpact")).ToListAsync());
        var plan = Assert.Single(plans);
        Assert.Equal($"/plannen/{plan.Id}/herzieningen/1", created.Headers.Location!.OriginalString);
        var revision = Assert.Single(plan.Revisions);
        Assert.Equal(("Agenda Oost", "TP-OOST", 1, RevisionStatus.Draft, 2024, 2027, 2024),
            (plan.Title, plan.Region!.Code, revision.Number, revision.Status, revision.FirstYear, revision.LastYear, revision.RevisedIn));
        Assert.Contains("Agenda Oost", await lead.GetStringAsync(created.Headers.Location!.OriginalString));
        Assert.DoesNotContain("<option value=\"TP-OOST\"", await coordinator.GetStringAsync(url));
    }

    [Theory]
    [InlineData("nl", "Geef een titel.", "Het laatste jaar ligt niet voor het eerste jaar.", "Ongeldige waarde ‘twintig’.", "Dit pact heeft al een landelijk plan")]
    [InlineData("en", "Give a title.", "The last year cannot come before the first year.", "Invalid value ‘twintig’.", "This pact already has a national plan")]
    public async Task A_bad_plan_form_saves_nothing_and_says_at_each_field_what_is_wrong(string culture, string title, string order, string unreadable, string exists)
    {
        await PlanData.ClearAsync(factory);
        var coordinator = await SignInAsync(factory, Coordinator);
        var page = $"/pact/techniekpact/plannen?culture={culture}";
        var post = $"/pact/techniekpact/plannen?handler=Create&culture={culture}";
        Task<int> PlansAsync() => factory.InDbAsync(db => db.Plans.CountAsync(p => db.Pacts.Any(x => x.Id == p.PactId && x.Code == "techniekpact")));
        static string Error(string field, string message) => $"<p class=\"field-error\" id=\"fout-{field}\">{message}</p>";

        var backwards = await PostFormAsync(coordinator, post, new() { ["NewPlan.RegionCode"] = "", ["NewPlan.Title"] = "  ", ["NewPlan.FirstYear"] = "2024", ["NewPlan.LastYear"] = "2020" }, page);
        var notYears = await PostFormAsync(coordinator, post, new() { ["NewPlan.RegionCode"] = "", ["NewPlan.Title"] = "Plan", ["NewPlan.FirstYear"] = "twintig", ["NewPlan.LastYear"] = "3000" }, page);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (backwards.StatusCode, notYears.StatusCode));
        var (first, second) = (System.Net.WebUtility.HtmlDecode(await backwards.Content.ReadAsStringAsync()), System.Net.WebUtility.HtmlDecode(await notYears.Content.ReadAsStringAsync()));
        Assert.Contains(Error("Title", title), first);
        Assert.Contains(Error("LastYear", order), first);
        // A year that is not a number is refused as typed, as on every form, not taken as left empty.
        Assert.Contains(Error("FirstYear", unreadable), second);
        Assert.Equal(0, await PlansAsync());

        // A national plan exists: a second is refused at the choice of plan.
        await PlanData.CreateAsync(factory, null, RevisionStatus.Draft);
        var twice = await PostFormAsync(coordinator, post, new() { ["NewPlan.RegionCode"] = "", ["NewPlan.Title"] = "Nog een", ["NewPlan.FirstYear"] = "2024", ["NewPlan.LastYear"] = "2027" }, page);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        Assert.Contains($"<p class=\"field-error\" id=\"fout-RegionCode\">{exists}", System.Net.WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        Assert.Equal(1, await PlansAsync());
    }
}

public sealed class PlansApiTestsSqlite(SqliteFactory factory) : PlansApiTests<SqliteFactory>(factory);
public sealed class PlansApiTestsPostgres(PostgresFactory factory) : PlansApiTests<PostgresFactory>(factory);
