using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using AngleSharp.Html.Parser;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// English that stays English: a clash and an opening-hours refusal name the day and the status in the reader's language, in
/// the API's problem detail (<c>?culture=en</c>) and on the room's page, and stay Dutch in Dutch ("dinsdag", "wacht op goedkeuring").
/// </summary>
public abstract class RoomLanguageTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static object Slot(DateOnly day, string from, string to) => new { date = RoomsTestData.Iso(day), from, to };

    [Theory]
    [InlineData("nl", "dinsdag", "di ", "wacht op goedkeuring", "Het lokaal is zaterdag niet open.")]
    [InlineData("en", "Tuesday", "Tue ", "awaiting approval", "The room is not open on Saturday.")]
    public async Task The_api_names_days_and_statuses_in_the_readers_language(string culture, string tuesdayName, string tuesdayShort, string pending, string closed)
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal taal api " + culture);
        var tuesday = RoomsTestData.Next(DayOfWeek.Tuesday);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        Assert.Equal(HttpStatusCode.Created, (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(tuesday, "19:00", "21:30"))).StatusCode);
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var before = await RoomsTestData.BookingCountAsync(factory);

        var clash = await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings?culture={culture}", Slot(tuesday, "21:00", "22:00"));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var problem = await clash.ReadAsync<ClashProblemDto>();
        Assert.Contains($"{tuesdayShort}{tuesday:dd-MM-yyyy} 19:00–21:30", problem.Detail);
        Assert.Contains(pending, problem.Detail);
        Assert.Contains(pending, Assert.Single(problem.Clashes).Description);
        Assert.Equal(culture == "en", problem.Detail.StartsWith("This slot is already taken", StringComparison.Ordinal));

        // Outside the hours on a Tuesday, and a Saturday when the room is closed: the refusal names the day.
        var late = await school.PostAsync($"/api/v1/rooms/{room}/bookings?culture={culture}", JsonContent.Create(Slot(tuesday.AddDays(7), "21:00", "23:00")));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var lateText = await late.Content.ReadAsStringAsync();
        Assert.Contains(tuesdayName, lateText);
        Assert.DoesNotContain(culture == "en" ? "dinsdag" : "Tuesday", lateText);
        var saturday = await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings?culture={culture}", Slot(RoomsTestData.Next(DayOfWeek.Saturday), "10:00", "11:00"));
        Assert.Equal(HttpStatusCode.BadRequest, saturday.StatusCode);
        Assert.Contains(closed, await saturday.Content.ReadAsStringAsync());
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));
    }

    [Theory]
    [InlineData("nl", "di ", "wacht op goedkeuring", "Buiten de openingstijden: op dinsdag is het lokaal open van 07:00 tot 22:00.")]
    [InlineData("en", "Tue ", "awaiting approval", "Outside the opening hours: on Tuesday the room is open from 07:00 to 22:00.")]
    public async Task The_room_page_names_days_and_statuses_in_the_readers_language(string culture, string tuesdayShort, string pending, string outside)
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal taal pagina " + culture);
        var tuesday = RoomsTestData.Next(DayOfWeek.Tuesday);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        Assert.Equal(HttpStatusCode.Created, (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(tuesday, "19:00", "21:30"))).StatusCode);
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        Assert.Equal(HttpStatusCode.Redirect, (await school.GetAsync($"/taal?culture={culture}&returnUrl=%2F")).StatusCode);
        var before = await RoomsTestData.BookingCountAsync(factory);

        var form = await Form.OpenAsync(school, $"/lokalen/{room}");
        form["Date"] = RoomsTestData.Iso(tuesday);
        form["From"] = "21:00";
        form["To"] = "22:00";
        var clash = await form.SubmitAsync(school);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var summary = new HtmlParser().ParseDocument(await clash.Content.ReadAsStringAsync()).QuerySelector("#fouten")!.TextContent;
        Assert.Contains($"{tuesdayShort}{tuesday:dd-MM-yyyy} 19:00–21:30", summary);
        Assert.Contains(pending, summary);

        form["From"] = "21:00";
        form["To"] = "23:00";
        var late = await form.SubmitAsync(school);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains(outside, new HtmlParser().ParseDocument(await late.Content.ReadAsStringAsync()).QuerySelector("main")!.TextContent);
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));
    }

    /// <summary>A request in the given language: Dutch by default, English by <c>?culture=en</c> or by the Accept-Language header an API client sends.</summary>
    private static HttpRequestMessage Request(HttpMethod method, string url, string language, object? body = null)
    {
        var request = new HttpRequestMessage(method, language == "en-query" ? url + (url.Contains('?') ? "&" : "?") + "culture=en" : url);
        if (language == "en-header")
            request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9");
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en-query")]
    [InlineData("en-header")]
    public async Task A_series_clash_and_the_refusals_are_wholly_in_the_readers_language(string language)
    {
        var english = language != "nl";
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal reeks taal " + language);
        var first = RoomsTestData.Next(DayOfWeek.Tuesday);
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var held = (await (await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(first.AddDays(14), "18:30", "20:00"))).ReadAsync<BookedDto>()).Bookings.Single();
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var before = await RoomsTestData.BookingCountAsync(factory);

        // A weekly series with one taken date: the message and the line naming the clash, both in one language.
        var clash = await company.SendAsync(Request(HttpMethod.Post, $"/api/v1/rooms/{room}/bookings", language,
            new { date = RoomsTestData.Iso(first), from = "19:00", to = "21:30", weeklyUntil = RoomsTestData.Iso(first.AddDays(7 * 4)) }));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var problem = await clash.ReadAsync<ClashProblemDto>();
        var line = english
            ? $"Tue {first.AddDays(14):dd-MM-yyyy} 18:30–20:00 by Hogeschool van Arnhem en Nijmegen (booking {held.Id}, awaiting approval)"
            : $"di {first.AddDays(14):dd-MM-yyyy} 18:30–20:00 door Hogeschool van Arnhem en Nijmegen (boeking {held.Id}, wacht op goedkeuring)";
        Assert.Equal(english
            ? $"1 of the 5 dates are already taken; nothing was booked. Taken: {line}. Book the other dates with 'book only the free dates'."
            : $"1 van de 5 data zijn al bezet; er is niets geboekt. Bezet: {line}. Boek de andere data met 'alleen vrije data boeken'.", problem.Detail);
        Assert.Equal(line, Assert.Single(problem.Clashes).Description);
        Assert.Equal(english ? "Already taken" : "Al bezet", problem.Title);
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));

        // A room that is not there: title and detail.
        var missing = await Anonymous(factory).SendAsync(Request(HttpMethod.Get, "/api/v1/rooms/987654", language));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var notFound = await missing.ReadAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(english ? ("Not found", "There is no room number 987654.") : ("Niet gevonden", "Er is geen lokaal met nummer 987654."), (notFound.Title, notFound.Detail));
        var noBookings = await company.SendAsync(Request(HttpMethod.Get, "/api/v1/rooms/987654/bookings?from=2027-01-01&to=2027-01-31", language));
        Assert.Equal(english ? "There is no room number 987654." : "Er is geen lokaal met nummer 987654.", (await noBookings.ReadAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>()).Detail);

        // A room without a name, field by field: title and message; nothing saved.
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var rooms = await factory.InDbAsync(db => db.Rooms.CountAsync());
        var invalid = await owner.SendAsync(Request(HttpMethod.Post, "/api/v1/rooms", language,
            new { organisationId = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep"), address = "Campus 1, Zwolle", capacity = 12 }));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var validation = await invalid.ReadAsync<Microsoft.AspNetCore.Mvc.ValidationProblemDetails>();
        Assert.Equal(english ? "The input is not valid" : "De invoer is niet in orde", validation.Title);
        Assert.Equal([english ? "Fill in the room's name." : "Vul de naam van het lokaal in."], validation.Errors.Values.SelectMany(v => v).ToList());
        Assert.Equal(rooms, await factory.InDbAsync(db => db.Rooms.CountAsync()));

        // Someone who is not a coordinator refreshing the monitor figures.
        var refused = await company.SendAsync(Request(HttpMethod.Post, "/api/v1/rooms/monitor-feed", language));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var forbidden = await refused.ReadAsync<Microsoft.AspNetCore.Mvc.ProblemDetails>();
        Assert.Equal(english ? ("No access", "Only coordinators of a pact refresh the figures in the monitor.") : ("Geen toegang", "Alleen coördinatoren van een pact vernieuwen de cijfers in de monitor."),
            (forbidden.Title, forbidden.Detail));
    }
}

public sealed class RoomLanguageSqlite(SqliteFactory factory) : RoomLanguageTests<SqliteFactory>(factory);
public sealed class RoomLanguagePostgres(PostgresFactory factory) : RoomLanguageTests<PostgresFactory>(factory);
