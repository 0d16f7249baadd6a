using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// Check-in at the door: codes given at publication and shown as a QR code on the school's own page only; the door page
/// and the API check a class in once, refuse bad codes and numbers with nothing changed, and only the event's
/// coordinators may; the live attendance is checked against a schedule laid out by hand and counted by hand.
/// </summary>
public abstract class CheckInTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>
    /// Four classes of 25 on a schedule set by hand (two workshops each): day 1 A: Programmeren 09:00, Metselen 10:15;
    /// B: Programmeren 09:00, Fietsen 10:15; C (school 1): Metselen 09:00, Programmeren 10:15; day 2 D (school 1):
    /// Programmeren 09:00, Metselen 10:15. Published through the API.
    /// </summary>
    private async Task<(Built E, Dictionary<string, int> Classes, Dictionary<string, string> Codes, string School0Link)> PublishedAsync(HttpClient coordinator, string slug)
    {
        var e = await EventAsync(factory, coordinator, slug);
        Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations",
            Registration("School 0", $"school0@{slug}.example", Class("A", e.Day1, e.Workshops1[1]), Class("B", e.Day1, e.Workshops1[1])))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{e.Id}/registrations",
            Registration("School 1", $"school1@{slug}.example", Class("C", e.Day1, e.Workshops1[0]), Class("D", e.Day2, e.Workshops2[1])))).StatusCode);
        var classes = await factory.InDbAsync(db => db.SchoolClasses.Where(c => db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id))
            .ToDictionaryAsync(c => c.Name, c => c.Id));
        var slots = await factory.InDbAsync(db => db.SessionSlots.Where(s => s.DayId == e.Day1 || s.DayId == e.Day2).OrderBy(s => s.StartsAt)
            .Select(s => new { s.Id, s.DayId }).ToListAsync());
        int Slot(int day, int i) => slots.Where(s => s.DayId == day).ElementAt(i).Id;
        var (metselen, programmeren, fietsen) = (e.Workshops1[0], e.Workshops1[1], e.Workshops1[2]);
        await factory.InDbAsync(async db =>
        {
            await db.SchoolRegistrations.Where(r => r.EventId == e.Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.EmailConfirmedAt, DateTime.UtcNow));
            db.ClassAssignments.AddRange(
                new ClassAssignment { ClassId = classes["A"], WorkshopId = programmeren, SlotId = Slot(e.Day1, 0) },
                new ClassAssignment { ClassId = classes["A"], WorkshopId = metselen, SlotId = Slot(e.Day1, 1) },
                new ClassAssignment { ClassId = classes["B"], WorkshopId = programmeren, SlotId = Slot(e.Day1, 0) },
                new ClassAssignment { ClassId = classes["B"], WorkshopId = fietsen, SlotId = Slot(e.Day1, 1) },
                new ClassAssignment { ClassId = classes["C"], WorkshopId = metselen, SlotId = Slot(e.Day1, 0) },
                new ClassAssignment { ClassId = classes["C"], WorkshopId = programmeren, SlotId = Slot(e.Day1, 1) },
                new ClassAssignment { ClassId = classes["D"], WorkshopId = e.Workshops2[1], SlotId = Slot(e.Day2, 0) },
                new ClassAssignment { ClassId = classes["D"], WorkshopId = e.Workshops2[0], SlotId = Slot(e.Day2, 1) });
            await db.SaveChangesAsync();
            return await db.WorkshopDayEvents.Where(x => x.Id == e.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.AllocatedAt, DateTime.UtcNow));
        });
        var codes = await factory.InDbAsync(db => db.SchoolClasses.Where(c => classes.Values.Contains(c.Id)).ToDictionaryAsync(c => c.Name, c => c.CheckInCode));
        Assert.All(codes.Values, Assert.Null);
        Assert.Equal(HttpStatusCode.NoContent, (await coordinator.PostAsync($"/api/v1/workshop-days/{e.Id}/publication", null)).StatusCode);
        var given = await factory.InDbAsync(db => db.SchoolClasses.Where(c => classes.Values.Contains(c.Id)).ToDictionaryAsync(c => c.Name, c => c.CheckInCode!));
        var mail = Assert.Single(await MailToAsync(factory, $"school0@{slug}.example", 2), m => m.Subject?.StartsWith("Rooster") == true);
        var link = Regex.Matches(WebUtility.HtmlDecode(mail.HtmlBody!), "href=\"([^\"]+)\"").Select(m => new Uri(m.Groups[1].Value).PathAndQuery)
            .Single(l => l.StartsWith("/workshopdagen/mijn-rooster"));
        return (e, classes, given, link);
    }

    private static Task<HttpResponseMessage> CheckInAsync(HttpClient client, int eventId, string code, object? present = null) =>
        client.PostAsJsonAsync("/api/v1/check-ins", new { @event = eventId, code, present });

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.ReadAsync<JsonElement>()).GetProperty("detail").GetString()!;

    [Fact]
    public async Task Publication_gives_every_class_a_code_shown_as_a_QR_code_on_its_school_page_only()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (e, _, codes, link) = await PublishedAsync(coordinator, "incheckcodes");
        Assert.Equal(4, codes.Values.Distinct().Count());
        Assert.All(codes.Values, c => Assert.Matches($"^[{CheckInCodes.Alphabet}]{{8}}$", c));

        var page = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(link));
        foreach (var name in new[] { "A", "B" })
        {
            Assert.Contains($"QR-code van incheckcode {CheckInCodes.Display(codes[name])}", page);
            Assert.Contains($">{CheckInCodes.Display(codes[name])}</strong>", page);
        }
        Assert.Equal(2, Regex.Matches(page, "<svg").Count);
        Assert.DoesNotContain(CheckInCodes.Display(codes["C"]), page);
        Assert.Contains("QR code of check-in code", WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(link + "&culture=en")));
        // The open schedule and its API never show a code.
        var open = await Anonymous(factory).GetStringAsync($"/api/v1/workshop-days/{e.Id}/schedule") + await Anonymous(factory).GetStringAsync($"/workshopdagen/{e.Slug}/rooster");
        Assert.All(codes.Values, c => Assert.DoesNotContain(c, open));
        Assert.All(codes.Values, c => Assert.DoesNotContain(CheckInCodes.Display(c), open));

        // A class placed after publication (as from the waiting list) gets its code when its school's page is next shown.
        await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.CheckInCode == codes["B"]).ExecuteUpdateAsync(x => x.SetProperty(c => c.CheckInCode, (string?)null)));
        var again = WebUtility.HtmlDecode(await Anonymous(factory).GetStringAsync(link));
        var newCode = await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.Name == "B" && db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == e.Id))
            .Select(c => c.CheckInCode).SingleAsync());
        Assert.NotNull(newCode);
        Assert.Contains(CheckInCodes.Display(newCode), again);
    }

    [Fact]
    public async Task The_door_checks_classes_in_once_refuses_bad_input_and_the_attendance_matches_counts_by_hand()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var (e, classes, codes, _) = await PublishedAsync(coordinator, "deur");
        var other = await EventAsync(factory, coordinator, "deur-ander");
        Assert.Equal(HttpStatusCode.Created, (await Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{other.Id}/registrations",
            Registration("School 9", "school9@deur.example", Class("Z", other.Day1, other.Workshops1[1])))).StatusCode);
        const string otherCode = "XXXX7777";
        await factory.InDbAsync(db => db.SchoolClasses.Where(c => c.Name == "Z" && db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == other.Id))
            .ExecuteUpdateAsync(x => x.SetProperty(c => c.CheckInCode, otherCode)));

        // Who may not: anonymous, a member, a partner editor of the pact, a coordinator of another pact.
        Assert.Equal(HttpStatusCode.Unauthorized, (await CheckInAsync(Anonymous(factory), e.Id, codes["A"])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).GetAsync($"/api/v1/workshop-days/{e.Id}/attendance")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Anonymous(factory).GetAsync($"/workshopdagen/{e.Slug}/deur")).StatusCode);
        foreach (var who in new[] { "lid@pactwerk.demo", "redacteur@hva.demo", "coordinator@zorgpact.demo" })
        {
            var client = await SignInAsync(factory, who);
            Assert.Equal(HttpStatusCode.Forbidden, (await CheckInAsync(client, e.Id, codes["A"])).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/api/v1/workshop-days/{e.Id}/attendance")).StatusCode);
            Assert.Equal("/geen-toegang", (await client.GetAsync($"/workshopdagen/{e.Slug}/deur")).Headers.Location?.AbsolutePath);
            Assert.Equal("/geen-toegang", (await client.GetAsync($"/workshopdagen/{e.Slug}/aanwezigheid")).Headers.Location?.AbsolutePath);
        }
        Assert.Equal(0, await factory.InDbAsync(db => db.ClassCheckIns.CountAsync(x => x.EventId == e.Id)));

        // Bad input: a clear message each time, nothing recorded.
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        foreach (var (code, present, status, message) in new (string, object?, HttpStatusCode, string)[]
        {
            ("", null, HttpStatusCode.BadRequest, "Typ of scan de incheckcode van de klas."),
            ("ACDE3467", null, HttpStatusCode.BadRequest, "De code ACDE-3467 is onbekend. Controleer de code op het rooster van de school."),
            (otherCode, null, HttpStatusCode.BadRequest, "De code XXXX-7777 hoort bij andere workshopdagen: Techniekdagen deur-ander."),
            (codes["A"], 26, HttpStatusCode.BadRequest, "Het aantal aanwezige leerlingen is een heel getal van 1 tot en met 25, de grootte van de klas."),
            (codes["A"], 0, HttpStatusCode.BadRequest, "Het aantal aanwezige leerlingen is een heel getal van 1 tot en met 25, de grootte van de klas."),
            (codes["A"], -3, HttpStatusCode.BadRequest, "Het aantal aanwezige leerlingen is een heel getal van 1 tot en met 25, de grootte van de klas."),
            (codes["A"], 20.5, HttpStatusCode.BadRequest, "Het aantal aanwezige leerlingen is een heel getal van 1 tot en met 25, de grootte van de klas."),
            (codes["A"], "twintig", HttpStatusCode.BadRequest, "Het aantal aanwezige leerlingen is een heel getal van 1 tot en met 25, de grootte van de klas."),
        })
        {
            var refused = await CheckInAsync(coordinator, e.Id, code, present);
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal(message, await DetailAsync(refused));
        }
        // The other event is not published yet: its own door says so.
        Assert.Equal("De indeling is nog niet gepubliceerd: er is nog geen klas om in te checken.", await DetailAsync(await CheckInAsync(coordinator, other.Id, otherCode)));
        Assert.Equal(0, await factory.InDbAsync(db => db.ClassCheckIns.CountAsync()));
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        // A through the API with 20 present; the code read in lower case with its dash.
        var a = await CheckInAsync(coordinator, e.Id, CheckInCodes.Display(codes["A"]).ToLowerInvariant(), 20);
        Assert.Equal(HttpStatusCode.Created, a.StatusCode);
        var answer = await a.ReadAsync<JsonElement>();
        Assert.Equal(20, answer.GetProperty("present").GetInt32());
        Assert.Equal("School 0", answer.GetProperty("school").GetString());
        Assert.Single(await factory.InDbAsync(db => db.AuditEntries.Where(x => x.Action == WorkshopDayAuditActions.CheckedIn && x.EntityId == classes["A"].ToString()).ToListAsync()));

        // B on the door page in Dutch, the number left empty: the whole class.
        var door = await Form.OpenAsync(coordinator, $"/workshopdagen/{e.Slug}/deur");
        door["Code"] = " " + codes["B"].ToLowerInvariant() + " ";
        var posted = await door.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var shown = WebUtility.HtmlDecode(await coordinator.GetStringAsync(posted.Headers.Location!.OriginalString));
        Assert.Matches("B van School 0 is ingecheckt om \\d\\d:\\d\\d: 25 van 25 leerlingen.", shown);
        Assert.Contains("Klassen ingecheckt: 2 van 4; leerlingen aanwezig: 45.", shown);

        // D on the door page in English with 24; then A again, which the page refuses with the first check-in's figures.
        var english = await Form.OpenAsync(coordinator, $"/workshopdagen/{e.Slug}/deur?culture=en");
        english["Code"] = codes["D"];
        english["Present"] = "24";
        var d = await english.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, d.StatusCode);
        var twice = await Form.OpenAsync(coordinator, $"/workshopdagen/{e.Slug}/deur?culture=en");
        twice["Code"] = codes["A"];
        var refusedPage = await twice.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, refusedPage.StatusCode);
        Assert.Matches("A of School 0 was already checked in at \\d\\d:\\d\\d \\(present: 20\\).", WebUtility.HtmlDecode(await refusedPage.Content.ReadAsStringAsync()));
        var againApi = await CheckInAsync(coordinator, e.Id, codes["A"], 25);
        Assert.Equal(HttpStatusCode.Conflict, againApi.StatusCode);
        Assert.Contains("A van School 0 is al ingecheckt om", await DetailAsync(againApi));
        // A number that is not whole, typed at the door, is refused and not read as the whole class.
        var fraction = await Form.OpenAsync(coordinator, $"/workshopdagen/{e.Slug}/deur");
        fraction["Code"] = codes["C"];
        fraction["Present"] = "20,75";
        Assert.Equal(HttpStatusCode.BadRequest, (await fraction.SubmitAsync(coordinator)).StatusCode);
        Assert.Equal(new[] { ("A", 20), ("B", 25), ("D", 24) }, await factory.InDbAsync(async db => (await db.ClassCheckIns.Where(x => x.EventId == e.Id)
            .Join(db.SchoolClasses, x => x.ClassId, c => c.Id, (x, c) => new { c.Name, x.Present }).ToListAsync()).Select(x => (x.Name, x.Present)).OrderBy(x => x.Name).ToArray()));

        // Attendance by hand. Day 1: Programmeren 09:00 has A and B (50 placed, 20 + 25 = 45 present); Metselen 10:15 A (25, 20);
        // Fietsen 10:15 B (25, 25); Metselen 09:00 and Programmeren 10:15 C (25, none present). Day 2: D's two sessions (25, 24).
        // In total 69 present in 3 of 4 classes; workshops held: Programmeren, Metselen, Fietsen of day 1 and two of day 2 = 5.
        var view = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/attendance");
        Assert.Equal(69, view.GetProperty("pupilsPresent").GetInt32());
        Assert.Equal(3, view.GetProperty("classesPresent").GetInt32());
        Assert.Equal(4, view.GetProperty("classesScheduled").GetInt32());
        Assert.Equal(100, view.GetProperty("pupilsScheduled").GetInt32());
        Assert.Equal(5, view.GetProperty("workshopsHeld").GetInt32());
        var day1 = view.GetProperty("days")[0];
        var day2 = view.GetProperty("days")[1];
        Assert.Equal((3, 75, 2, 45), (day1.GetProperty("classesScheduled").GetInt32(), day1.GetProperty("pupilsScheduled").GetInt32(),
            day1.GetProperty("classesPresent").GetInt32(), day1.GetProperty("pupilsPresent").GetInt32()));
        Assert.Equal((1, 25, 1, 24), (day2.GetProperty("classesScheduled").GetInt32(), day2.GetProperty("pupilsScheduled").GetInt32(),
            day2.GetProperty("classesPresent").GetInt32(), day2.GetProperty("pupilsPresent").GetInt32()));
        (int Placed, int Present) Session(JsonElement day, int workshop, int slotIndex)
        {
            var s = day.GetProperty("sessions").EnumerateArray().Where(x => x.GetProperty("workshopId").GetInt32() == workshop).ElementAt(slotIndex);
            return (s.GetProperty("pupilsScheduled").GetInt32(), s.GetProperty("pupilsPresent").GetInt32());
        }
        var (metselen, programmeren, fietsen) = (e.Workshops1[0], e.Workshops1[1], e.Workshops1[2]);
        Assert.Equal((50, 45), Session(day1, programmeren, 0));
        Assert.Equal((25, 0), Session(day1, programmeren, 1));
        Assert.Equal((0, 0), Session(day1, programmeren, 2));
        Assert.Equal((25, 0), Session(day1, metselen, 0));
        Assert.Equal((25, 20), Session(day1, metselen, 1));
        Assert.Equal((25, 25), Session(day1, fietsen, 1));
        Assert.Equal((25, 24), Session(day2, e.Workshops2[1], 0));
        Assert.Equal((25, 24), Session(day2, e.Workshops2[0], 1));
        Assert.Equal(18, day1.GetProperty("sessions").GetArrayLength() + day2.GetProperty("sessions").GetArrayLength());
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/workshopdagen/{e.Slug}/aanwezigheid"));
        Assert.Contains("Leerlingen aanwezig: 69; klassen ingecheckt: 3 van 4; workshops gehouden: 5.", page);
        Assert.Contains("Pupils present: 69; classes checked in: 3 of 4; workshops held: 5.", WebUtility.HtmlDecode(await coordinator.GetStringAsync($"/workshopdagen/{e.Slug}/aanwezigheid?culture=en")));

        // C at two doors at the same moment: one check-in, the other is told.
        var second = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var both = await Task.WhenAll(CheckInAsync(coordinator, e.Id, codes["C"]), CheckInAsync(second, e.Id, codes["C"]));
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Conflict], both.Select(x => x.StatusCode).Order());
        Assert.Equal(4, await factory.InDbAsync(db => db.ClassCheckIns.CountAsync(x => x.EventId == e.Id)));
        Assert.Equal(94, (await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/attendance")).GetProperty("pupilsPresent").GetInt32());
    }
}

public sealed class CheckInSqlite(SqliteFactory factory) : CheckInTests<SqliteFactory>(factory);
public sealed class CheckInPostgres(PostgresFactory factory) : CheckInTests<PostgresFactory>(factory);
