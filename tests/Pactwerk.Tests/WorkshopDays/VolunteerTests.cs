using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.WorkshopDays;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.WorkshopDays.WorkshopDayBuilder;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// Volunteers sign up for shifts without an account, confirm the address through the mailed link, see their shifts and
/// withdraw through the other link; never more than a shift needs, also when many sign up at once; bad input changes
/// nothing; the coordinator's roster shows figures that match counts made by hand from the rows, and the names only to them.
/// </summary>
public abstract class VolunteerTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private sealed record Setup(WorkshopDayBuilder.Built Event, int Reception, int Coffee, int Guiding, int Clearing, int Building);

    /// <summary>
    /// The builder's event and its shift "Ontvangst" (day 1, 08:00–12:00, 12 needed), with more shifts the coordinator adds:
    /// on day 1 "Koffie" (10:00–11:00, 1 needed), "Begeleiding" (11:00–15:00, overlapping Ontvangst) and "Opruimen"
    /// (12:00–16:00, starting as Ontvangst ends); on day 2 "Opbouw" (07:00–09:00, 3 needed).
    /// </summary>
    private async Task<Setup> SetUpAsync(HttpClient coordinator, string slug)
    {
        var e = await EventAsync(factory, coordinator, slug);
        foreach (var (day, task, start, end, needed) in new[] { (e.Day1, "Koffie", "10:00", "11:00", 1), (e.Day1, "Begeleiding", "11:00", "15:00", 4),
                     (e.Day1, "Opruimen", "12:00", "16:00", 6), (e.Day2, "Opbouw", "07:00", "09:00", 3) })
            await PostAsync(coordinator, slug, "Shift", new() { ["DayId"] = day.ToString(), ["Task"] = task, ["StartsAt"] = start, ["EndsAt"] = end, ["Needed"] = needed.ToString() });
        var shifts = await factory.InDbAsync(db => db.VolunteerShifts.Where(s => s.EventId == e.Id).ToDictionaryAsync(s => s.Task, s => s.Id));
        return new Setup(e, shifts["Ontvangst"], shifts["Koffie"], shifts["Begeleiding"], shifts["Opruimen"], shifts["Opbouw"]);
    }

    private static object Volunteer(string name, string email, string? phone = null) => new { name, email, phone };

    private Task<HttpResponseMessage> SignUpAsync(int eventId, int shiftId, object body, string culture = "") =>
        Anonymous(factory).PostAsJsonAsync($"/api/v1/workshop-days/{eventId}/shifts/{shiftId}/volunteers{culture}", body);

    /// <summary>A visitor who chose English with the language switch, as people do.</summary>
    private async Task<HttpClient> EnglishAsync()
    {
        var client = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/taal?culture=en&returnUrl=%2F")).StatusCode);
        return client;
    }

    private Task<int> AuditCountAsync() => factory.InDbAsync(db => db.AuditEntries.CountAsync());
    private Task<int> SignUpCountAsync() => factory.InDbAsync(db => db.VolunteerSignUps.CountAsync());

    /// <summary>The links in the newest mail to the address, as paths on this site.</summary>
    private async Task<(string Confirm, string Shifts, MimeKit.MimeMessage Mail)> LinksAsync(string email, int atLeast = 1)
    {
        var mail = (await MailToAsync(factory, email, atLeast)).Last();
        var links = Regex.Matches(WebUtility.HtmlDecode(mail.HtmlBody!), "href=\"([^\"]+)\"").Select(m => new Uri(m.Groups[1].Value).PathAndQuery).ToList();
        return (links.Single(l => l.StartsWith("/workshopdagen/vrijwilliger-bevestigen")), links.Single(l => l.StartsWith("/workshopdagen/mijn-diensten")), mail);
    }

    [Fact]
    public async Task A_person_signs_up_on_the_page_confirms_the_address_sees_the_shifts_and_withdraws_once()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var s = await SetUpAsync(coordinator, "helpen");
        var visitor = Anonymous(factory);
        Assert.Contains("/workshopdagen/helpen/vrijwilligers", await visitor.GetStringAsync("/workshopdagen/helpen"));

        // In Dutch, only the required fields: the shift chosen from its row's link, a name and an address.
        var form = await Form.OpenAsync(visitor, $"/workshopdagen/helpen/vrijwilligers?dienst={s.Reception}");
        Assert.Equal(s.Reception.ToString(), form["dienst"]);
        form["Name"] = "Piet de Vries";
        form["Email"] = "piet@vrijwilliger.example";
        var sent = await form.SubmitAsync(visitor);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("Je aanmelding is ontvangen en je plaats is vastgelegd.", WebUtility.HtmlDecode(await visitor.GetStringAsync(sent.Headers.Location!.OriginalString)));
        var row = await factory.InDbAsync(db => db.VolunteerSignUps.SingleAsync(v => v.EventId == s.Event.Id));
        Assert.Equal(("Piet de Vries", "piet@vrijwilliger.example", null, s.Reception), (row.Name, row.Email, row.Phone, row.ShiftId));
        Assert.Null(row.EmailConfirmedAt);
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.VolunteerSignedUp && a.EntityId == row.Id.ToString())));

        // The unconfirmed sign-up holds its place: 11 of 12 left.
        var places = await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{s.Event.Id}/shifts");
        Assert.Equal(11, places.EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == s.Reception).GetProperty("placesLeft").GetInt32());

        // The mail's confirmation link shows a button; only the button confirms, once.
        var (confirm, shiftsLink, mail) = await LinksAsync("piet@vrijwilliger.example");
        Assert.Equal("Vrijwilliger bij Techniekdagen helpen", mail.Subject);
        Assert.Contains("Ja, dit is mijn e-mailadres", await visitor.GetStringAsync(confirm));
        Assert.Null(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == row.Id).Select(v => v.EmailConfirmedAt).SingleAsync()));
        var code = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + confirm).Query)["code"]!;
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(visitor, "/workshopdagen/vrijwilliger-bevestigen", new() { ["Code"] = code[..^4] + "AAAA" }, confirm)).StatusCode);
        var confirmed = await PostFormAsync(visitor, "/workshopdagen/vrijwilliger-bevestigen", new() { ["Code"] = code }, confirm);
        Assert.Contains("id=\"gedaan\"", await confirmed.Content.ReadAsStringAsync());
        var at = await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == row.Id).Select(v => v.EmailConfirmedAt).SingleAsync());
        Assert.NotNull(at);
        Assert.Contains("id=\"gedaan\"", await (await PostFormAsync(visitor, "/workshopdagen/vrijwilliger-bevestigen", new() { ["Code"] = code }, confirm)).Content.ReadAsStringAsync());
        Assert.Equal(at, await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == row.Id).Select(v => v.EmailConfirmedAt).SingleAsync()));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.VolunteerConfirmed && a.EntityId == row.Id.ToString())));

        // In English, with the phone number, for a shift on day 2 (the address typed in capitals is the same person).
        var english = await EnglishAsync();
        var en = await Form.OpenAsync(english, "/workshopdagen/helpen/vrijwilligers");
        Assert.Equal("", en["dienst"]);
        (en["dienst"], en["Name"], en["Email"], en["Phone"]) = (s.Building.ToString(), "Piet de Vries", "Piet@Vrijwilliger.example", "+31 6 1234 5678");
        var enSent = await en.SubmitAsync(english);
        Assert.Equal(HttpStatusCode.Redirect, enSent.StatusCode);
        Assert.Contains("Your sign-up has been received and your place is held.", WebUtility.HtmlDecode(await english.GetStringAsync(enSent.Headers.Location!.OriginalString)));
        Assert.Equal("+31 6 1234 5678", await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.ShiftId == s.Building).Select(v => v.Phone).SingleAsync()));
        Assert.Equal("Volunteer at Techniekdagen helpen", (await LinksAsync("piet@vrijwilliger.example", 2)).Mail.Subject);

        // The link of the first mail shows both shifts; withdrawing from Ontvangst frees its place and is audited.
        var mine = WebUtility.HtmlDecode(await visitor.GetStringAsync(shiftsLink));
        Assert.Contains("Ontvangst", mine);
        Assert.Contains("Opbouw", mine);
        var withdraw = await Form.OpenAsync(visitor, shiftsLink, "Withdraw");
        Assert.Equal(row.Id.ToString(), withdraw["SignUpId"]);
        var withdrawn = await withdraw.SubmitAsync(visitor);
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Contains("Je bent afgemeld voor de dienst.", WebUtility.HtmlDecode(await visitor.GetStringAsync(withdrawn.Headers.Location!.OriginalString)));
        var withdrawnAt = await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == row.Id).Select(v => v.WithdrawnAt).SingleAsync());
        Assert.NotNull(withdrawnAt);
        places = await visitor.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{s.Event.Id}/shifts");
        Assert.Equal(12, places.EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == s.Reception).GetProperty("placesLeft").GetInt32());

        // The same withdraw form sent again: a clear message (in English too), nothing changed.
        var audit = await AuditCountAsync();
        var twice = await withdraw.SubmitAsync(visitor);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("Je bent al afgemeld voor de dienst 'Ontvangst'.", WebUtility.HtmlDecode(await twice.Content.ReadAsStringAsync()));
        var twiceEn = await PostFormAsync(visitor, "/workshopdagen/mijn-diensten?handler=Withdraw&culture=en",
            new() { ["Sleutel"] = withdraw["Sleutel"], ["SignUpId"] = row.Id.ToString() }, shiftsLink);
        Assert.Contains("You have already withdrawn from the shift 'Ontvangst'.", WebUtility.HtmlDecode(await twiceEn.Content.ReadAsStringAsync()));
        Assert.Equal(withdrawnAt, await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == row.Id).Select(v => v.WithdrawnAt).SingleAsync()));
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.VolunteerWithdrew && a.EntityId == row.Id.ToString())));

        // A key that is not one, or a sign-up of someone else with this key: not found, nothing changed.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(VolunteerSignUps.ShiftsUrl("onbekend"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(s.Event.Id, s.Reception, Volunteer("Anna", "anna@vrijwilliger.example"))).StatusCode);
        var anna = await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Email == "anna@vrijwilliger.example").Select(v => v.Id).SingleAsync());
        var other = await PostFormAsync(visitor, "/workshopdagen/mijn-diensten?handler=Withdraw", new() { ["Sleutel"] = withdraw["Sleutel"], ["SignUpId"] = anna.ToString() }, shiftsLink);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("Deze aanmelding als vrijwilliger is niet gevonden; controleer de link.", WebUtility.HtmlDecode(await other.Content.ReadAsStringAsync()));
        Assert.Null(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == anna).Select(v => v.WithdrawnAt).SingleAsync()));
    }

    [Fact]
    public async Task Bad_sign_ups_get_a_clear_message_and_change_nothing()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var s = await SetUpAsync(coordinator, "fouten");
        var elsewhere = await EventAsync(factory, coordinator, "elders");
        var otherShift = await factory.InDbAsync(db => db.VolunteerShifts.Where(x => x.EventId == elsewhere.Id).Select(x => x.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(s.Event.Id, s.Coffee, Volunteer("Kees", "kees@vrijwilliger.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(s.Event.Id, s.Reception, Volunteer("Piet", "piet@fout.example"))).StatusCode);
        // Opruimen starts as Ontvangst ends: no overlap.
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(s.Event.Id, s.Clearing, Volunteer("Piet", "piet@fout.example"))).StatusCode);

        var audit = await AuditCountAsync();
        var count = await SignUpCountAsync();
        var mails = MailTo(factory, "piet@fout.example").Count;
        var refusals = new (int Shift, object Body, HttpStatusCode Status, string Message)[]
        {
            (s.Coffee, Volunteer("Anna", "anna@fout.example"), HttpStatusCode.Conflict, "De dienst 'Koffie' is vol: er zijn genoeg vrijwilligers. Kies een andere dienst."),
            (otherShift, Volunteer("Anna", "anna@fout.example"), HttpStatusCode.NotFound, "Kies een dienst van deze workshopdagen."),
            (s.Reception, Volunteer("Piet", "PIET@fout.example"), HttpStatusCode.Conflict, "Met dit e-mailadres ben je al aangemeld voor de dienst 'Ontvangst'."),
            (s.Guiding, Volunteer("Piet", "piet@fout.example"), HttpStatusCode.Conflict, "Met dit e-mailadres ben je op die dag al aangemeld voor 'Ontvangst' van 08:00 tot 12:00; die dienst overlapt met deze."),
            (s.Reception, Volunteer("Anna", "anna@"), HttpStatusCode.BadRequest, "Geef een geldig e-mailadres; daar komt de link om je aanmelding te bevestigen."),
            (s.Reception, Volunteer("Anna", "anna fout@example.org"), HttpStatusCode.BadRequest, "Geef een geldig e-mailadres; daar komt de link om je aanmelding te bevestigen."),
            (s.Reception, Volunteer("   ", "anna@fout.example"), HttpStatusCode.BadRequest, "Geef je naam (hoogstens 200 tekens)."),
            (s.Reception, Volunteer(new string('a', 201), "anna@fout.example"), HttpStatusCode.BadRequest, "Geef je naam (hoogstens 200 tekens)."),
            (s.Reception, new { email = "anna@fout.example" }, HttpStatusCode.BadRequest, "Geef je naam (hoogstens 200 tekens)."),
            (s.Reception, Volunteer("Anna", "anna@fout.example", "=1+1"), HttpStatusCode.BadRequest, "Een telefoonnummer heeft hoogstens 30 tekens: cijfers, spaties en + - ( )."),
        };
        foreach (var (shift, body, status, message) in refusals)
        {
            var refused = await SignUpAsync(s.Event.Id, shift, body);
            Assert.Equal(status, refused.StatusCode);
            Assert.Equal(message, (await refused.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        // A shift whose day is over.
        await factory.InDbAsync(db => db.EventDays.Where(d => d.Id == s.Event.Day2).ExecuteUpdateAsync(x => x.SetProperty(d => d.Date, DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-2)))));
        var past = await SignUpAsync(s.Event.Id, s.Building, Volunteer("Anna", "anna@fout.example"));
        Assert.Equal(HttpStatusCode.Conflict, past.StatusCode);
        Assert.Equal("De dag van de dienst 'Opbouw' is voorbij; aanmelden kan niet meer.", (await past.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        var english = await SignUpAsync(s.Event.Id, s.Coffee, Volunteer("Anna", "anna@fout.example"), "?culture=en");
        Assert.Equal("The shift 'Koffie' is full: it has enough volunteers. Choose another shift.", (await english.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await SignUpAsync(999_999, s.Reception, Volunteer("Anna", "anna@fout.example"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Anonymous(factory).GetAsync("/api/v1/workshop-days/999999/shifts")).StatusCode);

        // The page: a full shift says so and cannot be chosen; a refused form keeps what was typed.
        var visitor = Anonymous(factory);
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync("/workshopdagen/fouten/vrijwilligers"));
        Assert.Contains("Vol", Regex.Match(page, $"<tr id=\"dienst-{s.Coffee}\">.*?</tr>", RegexOptions.Singleline).Value);
        Assert.Matches($"<option value=\"{s.Coffee}\"[^>]*disabled[^>]*>[^<]*Koffie \\(vol\\)", page);
        // A shift whose day is over says so, offers no sign-up and cannot be chosen; the API says it too.
        var building = Regex.Match(page, $"<tr id=\"dienst-{s.Building}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains("Voorbij", building);
        Assert.DoesNotContain("Aanmelden voor", building);
        Assert.Matches($"<option value=\"{s.Building}\"[^>]*disabled[^>]*>[^<]*Opbouw \\(voorbij\\)", page);
        var shifts = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{s.Event.Id}/shifts");
        Assert.Equal([(s.Building, true)], shifts.EnumerateArray().Where(x => x.GetProperty("past").GetBoolean()).Select(x => (x.GetProperty("id").GetInt32(), true)));
        var form = await Form.OpenAsync(visitor, "/workshopdagen/fouten/vrijwilligers");
        (form["dienst"], form["Name"], form["Email"]) = (s.Guiding.ToString(), "Piet", "piet@fout.example");
        var refusedPage = await form.SubmitAsync(visitor);
        Assert.Equal(HttpStatusCode.Conflict, refusedPage.StatusCode);
        var refusedHtml = WebUtility.HtmlDecode(await refusedPage.Content.ReadAsStringAsync());
        Assert.Contains("die dienst overlapt met deze.", refusedHtml);
        Assert.Contains("value=\"piet@fout.example\"", refusedHtml);
        (form["dienst"], form["Email"]) = ("", "anna@fout.example");
        var noShift = await form.SubmitAsync(visitor);
        Assert.Equal(HttpStatusCode.BadRequest, noShift.StatusCode);
        Assert.Contains("Kies een dienst van deze workshopdagen.", WebUtility.HtmlDecode(await noShift.Content.ReadAsStringAsync()));
        var englishVisitor = await EnglishAsync();
        var enForm = await Form.OpenAsync(englishVisitor, "/workshopdagen/fouten/vrijwilligers");
        (enForm["dienst"], enForm["Name"], enForm["Email"]) = (s.Reception.ToString(), "", "anna@fout.example");
        var enRefused = await enForm.SubmitAsync(englishVisitor);
        Assert.Equal(HttpStatusCode.BadRequest, enRefused.StatusCode);
        Assert.Contains("Give your name (at most 200 characters).", WebUtility.HtmlDecode(await enRefused.Content.ReadAsStringAsync()));

        Assert.Equal(count, await SignUpCountAsync());
        Assert.Equal(audit, await AuditCountAsync());
        Assert.Equal(mails, MailTo(factory, "piet@fout.example").Count);
        Assert.Empty(MailTo(factory, "anna@fout.example"));
    }

    [Fact]
    public async Task Twenty_people_at_once_for_a_shift_needing_five_give_exactly_five()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var e = await EventAsync(factory, coordinator, "drukte");
        await PostAsync(coordinator, e.Slug, "Shift", new() { ["DayId"] = e.Day2.ToString(), ["Task"] = "Parkeren", ["StartsAt"] = "08:00", ["EndsAt"] = "10:00", ["Needed"] = "5" });
        var shift = await factory.InDbAsync(db => db.VolunteerShifts.Where(s => s.EventId == e.Id && s.Task == "Parkeren").Select(s => s.Id).SingleAsync());
        var audit = await AuditCountAsync();

        var answers = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => SignUpAsync(e.Id, shift, Volunteer($"Helper {i}", $"helper{i}@drukte.example"))));

        Assert.Equal(5, answers.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refused = answers.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(15, refused.Count);
        foreach (var r in refused)
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Equal("De dienst 'Parkeren' is vol: er zijn genoeg vrijwilligers. Kies een andere dienst.", (await r.ReadAsync<JsonElement>()).GetProperty("detail").GetString());
        }
        // Nothing else written: five rows, five audit lines, five mails; the answers counted the places down 4, 3, 2, 1, 0.
        var rows = await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.EventId == e.Id).ToListAsync());
        Assert.Equal(5, rows.Count);
        Assert.All(rows, v => Assert.Equal(shift, v.ShiftId));
        Assert.Equal(audit + 5, await AuditCountAsync());
        var ids = rows.Select(v => v.Id.ToString()).ToList();
        Assert.Equal(5, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.VolunteerSignedUp && ids.Contains(a.EntityId!))));
        Assert.Equal(5, Enumerable.Range(1, 20).Count(i => MailTo(factory, $"helper{i}@drukte.example").Count == 1));
        var left = new List<int>();
        foreach (var a in answers.Where(a => a.StatusCode == HttpStatusCode.Created))
            left.Add((await a.ReadAsync<JsonElement>()).GetProperty("placesLeft").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4], left.Order());
        var shifts = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{e.Id}/shifts");
        var parking = shifts.EnumerateArray().Single(x => x.GetProperty("id").GetInt32() == shift);
        Assert.Equal((5, 0, true), (parking.GetProperty("signedUp").GetInt32(), parking.GetProperty("placesLeft").GetInt32(), parking.GetProperty("full").GetBoolean()));
    }

    [Fact]
    public async Task The_roster_shows_the_coordinator_the_figures_and_names_and_nobody_else_sees_them()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var s = await SetUpAsync(coordinator, "rooster-vrijwilligers");
        var id = s.Event.Id;
        string[] names = ["Anna", "Bram", "Carla", "=HYPERLINK(\"http://kwaad.example\")", "Dirk"];
        for (var i = 0; i < names.Length; i++)
            Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(id, i < 3 ? s.Reception : s.Building, Volunteer(names[i], $"v{i}@rooster.example", i == 0 ? "06-12345678" : null))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await SignUpAsync(id, s.Coffee, Volunteer("Eva", "eva@rooster.example"))).StatusCode);
        // Bram withdraws (his row stays, holding no place).
        var (_, bramLink, _) = await LinksAsync("v1@rooster.example");
        var bram = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await (await Form.OpenAsync(bram, bramLink, "Withdraw")).SubmitAsync(bram)).StatusCode);
        // His confirmation link, used after withdrawing, confirms nothing.
        var bramConfirm = (await LinksAsync("v1@rooster.example")).Confirm;
        Assert.Contains("id=\"afgemeld\"", await bram.GetStringAsync(bramConfirm));
        await PostFormAsync(bram, "/workshopdagen/vrijwilliger-bevestigen", new() { ["Code"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + bramConfirm).Query)["code"]! }, bramConfirm);
        Assert.Null(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Email == "v1@rooster.example").Select(v => v.EmailConfirmedAt).SingleAsync()));

        // By hand from the rows: per shift the sign-ups neither withdrawn nor removed.
        var rows = await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.EventId == id).ToListAsync());
        var needed = await factory.InDbAsync(db => db.VolunteerShifts.Where(x => x.EventId == id).ToDictionaryAsync(x => x.Id, x => x.Needed));
        var byHand = needed.Keys.ToDictionary(k => k, k => rows.Count(v => v.ShiftId == k && v.WithdrawnAt == null && v.RemovedAt == null));
        Assert.Equal(6, rows.Count);
        Assert.Equal(5, byHand.Values.Sum());

        var roster = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{id}/roster");
        Assert.Equal(needed.Count, roster.GetArrayLength());
        foreach (var shift in roster.EnumerateArray())
        {
            var shiftId = shift.GetProperty("shiftId").GetInt32();
            Assert.Equal(byHand[shiftId], shift.GetProperty("filled").GetInt32());
            Assert.Equal(needed[shiftId], shift.GetProperty("needed").GetInt32());
            Assert.Equal(byHand[shiftId], shift.GetProperty("volunteers").GetArrayLength());
        }
        var public_ = await Anonymous(factory).GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{id}/shifts");
        foreach (var shift in public_.EnumerateArray())
            Assert.Equal(needed[shift.GetProperty("id").GetInt32()] - byHand[shift.GetProperty("id").GetInt32()], shift.GetProperty("placesLeft").GetInt32());

        // The page: filled / needed per shift, in Dutch and English, the names, addresses and phone, confirmed or not.
        var page = WebUtility.HtmlDecode(await coordinator.GetStringAsync("/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster"));
        var reception = Regex.Match(page, $"<tr id=\"bezetting-{s.Reception}\">.*?</tr>", RegexOptions.Singleline).Value;
        Assert.Matches("<td class=\"number\">2</td><td class=\"number\">12</td>", reception);
        foreach (var shown in new[] { "Anna", "v0@rooster.example", "06-12345678", "Carla", "Dirk", "Eva" })
            Assert.Contains(shown, page);
        Assert.DoesNotContain("Bram", page);
        Assert.Contains("Volunteer roster", await coordinator.GetStringAsync("/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster?culture=en"));
        Assert.Contains("/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster", await coordinator.GetStringAsync("/workshopdagen/rooster-vrijwilligers"));

        // The CSV: one row per volunteer standing, one row for each empty shift; what a volunteer typed cannot run as a formula.
        var csvResponse = await coordinator.GetAsync($"/api/v1/workshop-days/{id}/roster.csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        var csv = Encoding.UTF8.GetString(await csvResponse.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(VolunteerRoster.CsvHeader, csv[0]);
        Assert.Equal(byHand.Values.Sum(n => Math.Max(1, n)), csv.Length - 1);
        Assert.Contains(csv, l => l.Contains(";\"'=HYPERLINK(\"\"http://kwaad.example\"\")\";v3@rooster.example;;nee"));
        Assert.Contains(csv, l => l.EndsWith(";Anna;v0@rooster.example;06-12345678;nee") && l.Contains(";Ontvangst;08:00;12:00;12;2;"));

        // Nobody else sees a name: not the public pages nor the API, not other roles.
        foreach (var url in new[] { "/workshopdagen/rooster-vrijwilligers/vrijwilligers", "/workshopdagen/rooster-vrijwilligers", $"/api/v1/workshop-days/{id}/shifts", $"/api/v1/workshop-days/{id}" })
        {
            var text = await Anonymous(factory).GetStringAsync(url);
            Assert.DoesNotContain("v0@rooster.example", text);
            Assert.DoesNotContain("Carla", text);
        }
        var anonymous = Anonymous(factory);
        Assert.Equal("/inloggen", (await anonymous.GetAsync("/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster")).Headers.Location?.AbsolutePath);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/workshop-days/{id}/roster")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/v1/workshop-days/{id}/roster.csv")).StatusCode);
        var anna = rows.Single(v => v.Name == "Anna").Id;
        foreach (var who in new[] { "lid@pactwerk.demo", "redacteur@hva.demo", "coordinator@zorgpact.demo", "oost@techniekpact.demo" })
        {
            var other = await SignInAsync(factory, who);
            Assert.Equal("/geen-toegang", (await other.GetAsync("/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster")).Headers.Location?.AbsolutePath);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/workshop-days/{id}/roster")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/v1/workshop-days/{id}/roster.csv")).StatusCode);
            var removal = await other.PostAsync("/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster?handler=Remove",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["SignUpId"] = anna.ToString(), ["__RequestVerificationToken"] = AntiforgeryToken(await other.GetStringAsync("/workshopdagen")) }));
            Assert.Equal("/geen-toegang", removal.Headers.Location?.AbsolutePath);
        }
        Assert.Null(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == anna).Select(v => v.RemovedAt).SingleAsync()));

        // The coordinator takes Anna off the shift: the place is free, it is audited; doing it again says so and changes nothing.
        var remove = await Form.OpenAsync(coordinator, "/workshopdagen/rooster-vrijwilligers/vrijwilligersrooster", "Remove");
        Assert.Equal(anna.ToString(), remove["SignUpId"]);
        var removed = await remove.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Contains("De vrijwilliger is van de dienst gehaald", WebUtility.HtmlDecode(await coordinator.GetStringAsync(removed.Headers.Location!.OriginalString)));
        Assert.NotNull(await factory.InDbAsync(db => db.VolunteerSignUps.Where(v => v.Id == anna).Select(v => v.RemovedAt).SingleAsync()));
        Assert.Equal(1, await factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == WorkshopDayAuditActions.VolunteerRemoved && a.EntityId == anna.ToString())));
        var audit = await AuditCountAsync();
        var again = await remove.SubmitAsync(coordinator);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Anna staat al niet meer op de dienst 'Ontvangst'.", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
        Assert.Equal(audit, await AuditCountAsync());
        roster = await coordinator.GetFromJsonAsync<JsonElement>($"/api/v1/workshop-days/{id}/roster");
        Assert.Equal(1, roster.EnumerateArray().Single(x => x.GetProperty("shiftId").GetInt32() == s.Reception).GetProperty("filled").GetInt32());
        // The audit lines name the shift, never the volunteer.
        var details = await factory.InDbAsync(db => db.AuditEntries.Where(a => a.EntityType == nameof(VolunteerSignUp)).Select(a => a.After ?? "").ToListAsync());
        Assert.NotEmpty(details);
        Assert.DoesNotContain(details, d => d.Contains("rooster.example") || d.Contains("Anna"));
    }
}

public sealed class VolunteerSqlite(SqliteFactory factory) : VolunteerTests<SqliteFactory>(factory);
public sealed class VolunteerPostgres(PostgresFactory factory) : VolunteerTests<PostgresFactory>(factory);
