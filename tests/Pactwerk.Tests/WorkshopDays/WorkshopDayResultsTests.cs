using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// What the door counts reaches the pact: the monitor (a confidential source per event: pupils placed, pupils and classes
/// present, per municipality of the school and year) and the outputs of the event's action (pupils reached, workshops
/// held). Expected figures come from what this test registered and checked in, counted here by hand; the school's
/// municipality is read as today's municipality or refused.
/// </summary>
public abstract class WorkshopDayResultsTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>A class as the API takes it, with its size; 09:00–12:45 on the given day, no preferences (the solver places it anywhere it fits).</summary>
    private static object Class(string name, int day, int pupils) =>
        new { name, pupils, grade = "groep 8", dayId = day, arrival = "09:00", departure = "12:45", preferences = Array.Empty<int>() };

    private static object School(string school, string municipality, string email, params object[] classes) =>
        new { school, municipality, teacher = "Meester Jan", email, classes };

    /// <summary>The event linked to a new action of the Techniekpact (national, towards objective 1), so its outputs and indicators are this test's alone.</summary>
    private async Task<(Built E, int Action, int Objective)> EventWithActionAsync(HttpClient coordinator, string slug)
    {
        var e = await EventAsync(factory, coordinator, slug);
        var (action, objective) = await factory.InDbAsync(async db =>
        {
            var pact = await db.Pacts.Where(p => p.Code == "techniekpact").Select(p => p.Id).SingleAsync();
            var objective = await db.Objectives.Where(o => o.PactId == pact && o.Number == 1).Select(o => o.Id).SingleAsync();
            var country = await db.Regions.Where(r => r.Code == "NL" && r.ValidTo == null).Select(r => r.Id).SingleAsync();
            var action = new PactAction { PactId = pact, Slug = $"actie-{slug}", Title = $"Techniekdagen {slug}", Summary = "Workshopdagen voor scholen.", StartsOn = new DateOnly(2030, 1, 1) };
            action.Regions.Add(new ActionRegion { RegionId = country });
            action.Objectives.Add(new ActionObjective { ObjectiveId = objective });
            db.PactActions.Add(action);
            await db.SaveChangesAsync();
            await db.WorkshopDayEvents.Where(x => x.Id == e.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.ActionId, action.Id));
            return (action.Id, objective);
        });
        return (e, action, objective);
    }

    private async Task<JsonElement> ValueAsync(HttpClient client, string indicator, string region, int year)
    {
        var response = await client.GetAsync($"/api/v1/monitor/values?indicator={indicator}&region={region}&period={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadAsync<JsonElement>()).EnumerateArray().Single();
    }

    [Fact]
    public async Task The_door_counts_reach_the_monitor_per_municipality_of_the_school_and_the_outputs_of_the_action()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (e, action, objective) = await EventWithActionAsync(coordinator, "deurtelling");
        // De Ronde Venen typed in lower case, Uithoorn by its CBS code, Utrecht by name (also a province: the municipality is meant).
        var registrations = new[]
        {
            School("OBS Het Veen", "de ronde venen", "veen@deurtelling.example", Class("A1", e.Day1, 25), Class("A2", e.Day1, 24), Class("A3", e.Day2, 26)),
            School("De Springplank", "gm0451", "springplank@deurtelling.example", Class("B1", e.Day1, 18)),
            School("Stadsschool", "Utrecht", "stad@deurtelling.example", Class("C1", e.Day2, 23), Class("C2", e.Day2, 25)),
        };
        foreach (var r in registrations)
            Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", r)).StatusCode);
        var stored = await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).OrderBy(r => r.Id).Select(r => new { r.Municipality, r.MunicipalityCode }).ToListAsync());
        Assert.Equal([("De Ronde Venen", "GM0736"), ("Uithoorn", "GM0451"), ("Utrecht", "GM0344")], stored.Select(s => (s.Municipality, s.MunicipalityCode)));

        // Before publication there is nothing to count.
        var early = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/results", null);
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.EmailConfirmedAt, DateTime.UtcNow)));
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null)).StatusCode);

        // The door: A1 whole (no number given), A2 20 of 24, B1 4 of 18, C1 22, C2 25; A3 never came.
        var codes = await factory.InDbAsync(db => db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id))
            .ToDictionaryAsync(c => c.Name, c => c.CheckInCode!));
        var present = new Dictionary<string, int?> { ["A1"] = null, ["A2"] = 20, ["B1"] = 4, ["C1"] = 22, ["C2"] = 25 };
        foreach (var (name, count) in present)
            Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/check-ins", new { @event = e.Id, code = codes[name], present = count })).StatusCode);

        // Volunteers of the day's shift: two confirmed (one signed up in capitals on the same address counts once), one
        // never confirmed, one withdrawn — two people helped.
        await factory.InDbAsync(async db =>
        {
            var shift = await db.VolunteerShifts.Where(x => x.EventId == e.Id).Select(x => x.Id).FirstAsync();
            var now = DateTime.UtcNow;
            VolunteerSignUp Helper(string name, string email, bool confirmed, bool withdrawn = false) => new()
            {
                EventId = e.Id, ShiftId = shift, Name = name, Email = email, KeyHash = Guid.NewGuid().ToString("N"), SignedUpAt = now,
                EmailConfirmedAt = confirmed ? now : null, WithdrawnAt = withdrawn ? now : null,
            };
            db.VolunteerSignUps.AddRange(Helper("Els", "els@deurtelling.example", true), Helper("Piet", "piet@deurtelling.example", true),
                Helper("Onbevestigd", "nog@deurtelling.example", false), Helper("Afgemeld", "weg@deurtelling.example", true, withdrawn: true));
            return await db.SaveChangesAsync();
        });
        var refreshed = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/results", null);
        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.True((await refreshed.ReadAsync<JsonElement>()).GetProperty("monitorChanged").GetBoolean());

        // Counted by hand from the lines above: sizes placed, pupils and classes present, per municipality; every class is placed.
        var expected = new Dictionary<string, (int Placed, int Pupils, int Classes)>
        {
            ["GM0736"] = (25 + 24 + 26, 25 + 20, 2),
            ["GM0451"] = (18, 4, 1),
            ["GM0344"] = (23 + 25, 22 + 25, 2),
        };
        Assert.Equal(6 * 2, await factory.InDbAsync(db => db.ClassAssignments.CountAsync(a => db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == e.Id))));
        foreach (var (municipality, (placed, pupils, classes)) in expected)
        {
            foreach (var (element, count) in new[] { (WorkshopDayMonitorFeed.PlacedElement(e.Id), placed), (WorkshopDayMonitorFeed.PupilsPresentElement(e.Id), pupils),
                         (WorkshopDayMonitorFeed.ClassesPresentElement(e.Id), classes) })
            {
                var row = await ValueAsync(coordinator, element, municipality, 2030);
                Assert.True(row.GetProperty("value").ValueKind == JsonValueKind.Number && row.GetProperty("value").GetDouble() == count, $"{element} {municipality}: expected {count}, got {row}");
            }
        }
        // The province of Utrecht adds De Ronde Venen and Utrecht up; Uithoorn lies in Noord-Holland.
        Assert.Equal(25 + 20 + 22 + 25, (await ValueAsync(coordinator, WorkshopDayMonitorFeed.PupilsPresentElement(e.Id), "PV26", 2030)).GetProperty("value").GetDouble());
        // Pupils are people: Uithoorn's 4 present is a small cell for the public, not for the coordinator.
        var small = await ValueAsync(Anonymous(factory), WorkshopDayMonitorFeed.PupilsPresentElement(e.Id), "GM0451", 2030);
        Assert.Equal(("Small", JsonValueKind.Null), (small.GetProperty("protected").GetString(), small.GetProperty("value").ValueKind));
        // The others are shown as counted, or hidden as well so that Uithoorn's 4 cannot be worked out from the country's total.
        var shownToPublic = new List<string>();
        foreach (var (region, count) in new[] { ("GM0736", 45), ("GM0344", 47), ("NL", 96) })
        {
            var row = await ValueAsync(Anonymous(factory), WorkshopDayMonitorFeed.PupilsPresentElement(e.Id), region, 2030);
            if (row.GetProperty("value").ValueKind == JsonValueKind.Number)
            {
                Assert.Equal((region, (double)count), (region, row.GetProperty("value").GetDouble()));
                shownToPublic.Add(region);
            }
            else
                Assert.Equal((region, "Secondary"), (region, row.GetProperty("protected").GetString()));
        }
        Assert.True(shownToPublic.Count < 3, "the public could subtract its way to a small cell");

        // The action's outputs of 2030: pupils reached as present at the door, workshops held as those with a checked-in class (read from the rows).
        var held = await factory.InDbAsync(db => db.ClassAssignments
            .Where(a => db.ClassCheckIns.Any(i => i.ClassId == a.ClassId) && db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == e.Id))
            .Select(a => a.WorkshopId).Distinct().CountAsync());
        var outputs = await factory.InDbAsync(db => db.ActionOutputs.AsNoTracking().Where(o => o.ActionId == action).ToListAsync());
        Assert.Equal([(2030, OutputUnit.PupilsReached, 25m + 20 + 4 + 22 + 25), (2030, OutputUnit.Volunteers, 2m), (2030, OutputUnit.Workshops, (decimal)held)],
            outputs.Select(o => (o.Year, o.Unit, o.Quantity)).OrderBy(o => o.Unit.ToString(), StringComparer.Ordinal));
        Assert.All(outputs, o => Assert.Equal("Geteld bij de deur: 5 klassen op 2 dag(en).", o.Note));

        // Unchanged counts write nothing: no release, no output rewritten, no audit line.
        var (releases, audits) = await factory.InDbAsync(async db => (await db.DataReleases.CountAsync(r => r.Dataset == WorkshopDayMonitorFeed.SourceCode(e.Id)), await db.AuditEntries.CountAsync()));
        var again = await (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/results", null)).ReadAsync<JsonElement>();
        Assert.False(again.GetProperty("monitorChanged").GetBoolean());
        Assert.Equal((1, audits), await factory.InDbAsync(async db => (await db.DataReleases.CountAsync(r => r.Dataset == WorkshopDayMonitorFeed.SourceCode(e.Id)), await db.AuditEntries.CountAsync())));
        Assert.Equal(outputs.Select(o => o.ReportedAt).Order(), await factory.InDbAsync(db => db.ActionOutputs.Where(o => o.ActionId == action).Select(o => o.ReportedAt).OrderBy(x => x).ToListAsync()));

        // A3 arrives late: the next refresh counts it, and the output corrects itself.
        Assert.Equal(HttpStatusCode.Created, (await coordinator.PostAsJsonAsync("/api/v1/check-ins", new { @event = e.Id, code = codes["A3"], present = 26 })).StatusCode);
        Assert.True((await (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/results", null)).ReadAsync<JsonElement>()).GetProperty("monitorChanged").GetBoolean());
        Assert.Equal(25 + 20 + 26, (await ValueAsync(coordinator, WorkshopDayMonitorFeed.PupilsPresentElement(e.Id), "GM0736", 2030)).GetProperty("value").GetDouble());
        Assert.Equal(25m + 20 + 4 + 22 + 25 + 26, await factory.InDbAsync(db => db.ActionOutputs.Where(o => o.ActionId == action && o.Unit == OutputUnit.PupilsReached).Select(o => o.Quantity).SingleAsync()));

        // The objective's effect view shows the event's three indicators beside its own.
        var effect = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/objectives/{objective}/effect?region=NL");
        var codesShown = effect.GetProperty("indicators").EnumerateArray().Select(i => i.GetProperty("code").GetString()).ToList();
        Assert.Equal([WorkshopDayMonitorFeed.PlacedElement(e.Id), WorkshopDayMonitorFeed.PupilsPresentElement(e.Id), WorkshopDayMonitorFeed.ClassesPresentElement(e.Id)],
            codesShown.Where(c => c!.StartsWith($"workshopdagen-{e.Id}-")));
        var shown = effect.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("code").GetString() == WorkshopDayMonitorFeed.PupilsPresentElement(e.Id));
        Assert.Equal(25 + 20 + 26 + 4 + 22 + 25, shown.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("period").GetString() == "2030").GetProperty("value").GetDouble());
        Assert.Contains(effect.GetProperty("actions").EnumerateArray(), a => a.GetProperty("id").GetInt32() == action);
    }

    [Fact]
    public async Task A_municipality_that_is_none_is_refused_with_a_clear_message_and_nothing_is_written()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "gemeentecheck");
        var before = await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync(r => r.EventId == e.Id));
        var refused = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations",
            School("OBS Atlantis", "Atlantis", "atlantis@gemeentecheck.example", Class("A", e.Day1, 25)));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("Er is geen gemeente 'Atlantis'. Typ de naam van de gemeente (bijvoorbeeld De Ronde Venen) of haar CBS-code (GM0736).",
            (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        var refusedEn = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations?culture=en", School("OBS Atlantis", "GM9999", "atlantis@gemeentecheck.example", Class("A", e.Day1, 25)));
        Assert.Equal("There is no municipality 'GM9999'. Type the name of the municipality (for example De Ronde Venen) or its CBS code (GM0736).",
            (await refusedEn.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(before, await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync(r => r.EventId == e.Id)));
        Assert.Empty(MailTo(factory, "atlantis@gemeentecheck.example"));

        // Through the page, as a teacher types it: a wrong name keeps the form with the message; the right one registers.
        var client = Anonymous(factory);
        var form = await Form.OpenAsync(client, $"/workshopdagen/{e.Slug}/aanmelden");
        form["School"] = "OBS De Eendracht";
        form["Municipality"] = "Ronde Venen";
        form["Teacher"] = "Juf Anna";
        form["Email"] = "eendracht@gemeentecheck.example";
        form["Classes[0].Name"] = "Groep 8a";
        form["Classes[0].Grade"] = "groep 8";
        form["Classes[0].Pupils"] = "25";
        form["Classes[0].DayId"] = e.Day1.ToString();
        form["Classes[0].Arrival"] = "09:00";
        form["Classes[0].Departure"] = "12:45";
        var wrong = await form.SubmitAsync(client);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("Er is geen gemeente &#x27;Ronde Venen&#x27;.", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(before, await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync(r => r.EventId == e.Id)));
        form["Municipality"] = "De Ronde Venen";
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(client)).StatusCode);
        var saved = await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).SingleAsync());
        Assert.Equal(("De Ronde Venen", "GM0736"), (saved.Municipality, saved.MunicipalityCode));
    }

    [Fact]
    public async Task Only_the_events_coordinators_bring_its_counts_to_the_monitor()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "telrecht");
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsync($"/api/v1/workshop-days/{e.Id}/results", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignInAsync(factory, "lid@pactwerk.demo")).PostAsync($"/api/v1/workshop-days/{e.Id}/results", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/v1/workshop-days/999999/results", null)).StatusCode);
        var notYet = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/results", null);
        Assert.Equal(HttpStatusCode.Conflict, notYet.StatusCode);
        Assert.Equal("De indeling is nog niet gepubliceerd: er is nog niets te tellen.", (await notYet.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.False(await factory.InDbAsync(db => db.DataSources.AnyAsync(s => s.Code == WorkshopDayMonitorFeed.SourceCode(e.Id))));
    }
}

public sealed class WorkshopDayResultsSqlite(SqliteFactory factory) : WorkshopDayResultsTests<SqliteFactory>(factory);
public sealed class WorkshopDayResultsPostgres(PostgresFactory factory) : WorkshopDayResultsTests<PostgresFactory>(factory);
