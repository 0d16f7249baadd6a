using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Parser;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// The rooms' pages as people fill them (issue 20 items 6 and 7): the list and a room for everyone, the booking form for someone
/// acting for an organisation (Dutch and English, only the required fields, a clash that names what is in the way and books
/// nothing, the free dates of a series on request, bad input that changes nothing), the owner's page (an unchanged save changes
/// nothing, bad input changes nothing, approving and declining), the booker's record of use, and the utilisation against
/// hours counted by hand. Who may and who may not: anonymous, a partner editor of another organisation, the owner.
/// </summary>
public abstract class RoomPagesTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static string Iso(DateOnly day) => RoomsTestData.Iso(day);

    private async Task<HttpClient> InAsync(string email, string culture)
    {
        var client = await SignInAsync(factory, email);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        return client;
    }

    private Task<List<RoomBooking>> BookingsAsync(int room) =>
        factory.InDbAsync(db => db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room).OrderBy(b => b.StartsAt).ToListAsync());

    /// <summary>A page's refusal: to the page that says so (the API answers 403 instead).</summary>
    private static void AssertRefused(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/geen-toegang", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static string Text(string html) => new HtmlParser().ParseDocument(html).QuerySelector("main")!.TextContent;

    [Fact]
    public async Task Anyone_sees_the_rooms_and_a_room_but_only_a_signed_in_person_sees_the_bookings_and_only_the_owner_the_owners_page()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal openbaar", equipment: ["lasersnijder"]);
        var anonymous = Anonymous(factory);
        var list = await anonymous.GetStringAsync("/lokalen");
        Assert.Contains($"href=\"/lokalen/{room}\"", list);
        // The filters are the API's: equipment and a region of any set (Zwolle lies in landsdeel Oost, not in Noord).
        Assert.Contains($"href=\"/lokalen/{room}\"", await anonymous.GetStringAsync("/lokalen?uitrusting=lasersnijder&regio=TP-OOST"));
        Assert.DoesNotContain($"href=\"/lokalen/{room}\"", await anonymous.GetStringAsync("/lokalen?uitrusting=lasersnijder&regio=TP-NOORD"));
        Assert.DoesNotContain($"href=\"/lokalen/{room}\"", await anonymous.GetStringAsync("/lokalen?uitrusting=cnc"));
        var unknown = await anonymous.GetAsync("/lokalen?regio=XX999");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Er is geen regio", await unknown.Content.ReadAsStringAsync());

        var page = await anonymous.GetStringAsync($"/lokalen/{room}");
        Assert.Contains("Lokaal openbaar", page);
        Assert.Contains("07:00–22:00", page);
        Assert.Contains("Log in om de boekingen te zien en te boeken.", page);
        Assert.DoesNotContain("name=\"Date\"", page);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/lokalen/999999")).StatusCode);

        // Writing without signing in, through a token of the site: a sign-in, nothing booked.
        var before = await RoomsTestData.BookingCountAsync(factory);
        var post = await PostFormAsync(anonymous, $"/lokalen/{room}", new() { ["Date"] = Iso(RoomsTestData.Next(DayOfWeek.Tuesday)), ["From"] = "19:00", ["To"] = "20:00" });
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.StartsWith("/inloggen", post.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));
        foreach (var path in new[] { $"/lokalen/{room}/beheer", "/lokalen/mijn-boekingen" })
        {
            var response = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/inloggen", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lokalen/bezetting")).StatusCode);

        // A partner editor of another organisation sees the week and the form, not the owner's page, and cannot change the room.
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var seen = await company.GetStringAsync($"/lokalen/{room}");
        Assert.Contains("name=\"Date\"", seen);
        Assert.Contains("Je boekt namens FN Kempen.", seen);
        Assert.DoesNotContain($"/lokalen/{room}/beheer", seen);
        AssertRefused(await company.GetAsync($"/lokalen/{room}/beheer"));
        var version = await factory.InDbAsync(db => db.Rooms.Where(r => r.Id == room).Select(r => r.Version).SingleAsync());
        var forged = await PostFormAsync(company, $"/lokalen/{room}/beheer", new() { ["Name"] = "Overgenomen", ["Address"] = "Elders", ["Capacity"] = "5", ["Version"] = version.ToString(CultureInfo.InvariantCulture) },
            formPage: $"/lokalen/{room}");
        AssertRefused(forged);
        Assert.Equal("Lokaal openbaar", await factory.InDbAsync(db => db.Rooms.Where(r => r.Id == room).Select(r => r.Name).SingleAsync()));

        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        Assert.Contains($"href=\"/lokalen/{room}/beheer\"", await owner.GetStringAsync($"/lokalen/{room}"));
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/lokalen/{room}/beheer")).StatusCode);
    }

    [Theory]
    [InlineData("nl", "Je boekt namens FN Kempen.")]
    [InlineData("en", "You book on behalf of FN Kempen.")]
    public async Task A_company_books_with_only_the_required_fields_in_Dutch_and_English(string culture, string behalf)
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal formulier " + culture);
        var tuesday = RoomsTestData.Next(DayOfWeek.Tuesday);
        var company = await InAsync(RoomsTestData.Company, culture);
        var form = Form.Read(await company.GetStringAsync($"/lokalen/{room}"), $"/lokalen/{room}");
        Assert.Contains(behalf, await company.GetStringAsync($"/lokalen/{room}"));
        // The form carries its own antiforgery token (a browser sends no header).
        Assert.Contains("__RequestVerificationToken", form.Names);
        form["Date"] = Iso(tuesday);
        form["From"] = "19:00";
        form["To"] = "21:30";
        var response = await form.SubmitAsync(company);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("geboekt=1", response.Headers.Location!.OriginalString);
        var booking = Assert.Single(await BookingsAsync(room));
        Assert.Equal(tuesday.ToDateTime(new TimeOnly(19, 0)), RoomTime.ToLocal(booking.StartsAt));
        Assert.Equal(tuesday.ToDateTime(new TimeOnly(21, 30)), RoomTime.ToLocal(booking.EndsAt));
        Assert.Equal((RoomBookingStatus.Pending, RoomUserKind.Company, (Guid?)null, (string?)null), (booking.Status, booking.UserKind, booking.SeriesId, booking.Purpose));
        // The week of the booking shows it, in the reader's language.
        var week = await company.GetStringAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("19:00–21:30 FN Kempen", week);
        Assert.Contains(culture == "en" ? "awaiting approval" : "wacht op goedkeuring", week);
    }

    [Theory]
    [InlineData("nl", "1 van de 6 data zijn al bezet; er is niets geboekt.")]
    [InlineData("en", "1 of the 6 dates are already taken; nothing was booked.")]
    public async Task A_series_with_a_taken_date_books_nothing_and_shows_what_is_in_the_way_and_with_the_tick_books_the_free_dates(string culture, string message)
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal reeksformulier " + culture);
        var first = RoomsTestData.Next(DayOfWeek.Tuesday);
        var taken = first.AddDays(14);
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var held = await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", new { date = Iso(taken), from = "18:00", to = "20:00" });
        Assert.Equal(HttpStatusCode.Created, held.StatusCode);
        var heldId = (await held.ReadAsync<BookedDto>()).Bookings.Single().Id;

        var company = await InAsync(RoomsTestData.Company, culture);
        var form = await Form.OpenAsync(company, $"/lokalen/{room}");
        form["Date"] = Iso(first);
        form["From"] = "19:00";
        form["To"] = "21:30";
        form["WeeklyUntil"] = Iso(first.AddDays(35));
        form["Purpose"] = "Bijscholing lassen";
        var clash = await form.SubmitAsync(company);

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var html = await clash.Content.ReadAsStringAsync();
        var text = Text(html);
        Assert.Contains(message, text);
        // What is in the way: which date, who, when, which booking.
        var row = new HtmlParser().ParseDocument(html).QuerySelectorAll("#fouten table tbody tr").Single().TextContent;
        Assert.Contains(taken.ToString("ddd d MMM yyyy", CultureInfo.GetCultureInfo(culture == "en" ? "en" : "nl-NL")), row);
        Assert.Contains("Hogeschool van Arnhem en Nijmegen", row);
        Assert.Contains("18:00–20:00", row);
        Assert.Contains(heldId.ToString(CultureInfo.InvariantCulture), row);
        Assert.Single(await BookingsAsync(room));
        // The form keeps what was typed.
        var again = Form.Read(html, $"/lokalen/{room}");
        Assert.Equal((Iso(first), "19:00", "21:30", Iso(first.AddDays(35))), (again["Date"], again["From"], again["To"], again["WeeklyUntil"]));

        var booked = await SubmitWithAsync(company, again, "SkipClashing", "true");
        Assert.Equal(HttpStatusCode.Redirect, booked.StatusCode);
        Assert.Contains("geboekt=5&overgeslagen=1", booked.Headers.Location!.OriginalString);
        var rows = await BookingsAsync(room);
        var series = rows.Where(b => b.OrganisationId != rows.Single(r => r.Id == heldId).OrganisationId).ToList();
        Assert.Equal(5, series.Count);
        Assert.Single(series.Select(b => b.SeriesId).Distinct());
        Assert.DoesNotContain(series, b => DateOnly.FromDateTime(RoomTime.ToLocal(b.StartsAt)) == taken);
        Assert.All(series, b => Assert.Equal("Bijscholing lassen", b.Purpose));
    }

    /// <summary>A form whose checkbox was not ticked on the page: sent with it ticked, as the browser would after the click.</summary>
    private static Task<HttpResponseMessage> SubmitWithAsync(HttpClient client, Form form, string name, string value)
    {
        var fields = form.Names.Where(n => n != name).Select(n => new KeyValuePair<string, string>(n, form[n])).Append(new(name, value));
        return client.PostAsync(form.Action, new FormUrlEncodedContent(fields));
    }

    [Theory]
    [InlineData("nl", "06:00", "08:00", 0, null, "Buiten de openingstijden: op dinsdag is het lokaal open van 07:00 tot 22:00.")]
    [InlineData("en", "06:00", "08:00", 0, null, "Outside the opening hours: on Tuesday the room is open from 07:00 to 22:00.")]
    [InlineData("nl", "19:00", "20:00", -14, null, "ligt in het verleden; boeken kan alleen voor een moment dat nog komt.")]
    [InlineData("en", "19:00", "20:00", -14, null, "is in the past; you can only book a moment still to come.")]
    [InlineData("nl", "19:00", "20:00", 0, 21, "Het lokaal is gesloten op")]
    [InlineData("nl", "21:00", "19:00", 0, null, "Vul de begin- en eindtijd in als uu:mm")]
    [InlineData("en", "19:00", "20:00", -21, null, "Owner's rule: book at least 72 hours in advance")]
    public async Task Bad_input_gives_the_message_and_books_nothing(string culture, string from, string to, int shift, int? untilDays, string message)
    {
        var first = RoomsTestData.Next(DayOfWeek.Tuesday);
        var closed = first.AddDays(14);
        var room = await RoomsTestData.RoomAsync(factory, $"Lokaal fout {culture} {from} {shift} {untilDays}",
            leadTimeHours: 72, closures: [new { from = Iso(closed.AddDays(-1)), to = Iso(closed.AddDays(3)), reason = "Voorjaarsvakantie" }]);
        // Shifted back 14 days from at least 21 ahead lies in the past only when the next Tuesday is near: take a past Tuesday then.
        var date = shift switch
        {
            0 => first,
            -14 => RoomsTestData.Next(DayOfWeek.Tuesday, daysAhead: -14),
            // Within the lead time of 72 hours: the first weekday after today (the room is closed at the weekend), at most three days on.
            _ => NextWeekday(DateOnly.FromDateTime(RoomTime.ToLocal(DateTime.UtcNow)).AddDays(1)),
        };
        var company = await InAsync(RoomsTestData.Company, culture);
        var form = await Form.OpenAsync(company, $"/lokalen/{room}");
        form["Date"] = Iso(date);
        form["From"] = from;
        form["To"] = to;
        if (untilDays is { } d)
            form["WeeklyUntil"] = Iso(first.AddDays(d));
        var response = await form.SubmitAsync(company);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.Empty(await BookingsAsync(room));
    }

    private static DateOnly NextWeekday(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(2),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task The_owner_saves_the_room_an_unchanged_save_changes_nothing_and_bad_input_changes_nothing(string culture)
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal beheer " + culture);
        var owner = await InAsync(RoomsTestData.Owner, culture);
        Task<(int Version, int Audit)> StateAsync() => factory.InDbAsync(async db => (
            await db.Rooms.Where(r => r.Id == room).Select(r => r.Version).SingleAsync(),
            await db.AuditEntries.CountAsync(a => a.EntityType == nameof(Room) && a.EntityId == room.ToString(CultureInfo.InvariantCulture))));
        var start = await StateAsync();

        var unchanged = await (await Form.OpenAsync(owner, $"/lokalen/{room}/beheer", handler: null)).SubmitAsync(owner);
        Assert.Equal(HttpStatusCode.Redirect, unchanged.StatusCode);
        Assert.Equal(start, await StateAsync());

        // Bad input: named, nothing changed.
        foreach (var (field, value, expected) in new[]
                 {
                     ("Capacity", "veel", culture == "en" ? "Fill in a capacity of 1 to 500 people." : "Vul een capaciteit in van 1 tot 500 personen."),
                     ("Opens[1]", "23:00", culture == "en" ? "Opening hours: fill in an opening and a closing time" : "Openingstijden: vul per dag een openings- en sluitingstijd in"),
                     ("ClosureFrom[0]", "2027-13-01", culture == "en" ? "Closure: fill in from and to" : "Sluiting: vul van en tot in"),
                     ("Municipality", "GM9999", culture == "en" ? "&#x27;GM9999&#x27; is not a municipality" : "&#x27;GM9999&#x27; is geen gemeente"),
                 })
        {
            var bad = await Form.OpenAsync(owner, $"/lokalen/{room}/beheer");
            bad[field] = value;
            var refused = await bad.SubmitAsync(owner);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains(expected, await refused.Content.ReadAsStringAsync());
            Assert.Equal(start, await StateAsync());
        }

        // Only the required fields: equipment, note, closures and Saturday hours left out; Dutch or English numbers.
        var form = await Form.OpenAsync(owner, $"/lokalen/{room}/beheer");
        form["Capacity"] = "30";
        form["Equipment"] = "";
        form["LeadTimeHours"] = culture == "en" ? "1,000" : "1.000";
        form["Opens[0]"] = "";
        form["Closes[0]"] = "";
        form["ClosureFrom[0]"] = "2027-02-15";
        form["ClosureTo[0]"] = "2027-02-19";
        form["ClosureReason[0]"] = "Voorjaarsvakantie";
        var saved = await form.SubmitAsync(owner);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await factory.InDbAsync(db => db.Rooms.AsNoTracking().Include(r => r.OpeningHours).Include(r => r.Closures).SingleAsync(r => r.Id == room));
        Assert.Equal((30, 1000, 0), (after.Capacity, after.LeadTimeHours, after.Equipment.Count));
        Assert.DoesNotContain(after.OpeningHours, h => h.Day == DayOfWeek.Monday);
        Assert.Equal(4, after.OpeningHours.Count);
        var closure = Assert.Single(after.Closures);
        Assert.Equal((new DateOnly(2027, 2, 15), new DateOnly(2027, 2, 19), "Voorjaarsvakantie"), (closure.From, closure.To, closure.Reason));
        Assert.Equal(start.Version + 1, (await StateAsync()).Version);
        // And what the page shows again saves as nothing new.
        var state = await StateAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await (await Form.OpenAsync(owner, $"/lokalen/{room}/beheer")).SubmitAsync(owner)).StatusCode);
        Assert.Equal(state, await StateAsync());
    }

    [Fact]
    public async Task The_owner_declines_with_a_reason_and_approves_a_series_as_a_whole_and_no_one_else_decides()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal besluit");
        var first = RoomsTestData.Next(DayOfWeek.Wednesday);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var series = (await (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings",
            new { date = Iso(first), from = "18:00", to = "20:00", weeklyUntil = Iso(first.AddDays(21)) })).ReadAsync<BookedDto>()).Bookings;
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var single = (await (await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", new { date = Iso(first), from = "09:00", to = "11:00" })).ReadAsync<BookedDto>()).Bookings.Single();

        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var page = await owner.GetStringAsync($"/lokalen/{room}/beheer");
        Assert.Contains("4 data, van", page);
        Assert.Contains("Hogeschool van Arnhem en Nijmegen", page);

        // The company cannot decide on the school's booking through the owner's page.
        var forged = await PostFormAsync(company, $"/lokalen/{room}/beheer?handler=Decide", new() { ["BookingId"] = single.Id.ToString(CultureInfo.InvariantCulture), ["Approve"] = "true" },
            formPage: $"/lokalen/{room}");
        AssertRefused(forged);
        Assert.All(await BookingsAsync(room), b => Assert.Equal(RoomBookingStatus.Pending, b.Status));

        Form DecisionForm(string html, int bookingId, bool approve) => ReadDecision(html, $"/lokalen/{room}/beheer", bookingId, approve);
        var noReason = await DecisionForm(page, single.Id, approve: false).SubmitAsync(owner);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Geef een reden bij een afwijzing.", await noReason.Content.ReadAsStringAsync());
        Assert.All(await BookingsAsync(room), b => Assert.Equal(RoomBookingStatus.Pending, b.Status));

        var decline = DecisionForm(page, single.Id, approve: false);
        decline["Reason"] = "Examenweek";
        Assert.Equal(HttpStatusCode.Redirect, (await decline.SubmitAsync(owner)).StatusCode);
        var approved = await DecisionForm(page, series[0].Id, approve: true).SubmitAsync(owner);
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Contains("besloten=4", approved.Headers.Location!.OriginalString);

        var rows = await BookingsAsync(room);
        Assert.Equal((RoomBookingStatus.Declined, "Examenweek"), rows.Where(b => b.Id == single.Id).Select(b => (b.Status, b.DecisionReason)).Single());
        Assert.All(rows.Where(b => b.Id != single.Id), b => Assert.Equal(RoomBookingStatus.Approved, b.Status));
        Assert.Contains("Er wachten geen aanvragen.", await owner.GetStringAsync($"/lokalen/{room}/beheer"));
        // Deciding again: told, nothing changed.
        var twice = await DecisionForm(page, series[0].Id, approve: false).SubmitAsync(owner);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    private static Form ReadDecision(string html, string url, int bookingId, bool approve)
    {
        // The page holds two forms per request; the one for this booking and decision is read as the browser shows it.
        var document = new HtmlParser().ParseDocument(html);
        var form = document.QuerySelectorAll("main form").First(f => f.QuerySelector($"input[name=BookingId][value='{bookingId}']") is not null
            && f.QuerySelector("input[name=Approve]")!.GetAttribute("value") == (approve ? "true" : "false"));
        return Form.Read($"<main>{form.OuterHtml}</main>", url);
    }

    [Fact]
    public async Task The_booker_records_use_after_the_start_and_no_one_else_does()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal gebruik pagina", approval: false);
        var fnKempen = await RoomsTestData.OrganisationIdAsync(factory, "FN Kempen");
        // A booking that has begun cannot be made through the form (the past is refused), so it is the database's.
        var past = RoomsTestData.Next(DayOfWeek.Tuesday, daysAhead: -10);
        var id = await factory.InDbAsync(async db =>
        {
            var b = new RoomBooking
            {
                RoomId = room, OrganisationId = fnKempen, BookedBy = "test", UserKind = RoomUserKind.Company, Status = RoomBookingStatus.Approved,
                StartsAt = RoomTime.ToUtc(past, new TimeOnly(19, 0)), EndsAt = RoomTime.ToUtc(past, new TimeOnly(21, 0)), CreatedAt = DateTime.UtcNow.AddDays(-30),
            };
            db.RoomBookings.Add(b);
            await db.SaveChangesAsync();
            return b.Id;
        });
        var future = (await (await (await SignInAsync(factory, RoomsTestData.Company)).PostAsJsonAsync($"/api/v1/rooms/{room}/bookings",
            new { date = Iso(RoomsTestData.Next(DayOfWeek.Thursday)), from = "10:00", to = "12:00" })).ReadAsync<BookedDto>()).Bookings.Single();

        // Another organisation's editor: refused, nothing recorded.
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var refused = await PostFormAsync(school, "/lokalen/mijn-boekingen?handler=Use",
            new() { ["RoomId"] = room.ToString(CultureInfo.InvariantCulture), ["BookingId"] = id.ToString(CultureInfo.InvariantCulture), ["Used"] = "true" }, formPage: "/lokalen/mijn-boekingen");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain($"boeking-{id}", await school.GetStringAsync("/lokalen/mijn-boekingen"));

        var company = await InAsync(RoomsTestData.Company, "en");
        var page = await company.GetStringAsync("/lokalen/mijn-boekingen");
        Assert.Contains($"id=\"boeking-{id}\"", page);
        Assert.Contains($"id=\"boeking-{future.Id}\"", page);
        var forms = new HtmlParser().ParseDocument(page).QuerySelectorAll("main form").ToList();
        // Buttons only for what has begun: a used and a no-show button for the past booking, none for the future one.
        Assert.Equal(2, forms.Count(f => f.QuerySelector($"input[name=BookingId][value='{id}']") is not null));
        Assert.DoesNotContain(forms, f => f.QuerySelector($"input[name=BookingId][value='{future.Id}']") is not null);
        var noShow = Form.Read($"<main>{forms.First(f => f.QuerySelector($"input[name=BookingId][value='{id}']") is not null && f.QuerySelector("input[name=Used][value=false]") is not null).OuterHtml}</main>",
            "/lokalen/mijn-boekingen");
        Assert.Equal(HttpStatusCode.Redirect, (await noShow.SubmitAsync(company)).StatusCode);
        Assert.Equal(RoomUse.NoShow, (await BookingsAsync(room)).Single(b => b.Id == id).Use);
        Assert.Contains("No-show", await company.GetStringAsync("/lokalen/mijn-boekingen"));

        // The future one, sent anyway: the message, nothing recorded.
        var early = await PostFormAsync(company, "/lokalen/mijn-boekingen?handler=Use",
            new() { ["RoomId"] = room.ToString(CultureInfo.InvariantCulture), ["BookingId"] = future.Id.ToString(CultureInfo.InvariantCulture), ["Used"] = "true" }, formPage: "/lokalen/mijn-boekingen");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Contains("The use can only be recorded once the booking has begun", await early.Content.ReadAsStringAsync());
        Assert.Null((await BookingsAsync(room)).Single(b => b.Id == future.Id).Use);
    }

    [Theory]
    [InlineData("nl", "2,5 van 75 u", "3%")]
    [InlineData("en", "2.5 of 75 h", "3%")]
    public async Task The_utilisation_shows_the_hours_of_a_room_week_as_counted_by_hand_and_links_the_CSV(string culture, string hours, string share)
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal bezetting " + culture);
        var fnKempen = await RoomsTestData.OrganisationIdAsync(factory, "FN Kempen");
        // Two weeks ago, a whole ISO week: open Monday to Friday 07:00–22:00 is 5 × 15 = 75 hours; one approved evening of 2.5 hours used.
        var monday = RoomPageText.Monday(DateOnly.FromDateTime(DateTime.UtcNow)).AddDays(-14);
        await factory.InDbAsync(async db =>
        {
            db.RoomBookings.Add(new RoomBooking
            {
                RoomId = room, OrganisationId = fnKempen, BookedBy = "test", UserKind = RoomUserKind.Company, Status = RoomBookingStatus.Approved, Use = RoomUse.Used,
                StartsAt = RoomTime.ToUtc(monday.AddDays(1), new TimeOnly(19, 0)), EndsAt = RoomTime.ToUtc(monday.AddDays(1), new TimeOnly(21, 30)), CreatedAt = DateTime.UtcNow.AddDays(-30),
            });
            return await db.SaveChangesAsync();
        });
        var client = Anonymous(factory);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var url = $"/lokalen/bezetting?van={Iso(monday)}&tot={Iso(monday.AddDays(6))}";
        var html = await client.GetStringAsync(url);
        var document = new HtmlParser().ParseDocument(html);
        var row = document.QuerySelectorAll("table.heat-map tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains("Lokaal bezetting " + culture));
        var cell = row.QuerySelector("td")!;
        Assert.Contains(hours, cell.TextContent);
        Assert.StartsWith(share, cell.TextContent.Trim());
        Assert.Contains("heat-0", cell.ClassName);
        // The by-kind table gives the company's 2.5 hours booked and used for the room.
        var perRoom = document.QuerySelector("#per-lokaal")!.NextElementSibling!.QuerySelectorAll("tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Contains("Lokaal bezetting " + culture));
        var cells = perRoom.QuerySelectorAll("td").Select(c => c.TextContent).ToList();
        var two = culture == "en" ? "2.5" : "2,5";
        Assert.Equal(["75", two, share, "0", "0", two, "0", two, share, "0", "0", two, "0"], cells);

        var csv = document.QuerySelector("a[download]")!.GetAttribute("href")!;
        var download = await client.GetAsync(csv);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Lokaal bezetting " + culture, await download.Content.ReadAsStringAsync());

        var bad = await client.GetAsync("/lokalen/bezetting?van=2027-02-30&tot=2027-03-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains(culture == "en" ? "Fill in from and to as yyyy-mm-dd" : "Vul van en tot in als jjjj-mm-dd", await bad.Content.ReadAsStringAsync());
    }
}

public sealed class RoomPagesSqlite(SqliteFactory factory) : RoomPagesTests<SqliteFactory>(factory);
public sealed class RoomPagesPostgres(PostgresFactory factory) : RoomPagesTests<PostgresFactory>(factory);
