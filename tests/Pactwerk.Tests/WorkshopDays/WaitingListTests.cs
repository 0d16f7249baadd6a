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
/// Cancellation and the waiting list: classes registered on a full day wait in order of registration and are told so;
/// a cancelled class's places go to the first waiting class that fits — before the allocation by the day's room, after
/// publication by a placement that <see cref="AllocationChecker"/> accepts, found by hand in the test by trying every pair
/// of free sessions; the moved-up school gets its schedule by mail. Bad input changes nothing.
/// </summary>
public abstract class WaitingListTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static object Sized(string name, int day, int pupils, string arrival, params int[] preferences) =>
        new { name, pupils, grade = "groep 8", dayId = day, arrival, departure = "12:45", preferences };

    private async Task<(int Id, string Key)> RegisterAsync(int eventId, string school, params object[] classes)
    {
        var response = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{eventId}/registrations", Registration(school, $"{school.Replace(' ', '-').ToLowerInvariant()}@wacht.example", classes));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var answer = await response.ReadAsync<JsonElement>();
        return (answer.GetProperty("number").GetInt32(), KeyOf(answer));
    }

    private Task<int> ClassOfAsync(int registrationId, string name) =>
        factory.InDbAsync(db => db.SchoolClasses.Where(c => c.RegistrationId == registrationId && c.Name == name).Select(c => c.Id).SingleAsync());

    private Task<int> AuditCountAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync());

    [Fact]
    public async Task A_class_on_a_full_day_waits_and_moves_up_in_line_when_a_class_cancels_before_the_allocation()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "wachtrij");
        // By hand: (30 + 90 + 30) places × 3 slots ÷ 2 workshops per class = 225 pupils on day 1: nine classes of 25.
        var early = new List<(int Id, string Key)>();
        for (var i = 0; i < 9; i++)
            early.Add(await RegisterAsync(e.Id, $"School {i}", Class("Groep 8", e.Day1, e.Workshops1[0])));

        // Day 1 is full: the first class of the late school waits, its class on day 2 does not; the answer says which waits.
        var late = await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations", Registration("OBS Laat", "laat@wacht.example",
            Class("Groep 8", e.Day1, e.Workshops1[1]), Sized("Groep 7", e.Day2, 20, "09:00", e.Workshops2[0])));
        Assert.Equal(HttpStatusCode.Created, late.StatusCode);
        var lateAnswer = await late.ReadAsync<JsonElement>();
        Assert.Equal(["Groep 8"], lateAnswer.GetProperty("waitingClasses").EnumerateArray().Select(x => x.GetString()).ToList());
        var lateKey = KeyOf(lateAnswer);
        var lateId = lateAnswer.GetProperty("number").GetInt32();
        var later = await RegisterAsync(e.Id, "OBS Later", Class("Groep 6", e.Day1, e.Workshops1[2]));

        // The teacher is told: in the mail, and on the page of the link, with the place in line — in Dutch and in English.
        var mail = WebUtility.HtmlDecode((await MailToAsync(factory, "laat@wacht.example"))[0].HtmlBody!);
        Assert.Contains("Op de wachtlijst, want hun dag is vol: Groep 8.", mail);
        var page = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(SchoolRegistrations.ChangeUrl(lateKey) + "&nieuw=true"));
        Assert.Contains("Groep 8: plaats 1 op de wachtlijst", page);
        Assert.Contains("Groep 8: place 1 on the waiting list", WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(SchoolRegistrations.ChangeUrl(lateKey) + "&culture=en")));
        Assert.Contains("Groep 6: plaats 2 op de wachtlijst", WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(SchoolRegistrations.ChangeUrl(later.Key))));

        // Waiting classes hold no place: day 1 still has 225 registered pupils, day 2 the 20 of Groep 7.
        var view = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}");
        Assert.Equal([225, 20], view.GetProperty("days").EnumerateArray().Select(d => d.GetProperty("registeredPupils").GetInt32()).ToList());
        var line = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list");
        Assert.Equal(["OBS Laat", "OBS Later"], line.EnumerateArray().Select(w => w.GetProperty("school").GetString()).ToList());

        // Bad input, nothing changed: a wrong key, a class of another school with this key, no class.
        var audit = await AuditCountAsync();
        var school0Class = await ClassOfAsync(early[0].Id, "Groep 8");
        foreach (var body in new object[] { new { key = "onbekend", classId = school0Class }, new { key = lateKey, classId = school0Class }, new { key = lateKey } })
        {
            var refused = await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation", body);
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            Assert.Equal("Deze klas is niet gevonden bij deze aanmelding of workshopdagen; controleer de link.", (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(0, await factory.InDbAsync(db => db.SchoolClasses.CountAsync(c => c.CancelledAt != null && db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id))));

        // School 0 cancels through the form of its link: the first in line fits (25 of 25 free) and moves up; OBS Later still waits.
        var cancelled = await PostFormAsync(Anonymous(factory), "/workshopdagen/aanmelding?handler=Cancel",
            new() { ["Sleutel"] = early[0].Key, ["ClassId"] = school0Class.ToString() }, SchoolRegistrations.ChangeUrl(early[0].Key));
        Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        Assert.Contains("De klas is afgemeld.", WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(cancelled.Headers.Location!.OriginalString)));
        var lateClass = await ClassOfAsync(lateId, "Groep 8");
        Assert.False(await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.Id == lateClass).Select(c => c.Waiting).SingleAsync()));
        view = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}");
        Assert.Equal(225, view.GetProperty("days")[0].GetProperty("registeredPupils").GetInt32());
        line = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list");
        Assert.Equal(("OBS Later", 1), (line.EnumerateArray().Single().GetProperty("school").GetString(), line.EnumerateArray().Single().GetProperty("position").GetInt32()));
        Assert.DoesNotContain("id=\"wachtlijst\"", await Anonymous(factory).GetStringAsync(SchoolRegistrations.ChangeUrl(lateKey)));

        // Cancelling twice: a clear message (in English too), nothing changed.
        audit = await AuditCountAsync();
        var twice = await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation?culture=en", new { key = early[0].Key, classId = school0Class });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal("Class Groep 8 has already been cancelled.", (await twice.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        var twicePage = await PostFormAsync(Anonymous(factory), "/workshopdagen/aanmelding?handler=Cancel",
            new() { ["Sleutel"] = early[0].Key, ["ClassId"] = school0Class.ToString() }, SchoolRegistrations.ChangeUrl(early[0].Key));
        Assert.Equal(HttpStatusCode.Conflict, twicePage.StatusCode);
        Assert.Contains("Klas Groep 8 is al afgemeld.", WebUtility.HtmlDecode(await twicePage.Content.ReadAsStringAsync()));
        Assert.Equal(audit, await AuditCountAsync());

        // A cancelled class is not shown to change or cancel again, and an unchanged save of the form keeps it cancelled.
        var form = await Form.OpenAsync(Anonymous(factory), SchoolRegistrations.ChangeUrl(early[0].Key));
        Assert.Equal("", form["Classes[0].Name"]);
        Assert.Equal(1, await factory.InDbAsync(db => db.SchoolClasses.CountAsync(c => c.RegistrationId == early[0].Id)));

        // Only the coordinator sees the waiting list and cancels for a school.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync($"/api/v1/workshop-days/{e.Id}/waiting-list")).StatusCode);
        foreach (var who in new[] { "redacteur@hva.demo", "coordinator@zorgpact.demo", "lid@pactwerk.demo" })
        {
            var other = await SignInAsync(factory, who);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/workshop-days/{e.Id}/waiting-list")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.PostAsync($"/api/v1/workshop-days/{e.Id}/classes/{lateClass}/cancellation", null)).StatusCode);
        }
        Assert.Null(await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.Id == lateClass).Select(c => c.CancelledAt).SingleAsync()));

        // The coordinator's page shows the line, in Dutch and English.
        var allocation = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/workshopdagen/{e.Slug}/indeling"));
        Assert.Contains("OBS Later", allocation.Split("id=\"wachtlijst\"")[1].Split("</table>")[0]);
        Assert.Contains("Waiting list", await coordinator.GetStringAsync($"/workshopdagen/{e.Slug}/indeling?culture=en"));
    }

    [Fact]
    public async Task After_publication_a_cancelled_class_places_go_to_the_first_waiting_class_that_fits_and_it_gets_its_schedule()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "wachtrooster", perClass: 1);
        // One workshop a class, classes of 30: by hand (30 + 90 + 30) × 3 slots ÷ 1 = 450 pupils, 15 classes, and exactly
        // 15 sessions of room (Metselen and Fietsen one class a session, Programmeren three): the schedule is full.
        var random = new Random(11);
        var placed = new List<(int Id, string Key)>();
        for (var i = 0; i < 15; i++)
            placed.Add(await RegisterAsync(e.Id, $"School {i}", Sized("Groep 8", e.Day1, 30, "09:00", e.Workshops1.OrderBy(_ => random.Next()).ToArray())));
        var w0 = await RegisterAsync(e.Id, "Wacht 0", Sized("Groep 8", e.Day1, 30, "09:00", e.Workshops1[0]));
        // Wacht 1 arrives at 10:15: a place that opens at 09:00 does not fit it.
        var w1 = await RegisterAsync(e.Id, "Wacht 1", Sized("Groep 8", e.Day1, 30, "10:15", e.Workshops1[2], e.Workshops1[0]));
        var w2 = await RegisterAsync(e.Id, "Wacht 2", Sized("Groep 8", e.Day1, 30, "09:00", e.Workshops1[1]));
        var w3 = await RegisterAsync(e.Id, "Wacht 3", Sized("Groep 8", e.Day1, 30, "09:00", e.Workshops1[1], e.Workshops1[2]));
        // Wacht 2 never confirms: it keeps its place in line but cannot be placed.
        await factory.InDbAsync(db => db.SchoolRegistrations.Where(r => r.EventId == e.Id && r.School != "Wacht 2").ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailConfirmedAt, DateTime.UtcNow)));
        Assert.Equal(4, await factory.InDbAsync(db => db.SchoolClasses.CountAsync(c => c.Waiting && db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id))));

        var run = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/allocation", null);
        Assert.True(run.StatusCode == HttpStatusCode.OK, await run.Content.ReadAsStringAsync());
        Assert.Equal(15, (await PlacementsAsync(e.Id)).Count);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null)).StatusCode);
        Assert.DoesNotContain(MailTo(factory, "wacht-3@wacht.example"), m => m.Subject!.StartsWith("Rooster"));

        // A waiting class cancels: it frees nothing, and there is no free session for anyone.
        var w0Class = await ClassOfAsync(w0.Id, "Groep 8");
        var none = await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation", new { key = w0.Key, classId = w0Class });
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Empty((await none.ReadAsync<JsonElement>()).GetProperty("movedUp").EnumerateArray());
        var line = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list");
        Assert.Equal(["Wacht 1", "Wacht 2", "Wacht 3"], line.EnumerateArray().Select(w => w.GetProperty("school").GetString()).ToList());

        // The coordinator cancels a class placed at 09:00. Worked out apart from the app, by trying every session with the
        // checker: Wacht 1 does not fit (it arrives later), Wacht 2 has no confirmed address, so Wacht 3 moves up.
        var nine = await factory.InDbAsync(db => db.SessionSlots.Where(s => s.DayId == e.Day1 && s.StartsAt == new TimeOnly(9, 0)).Select(s => s.Id).SingleAsync());
        var problem = await ProblemAsync(e.Id, 1);
        var before = await PlacementsAsync(e.Id);
        var cancelledClass = before.First(p => p.SlotId == nine).ClassId;
        var left = before.Where(p => p.ClassId != cancelledClass).ToList();
        var (w1Class, w3Class) = (await ClassOfAsync(w1.Id, "Groep 8"), await ClassOfAsync(w3.Id, "Groep 8"));
        Assert.False(Fits(problem, left, w1Class));
        Assert.True(Fits(problem, left, w3Class));
        var answer = await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/classes/{cancelledClass}/cancellation", null);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal([w3Class], (await answer.ReadAsync<JsonElement>()).GetProperty("movedUp").EnumerateArray().Select(x => x.GetInt32()).ToList());

        // The whole schedule still keeps every rule.
        var after = await PlacementsAsync(e.Id);
        Assert.Empty(AllocationChecker.Violations(Only(problem, after.Select(p => p.ClassId)), after));
        Assert.Equal(15, after.Count);
        Assert.DoesNotContain(after, p => p.ClassId == cancelledClass);
        line = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list");
        Assert.Equal([("Wacht 1", 1), ("Wacht 2", 2)], line.EnumerateArray().Select(w => (w.GetProperty("school").GetString(), w.GetProperty("position").GetInt32())).ToList());

        // The moved-up school gets its schedule by mail, with the link to its page; the others get nothing new.
        var rooster = Assert.Single(await MailToAsync(factory, "wacht-3@wacht.example", 2), m => m.Subject == "Rooster Techniekdagen wachtrooster");
        var link = System.Text.RegularExpressions.Regex.Matches(WebUtility.HtmlDecode(rooster.HtmlBody!), "href=\"([^\"]+)\"").Select(m => new Uri(m.Groups[1].Value).PathAndQuery)
            .Single(l => l.StartsWith("/workshopdagen/mijn-rooster"));
        Assert.Contains("Rooster van Wacht 3", WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(link)));
        Assert.Single(MailTo(factory, "school-1@wacht.example"), m => m.Subject!.StartsWith("Rooster"));
        Assert.DoesNotContain(MailTo(factory, "wacht-1@wacht.example"), m => m.Subject!.StartsWith("Rooster"));

        // Cancelling after the day: a clear message, nothing changed.
        await factory.InDbAsync(db => db.EventDays.Where(d => d.Id == e.Day1).ExecuteUpdateAsync(x => x.SetProperty(d => d.Date, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)))));
        var audit = await AuditCountAsync();
        var late = await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation", new { key = placed[1].Key, classId = await ClassOfAsync(placed[1].Id, "Groep 8") });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("De dag van klas Groep 8 is voorbij; afmelden kan niet meer.", (await late.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(after, await PlacementsAsync(e.Id));
        Assert.Equal(audit, await AuditCountAsync());
        var ids = new[] { w0Class.ToString(), cancelledClass.ToString() };
        Assert.Equal(2, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.ClassCancelled && ids.Contains(a.EntityId!))));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.ClassMovedUp && a.EntityId == w3Class.ToString())));
    }

    /// <summary>Whether the class (one workshop a class) could get a session next to the given schedule without breaking any rule: every session tried.</summary>
    private static bool Fits(AllocationProblem problem, List<Placement> schedule, int classId)
    {
        var classes = schedule.Select(p => p.ClassId).Append(classId).ToList();
        return problem.Workshops.SelectMany(w => problem.Slots.Select(s => new Placement(classId, w.Id, s.Id)))
            .Any(p => AllocationChecker.Violations(Only(problem, classes), [.. schedule, p]).Count == 0);
    }

    [Fact]
    public async Task Cancellations_and_registrations_at_the_same_moment_never_overfill_a_day_and_move_a_class_up_once()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "wachtdrukte");
        // By hand: 225 pupils on day 1, nine classes of 25; the tenth waits first in line.
        var early = new List<(int Id, string Key)>();
        for (var i = 0; i < 9; i++)
            early.Add(await RegisterAsync(e.Id, $"Vroeg {i}", Class("Groep 8", e.Day1, e.Workshops1[0])));
        var first = await RegisterAsync(e.Id, "Eerste wachter", Class("Groep 8", e.Day1, e.Workshops1[0]));
        var firstClass = await ClassOfAsync(first.Id, "Groep 8");

        // Two schools cancel while six others register, all at once.
        var cancels = early.Take(2).Select(async r => await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation",
            new { key = r.Key, classId = await ClassOfAsync(r.Id, "Groep 8") }));
        var registrations = Enumerable.Range(0, 6).Select(i => Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations",
            Registration($"Tegelijk {i}", $"tegelijk{i}@wacht.example", Class("Groep 8", e.Day1, e.Workshops1[0]))));
        var answers = await Task.WhenAll(cancels.Concat(registrations));
        Assert.All(answers.Take(2), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.All(answers.Skip(2), a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));

        // The day holds exactly its room; the first in line moved up once; the other places went to one of the six.
        var placedPupils = await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.DayId == e.Day1 && !c.Waiting && c.CancelledAt == null).SumAsync(c => c.Pupils));
        Assert.Equal(225, placedPupils);
        Assert.False(await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.Id == firstClass).Select(c => c.Waiting).SingleAsync()));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.ClassMovedUp && a.EntityId == firstClass.ToString())));
        var line = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list");
        Assert.Equal(5, line.GetArrayLength());
        Assert.Equal(Enumerable.Range(1, 5), line.EnumerateArray().Select(w => w.GetProperty("position").GetInt32()));
    }

    [Fact]
    public async Task A_school_that_changes_its_registration_does_not_put_its_waiting_class_ahead_of_earlier_ones()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "voorrang");
        // By hand: 225 pupils on day 1. Eight classes of 25 and one of 20 leave 5 places.
        for (var i = 0; i < 8; i++)
            await RegisterAsync(e.Id, $"School {i}", Class("Groep 8", e.Day1, e.Workshops1[0]));
        var twenty = await RegisterAsync(e.Id, "OBS Twintig", Sized("Groep 8", e.Day1, 20, "09:00", e.Workshops1[0]));
        // OBS Eerst's 25 wait; OBS Later's Groep 6 of 5 takes the last places, its Groep 7 of 25 waits behind OBS Eerst, and OBS Laatst's behind it.
        var first = await RegisterAsync(e.Id, "OBS Eerst", Class("Groep 8", e.Day1, e.Workshops1[1]));
        var later = await RegisterAsync(e.Id, "OBS Later", Sized("Groep 6", e.Day1, 5, "09:00", e.Workshops1[1]), Class("Groep 7", e.Day1, e.Workshops1[2]));
        await RegisterAsync(e.Id, "OBS Laatst", Class("Groep 5", e.Day1, e.Workshops1[2]));
        async Task<List<(string School, string Class, int Position)>> LineAsync() =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list")).EnumerateArray()
            .Select(w => (w.GetProperty("school").GetString()!, w.GetProperty("class").GetString()!, w.GetProperty("position").GetInt32())).ToList();
        Assert.Equal([("OBS Eerst", "Groep 8", 1), ("OBS Later", "Groep 7", 2), ("OBS Laatst", "Groep 5", 3)], await LineAsync());

        // OBS Twintig cancels: 20 places, too few for any class in line; nobody moves up.
        var cancelled = await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation", new { key = twenty.Key, classId = await ClassOfAsync(twenty.Id, "Groep 8") });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Empty((await cancelled.ReadAsync<JsonElement>()).GetProperty("movedUp").EnumerateArray());

        // OBS Later drops its Groep 6 with the key of its link: 25 places now. They go to the first in line, OBS Eerst — not
        // to OBS Later's own waiting Groep 7, which keeps its place in line by its registration's time, ahead of OBS Laatst.
        var changed = await Anonymous(factory).PutAsJsonAsync("/api/v1/workshop-day-registrations",
            new { key = later.Key, school = "OBS Later", municipality = "De Ronde Venen", teacher = "Juf Anna", email = "obs-later@wacht.example",
                classes = new[] { Class("Groep 7", e.Day1, e.Workshops1[2]) } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["Groep 7"], (await changed.ReadAsync<JsonElement>()).GetProperty("waitingClasses").EnumerateArray().Select(x => x.GetString()).ToList());
        Assert.False(await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.Id == db.SchoolClasses.Where(x => x.RegistrationId == first.Id).Select(x => x.Id).Single()).Select(c => c.Waiting).SingleAsync()));
        Assert.Equal([("OBS Later", "Groep 7", 1), ("OBS Laatst", "Groep 5", 2)], await LineAsync());
        // Counted from the rows: the placed classes fill the day exactly.
        Assert.Equal(225, await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.DayId == e.Day1 && !c.Waiting && c.CancelledAt == null).SumAsync(c => c.Pupils)));

        // An unchanged save through the page of its link changes nothing: same line, no audit line.
        var audit = await AuditCountAsync();
        var school = Anonymous(factory);
        var form = await Form.OpenAsync(school, SchoolRegistrations.ChangeUrl(later.Key));
        Assert.Equal(HttpStatusCode.Redirect, (await form.SubmitAsync(school)).StatusCode);
        Assert.Equal([("OBS Later", "Groep 7", 1), ("OBS Laatst", "Groep 5", 2)], await LineAsync());
        Assert.Equal(audit, await AuditCountAsync());
    }

    [Fact]
    public async Task A_school_cannot_jump_the_line_by_renaming_its_waiting_class_or_adding_a_new_one()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "hernoemd");
        // The same day as above, by hand: 225 pupils; eight classes of 25 and one of 20 leave 5 places.
        for (var i = 0; i < 8; i++)
            await RegisterAsync(e.Id, $"School {i}", Class("Groep 8", e.Day1, e.Workshops1[0]));
        var twenty = await RegisterAsync(e.Id, "OBS Twintig", Sized("Groep 8", e.Day1, 20, "09:00", e.Workshops1[0]));
        await RegisterAsync(e.Id, "OBS Eerst", Class("Groep 8", e.Day1, e.Workshops1[1]));
        var later = await RegisterAsync(e.Id, "OBS Later", Sized("Groep 6", e.Day1, 5, "09:00", e.Workshops1[1]), Class("Groep 7", e.Day1, e.Workshops1[2]));
        await RegisterAsync(e.Id, "OBS Laatst", Class("Groep 5", e.Day1, e.Workshops1[2]));
        await Anonymous(factory).PostAsJsonAsync("/api/v1/workshop-day-registrations/cancellation", new { key = twenty.Key, classId = await ClassOfAsync(twenty.Id, "Groep 8") });
        async Task<List<(string School, string Class, int Position)>> LineAsync() =>
            (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/waiting-list")).EnumerateArray()
            .Select(w => (w.GetProperty("school").GetString()!, w.GetProperty("class").GetString()!, w.GetProperty("position").GetInt32())).ToList();

        // OBS Later drops its Groep 6 (25 places free) and sends its waiting Groep 7 under a new name plus a new class of 20:
        // neither is placed ahead of OBS Eerst, who registered before OBS Later and gets the 25 places.
        var changed = await Anonymous(factory).PutAsJsonAsync("/api/v1/workshop-day-registrations",
            new { key = later.Key, school = "OBS Later", municipality = "De Ronde Venen", teacher = "Juf Anna", email = "obs-later@wacht.example",
                classes = new[] { Class("Groep 7b", e.Day1, e.Workshops1[2]), Sized("Groep 4", e.Day1, 20, "09:00", e.Workshops1[1]) } });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(["Groep 7b", "Groep 4"], (await changed.ReadAsync<JsonElement>()).GetProperty("waitingClasses").EnumerateArray().Select(x => x.GetString()).ToList());
        Assert.Equal([("OBS Later", "Groep 7b", 1), ("OBS Later", "Groep 4", 2), ("OBS Laatst", "Groep 5", 3)], await LineAsync());
        // Counted from the rows: OBS Eerst's 25 fill the day exactly.
        Assert.Equal(225, await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.DayId == e.Day1 && !c.Waiting && c.CancelledAt == null).SumAsync(c => c.Pupils)));
    }

    private static AllocationProblem Only(AllocationProblem problem, IEnumerable<int> classIds)
    {
        var ids = classIds.ToHashSet();
        return problem with { Classes = problem.Classes.Where(c => ids.Contains(c.Id)).ToList(), Pinned = [] };
    }

    private Task<List<Placement>> PlacementsAsync(int eventId) => factory.InDbAsync(db => db.ClassAssignments
        .Where(a => db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == eventId)).OrderBy(a => a.ClassId).ThenBy(a => a.WorkshopId)
        .Select(a => new Placement(a.ClassId, a.WorkshopId, a.SlotId)).ToListAsync());

    /// <summary>Every class of the event as the rules see it, read straight from the rows.</summary>
    private Task<AllocationProblem> ProblemAsync(int eventId, int perClass) => factory.InDbAsync(async db =>
    {
        var classes = await db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == eventId)).ToListAsync();
        var workshops = await db.Workshops.Where(w => w.EventId == eventId).ToListAsync();
        var slots = await db.SessionSlots.Where(s => db.EventDays.Any(d => d.Id == s.DayId && d.EventId == eventId)).ToListAsync();
        return new AllocationProblem(
            classes.Select(c => new AllocationClass(c.Id, c.RegistrationId, c.Pupils, c.DayId, c.Arrival.Hour * 60 + c.Arrival.Minute, c.Departure.Hour * 60 + c.Departure.Minute, c.Preferences)).ToList(),
            workshops.Select(w => new AllocationWorkshop(w.Id, w.DayId, w.CapacityPerSession, w.DurationMinutes)).ToList(),
            slots.Select(s => new AllocationSlot(s.Id, s.DayId, s.StartsAt.Hour * 60 + s.StartsAt.Minute)).ToList(), perClass, []);
    });
}

public sealed class WaitingListSqlite(SqliteFactory factory) : WaitingListTests<SqliteFactory>(factory);
public sealed class WaitingListPostgres(PostgresFactory factory) : WaitingListTests<PostgresFactory>(factory);
