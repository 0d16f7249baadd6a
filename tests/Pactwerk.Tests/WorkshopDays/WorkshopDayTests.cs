using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// Workshop days through HTTP: the coordinator sets up the programme, schools register without an account and confirm the
/// teacher's address, bad input is refused with nothing changed, and the allocation keeps every rule (checked by
/// <see cref="AllocationChecker"/>, not by the solver's own figures), keeps a class moved by hand, and is published.
/// </summary>
public abstract class WorkshopDayTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private Task<int> CountAsync(int eventId) => factory.InDbAsync(db => db.SchoolClasses.CountAsync(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == eventId)));

    [Fact]
    public async Task The_coordinator_sets_up_the_programme_and_others_may_not()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "opzet");
        var view = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}");
        Assert.Equal(2, view.GetProperty("days").GetArrayLength());
        Assert.Equal(6, view.GetProperty("workshops").GetArrayLength());
        Assert.Equal(3, view.GetProperty("workshops")[0].GetProperty("sessions").GetArrayLength());
        // Per day 3 slots × (30 + 90 + 30) places, each pupil in 2 workshops: 225 pupils.
        Assert.Equal(225, view.GetProperty("days")[0].GetProperty("capacityPupils").GetInt32());
        Assert.Equal(12, view.GetProperty("shifts")[0].GetProperty("needed").GetInt32());
        Assert.Contains("Metselen", await Anonymous(factory).GetStringAsync("/workshopdagen/opzet?culture=en"));

        // A member, a partner editor of the same pact and a coordinator of another pact may not change the programme.
        foreach (var who in new[] { "lid@pactwerk.demo", "redacteur@hva.demo", "coordinator@zorgpact.demo" })
        {
            var other = await SignInAsync(factory, who);
            Assert.Equal("/geen-toegang", (await other.GetAsync("/workshopdagen/opzet/programma")).Headers.Location?.AbsolutePath);
            var response = await other.PostAsync("/workshopdagen/opzet/programma?handler=Day",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["Date"] = "2030-11-08", ["__RequestVerificationToken"] = AntiforgeryToken(await other.GetStringAsync("/workshopdagen")) }));
            Assert.Equal("/geen-toegang", response.Headers.Location?.AbsolutePath);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null)).StatusCode);
        }
        Assert.Equal(2, await factory.InDbAsync(db => db.EventDays.CountAsync(d => d.EventId == e.Id)));
        Assert.Equal(HttpStatusCode.Redirect, (await Anonymous(factory).GetAsync("/workshopdagen/opzet/programma")).StatusCode);

        // Bad programme input: a clear message, nothing added; in English too.
        var bad = await PostFormAsync(coordinator, "/workshopdagen/opzet/programma?handler=Workshop&culture=en", new()
            { ["DayId"] = e.Day1.ToString(), ["Title"] = "Lassen", ["Provider"] = "ROC", ["Theme"] = "metaal", ["AgeGroup"] = "vmbo", ["Capacity"] = "0", ["Duration"] = "60" },
            "/workshopdagen/opzet/programma?culture=en");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Capacity (1 to 500 pupils)", WebUtility.HtmlDecode(await bad.Content.ReadAsStringAsync()));
        Assert.Equal(6, await factory.InDbAsync(db => db.Workshops.CountAsync(w => w.EventId == e.Id)));

        // The event's details: an unchanged save changes nothing (no version, no audit line).
        var before = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var edit = await Form.OpenAsync(coordinator, "/workshopdagen/opzet/bewerken");
        Assert.Equal(HttpStatusCode.Redirect, (await edit.SubmitAsync(coordinator)).StatusCode);
        Assert.Equal(before, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(0, await factory.InDbAsync(db => db.WorkshopDayEvents.Where(x => x.Id == e.Id).Select(x => x.Version).SingleAsync()));
    }

    [Fact]
    public async Task A_school_registers_without_an_account_confirms_the_address_and_changes_its_classes()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "aanmelden");
        var school = Anonymous(factory);
        var response = await school.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", Registration("OBS De Eendracht", "juf@eendracht.example",
            Class("Groep 8a", e.Day1, e.Workshops1[0], e.Workshops1[1]), Class("Groep 8b", e.Day1, e.Workshops1[2])));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        var key = KeyOf(answer);
        Assert.False(answer.GetProperty("emailConfirmed").GetBoolean());
        Assert.Equal(2, await CountAsync(e.Id));

        // The mail holds the confirmation link; opening it confirms nothing, the button does, once.
        var mail = (await MailToAsync(factory, "juf@eendracht.example"))[0];
        var confirm = System.Text.RegularExpressions.Regex.Matches(WebUtility.HtmlDecode(mail.HtmlBody!), "href=\"([^\"]+)\"").Select(m => new Uri(m.Groups[1].Value).PathAndQuery)
            .Single(l => l.StartsWith("/workshopdagen/e-mailadres"));
        Assert.Contains("Ja, dit is mijn e-mailadres", await school.GetStringAsync(confirm));
        Assert.Null(await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).Select(r => r.EmailConfirmedAt).SingleAsync()));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + confirm).Query)["code"]!;
        var forged = await PostFormAsync(school, "/workshopdagen/e-mailadres", new() { ["Code"] = code[..^4] + "AAAA" }, confirm);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        var confirmed = await PostFormAsync(school, "/workshopdagen/e-mailadres", new() { ["Code"] = code }, confirm);
        Assert.Contains("id=\"gedaan\"", await confirmed.Content.ReadAsStringAsync());
        Assert.NotNull(await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id).Select(r => r.EmailConfirmedAt).SingleAsync()));

        // Bad input: a clear message, nothing changed — a class larger than any workshop, a preference of another day,
        // a preference twice, an unknown key.
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var tooLarge = new { name = "Groep 7/8", pupils = 91, grade = "groep 7-8", dayId = e.Day1, arrival = "09:00", departure = "12:45", preferences = Array.Empty<int>() };
        var refusals = new (object Body, string Message)[]
        {
            (Registration("OBS Twee", "twee@example.org", tooLarge), "Klas Groep 7/8 heeft 91 leerlingen; de grootste workshop op die dag biedt plaats aan 90. Splits de klas in twee groepen."),
            (Registration("OBS Twee", "twee@example.org", Class("Groep 6", e.Day1, e.Workshops1[0], e.Workshops2[0])), $"Klas Groep 6: workshop 'Metselen {e.Day2}' is op een andere dag dan de dag van de klas."),
            (Registration("OBS Twee", "twee@example.org", Class("Groep 6", e.Day1, e.Workshops1[0], e.Workshops1[0])), $"Klas Groep 6: workshop 'Metselen {e.Day1}' staat twee keer in de voorkeuren."),
            (Registration("OBS Twee", "twee@example.org", Class("Groep 6", e.Day1, e.Workshops1[0]), Class(" groep 6", e.Day1, e.Workshops1[1])),
                "Twee klassen heten 'Groep 6' op dezelfde dag: geef elke klas een eigen naam."),
            (Registration("OBS Twee", "geen-adres", Class("Groep 6", e.Day1)), "Geef de naam van de school, de gemeente, de naam van de leerkracht en een geldig e-mailadres."),
        };
        foreach (var (body, message) in refusals)
        {
            var refused = await school.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", body);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Equal(message, (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        var english = await school.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations?culture=en", Registration("OBS Twee", "twee@example.org", tooLarge));
        Assert.Equal("Class Groep 7/8 has 91 pupils; the largest workshop on that day takes 90. Split the class into two groups.", (await english.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        var change = await school.PutAsJsonAsync("/api/v1/workshop-day-registrations", new { key, school = "OBS De Eendracht", municipality = "De Ronde Venen", teacher = "Juf Anna",
            email = "juf@eendracht.example", classes = new[] { Class("Groep 8a", e.Day1, e.Workshops2[1]) } });
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await school.PutAsJsonAsync("/api/v1/workshop-day-registrations", new { key = "onbekend", school = "X" })).StatusCode);
        Assert.Equal(2, await CountAsync(e.Id));
        Assert.Equal(1, await factory.InDbAsync(db => db.SchoolRegistrations.CountAsync(r => r.EventId == e.Id)));
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        // The page with the secret link shows the classes as registered; saving it unchanged changes nothing.
        var page = await Form.OpenAsync(school, SchoolRegistrations.ChangeUrl(key));
        Assert.Equal("Groep 8a", page["Classes[0].Name"]);
        Assert.Equal(e.Workshops1[1].ToString(), page["Classes[0].Preferences[1]"]);
        Assert.Equal("12:45", page["Classes[1].Departure"]);
        var saved = await page.SubmitAsync(school);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        // A real change through the API: one class of 28 on day 2, still confirmed (the address did not change).
        var changed = await school.PutAsJsonAsync("/api/v1/workshop-day-registrations", new { key, school = "OBS De Eendracht", municipality = "De Ronde Venen", teacher = "Juf Anna",
            email = "juf@eendracht.example", classes = new[] { new { name = "Groep 8", pupils = 28, grade = "groep 8", dayId = e.Day2, arrival = "09:00", departure = "11:30", preferences = new[] { e.Workshops2[2] } } } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.True((await changed.ReadAsync<JsonElement>()).GetProperty("emailConfirmed").GetBoolean());
        var classes = await factory.InDbAsync(db => db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id)).ToListAsync());
        Assert.Equal((28, e.Day2, new TimeOnly(11, 30)), (classes.Single().Pupils, classes.Single().DayId, classes.Single().Departure));
        var registered = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}");
        Assert.Equal(28, registered.GetProperty("days")[1].GetProperty("registeredPupils").GetInt32());
        Assert.Equal(0, registered.GetProperty("days")[0].GetProperty("registeredPupils").GetInt32());

        // A class whose window holds fewer workshops than every class follows is refused.
        var shortStay = await school.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", Registration("OBS Kort", "kort@example.org",
            new { name = "Groep 5", pupils = 20, grade = "groep 5", dayId = e.Day1, arrival = "09:00", departure = "10:00", preferences = Array.Empty<int>() }));
        Assert.Equal("Klas Groep 5: tussen aankomst en vertrek passen 1 workshops; elke klas volgt er 2.", (await shortStay.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_coordinator_allocates_moves_a_class_by_hand_reruns_and_publishes()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "indelen");
        var random = new Random(7);
        for (var s = 0; s < 4; s++)
        {
            var classes = Enumerable.Range(0, 2).Select(i => (object)Class($"Groep {i + 6}", e.Day1, e.Workshops1.OrderBy(_ => random.Next()).Take(2).ToArray())).ToArray();
            var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", Registration($"School {s}", $"school{s}@indelen.example", classes));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        // Three schools confirm; the fourth's classes take no part.
        await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id && r.School != "School 3").ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailConfirmedAt, DateTime.UtcNow)));

        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync($"/api/v1/workshop-days/{e.Id}/schedule")).StatusCode);
        var run = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null);
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var answer = await run.ReadAsync<JsonElement>();
        var problem = await ProblemAsync(e.Id);
        Assert.Equal(6, problem.Classes.Count);
        var placements = Placements(answer.GetProperty("assignment"));
        Assert.Empty(AllocationChecker.Violations(problem, placements));
        Assert.Equal(AllocationChecker.Points(problem, placements), answer.GetProperty("objective").GetInt64());
        Assert.True(answer.GetProperty("bound").GetInt64() >= answer.GetProperty("objective").GetInt64());
        Assert.Equal(12, placements.Count);

        // Move one workshop of a class to a session that has room and does not overlap; the class is pinned, a re-run keeps it.
        var moved = await FindMoveAsync(problem, placements);
        var move = await coordinator.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/allocation/moves",
            new { classId = moved.ClassId, fromWorkshopId = moved.From, toWorkshopId = moved.To.WorkshopId, toSlotId = moved.To.SlotId });
        Assert.Equal(HttpStatusCode.NoContent, move.StatusCode);
        var rerun = await (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null)).ReadAsync<JsonElement>();
        var after = Placements(rerun.GetProperty("assignment"));
        Assert.Contains(moved.To, after);
        var pinnedProblem = await ProblemAsync(e.Id);
        Assert.Equal(2, pinnedProblem.Pinned.Count);
        Assert.Empty(AllocationChecker.Violations(pinnedProblem, after));

        // A move into a full session or over another workshop of the class is refused, and nothing changes.
        var rows = await factory.InDbAsync(db => db.ClassAssignments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.ClassId, a.WorkshopId, a.SlotId, a.Pinned }).ToListAsync());
        var mine = after.Where(p => p.ClassId == moved.ClassId).ToList();
        var overlap = await coordinator.PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/allocation/moves",
            new { classId = moved.ClassId, fromWorkshopId = mine[0].WorkshopId, toWorkshopId = mine[0].WorkshopId, toSlotId = mine[1].SlotId });
        Assert.Equal(HttpStatusCode.Conflict, overlap.StatusCode);
        Assert.Equal("Die ronde overlapt met een andere workshop van de klas.", (await overlap.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(rows, await factory.InDbAsync(db => db.ClassAssignments.AsNoTracking().OrderBy(a => a.Id).Select(a => new { a.ClassId, a.WorkshopId, a.SlotId, a.Pinned }).ToListAsync()));

        // The page shows satisfaction per school and the sessions; others may not see it.
        var page = await coordinator.GetStringAsync($"/workshopdagen/{e.Slug}/indeling");
        Assert.Contains("School 0", page);
        Assert.DoesNotContain("School 3", page);
        Assert.Equal("/geen-toegang", (await (await SignInAsync(factory, "redacteur@hva.demo")).GetAsync($"/workshopdagen/{e.Slug}/indeling")).Headers.Location?.AbsolutePath);

        // Publish: the schedule is public, per school; nothing is allocated again.
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null)).StatusCode);
        var schedule = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/schedule?school=school%201");
        Assert.Equal(4, schedule.GetArrayLength());
        Assert.All(schedule.EnumerateArray(), r => Assert.Equal("School 1", r.GetProperty("school").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null)).StatusCode);
        Assert.Contains("School 2", await Anonymous(factory).GetStringAsync($"/workshopdagen/{e.Slug}/rooster"));
        Assert.Equal(3, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.EntityId == e.Slug && (a.Action == WorkshopDayAuditActions.Allocated || a.Action == WorkshopDayAuditActions.Published))));
    }

    private Task<AllocationProblem> ProblemAsync(int eventId) => WorkshopDayBuilder.ProblemAsync(factory, eventId);

    private static List<Placement> Placements(JsonElement rows) => rows.EnumerateArray()
        .Select(r => new Placement(r.GetProperty("classId").GetInt32(), r.GetProperty("workshopId").GetInt32(), r.GetProperty("slotId").GetInt32())).ToList();

    [Fact]
    public async Task Schools_registering_at_the_same_moment_never_overfill_a_day()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "drukte");
        // Worked out by hand from the builder: (30 + 90 + 30) places × 3 slots ÷ 2 workshops per class = 225 pupils a day,
        // so nine classes of 25 fit on day 1, and the tenth does not.
        const int room = (30 + 90 + 30) * 3 / 2;
        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations",
            Registration($"School {i}", $"juf{i}@drukte.example", Class("Groep 8", e.Day1, e.Workshops1[0])))));
        // Every school is registered; the classes beyond the day's room go on the waiting list, and each answer says so.
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var waiting = 0;
        foreach (var a in answers)
            waiting += (await a.ReadAsync<JsonElement>()).GetProperty("waitingClasses").GetArrayLength();
        Assert.Equal(20 - room / 25, waiting);
        var pupils = await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.DayId == e.Day1 && !c.Waiting).SumAsync(c => c.Pupils));
        Assert.Equal(room, pupils);
    }

    [Theory]
    [InlineData("nieuw")]
    [InlineData("mijn-rooster")]
    [InlineData("aanmelding")]
    [InlineData("e-mailadres")]
    public async Task A_code_that_is_an_address_of_the_site_itself_is_refused(string code)
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var create = await Form.OpenAsync(coordinator, "/workshopdagen/nieuw");
        create["Slug"] = code;
        create["Name"] = "Techniekdagen";
        create["Venue"] = "Sporthal De Phoenix, Mijdrecht";
        create["ClosesAt"] = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd'T'HH:mm");
        create["PerClass"] = "2";
        var response = await create.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"De code &#x27;{code}&#x27; is al een vast adres", await response.Content.ReadAsStringAsync());
        Assert.False(await factory.InDbAsync(db => db.WorkshopDayEvents.AnyAsync(x => x.Slug == code)));
    }

    /// <summary>A move the checker accepts: one workshop of a class to another session, the rest unchanged.</summary>
    private static Task<(int ClassId, int From, Placement To)> FindMoveAsync(AllocationProblem problem, List<Placement> placements)
    {
        foreach (var p in placements)
            foreach (var w in problem.Workshops)
                foreach (var s in problem.Slots)
                {
                    var to = new Placement(p.ClassId, w.Id, s.Id);
                    if (placements.Contains(to))
                        continue;
                    var candidate = placements.Where(x => x != p).Append(to).ToList();
                    if (AllocationChecker.Violations(problem, candidate).Count == 0)
                        return Task.FromResult((p.ClassId, p.WorkshopId, to));
                }
        throw new InvalidOperationException("No move possible.");
    }
}

public sealed class WorkshopDaySqlite(SqliteFactory factory) : WorkshopDayTests<SqliteFactory>(factory);
public sealed class WorkshopDayPostgres(PostgresFactory factory) : WorkshopDayTests<PostgresFactory>(factory);
