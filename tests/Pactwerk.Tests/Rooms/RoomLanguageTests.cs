using System.Net;
using System.Net.Http.Json;
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
}

public sealed class RoomLanguageSqlite(SqliteFactory factory) : RoomLanguageTests<SqliteFactory>(factory);
public sealed class RoomLanguagePostgres(PostgresFactory factory) : RoomLanguageTests<PostgresFactory>(factory);
