using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>Booking single slots and weekly series, clashes named with what they clash with, the owner's decision, and the record of use.</summary>
public abstract class RoomBookingTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private static object Slot(DateOnly day, string from, string to, string? until = null, bool skip = false, string? kind = null, int? organisationId = null) =>
        new { date = RoomsTestData.Iso(day), from, to, weeklyUntil = until, skipClashing = skip, userKind = kind, organisationId, purpose = "Praktijkles" };

    [Fact]
    public async Task A_company_books_a_slot_that_waits_for_approval_a_school_that_wants_it_too_is_told_who_has_it_and_a_decline_frees_it()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal enkel");
        var tuesday = RoomsTestData.Next(DayOfWeek.Tuesday);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var booked = await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(tuesday, "19:00", "21:30"));
        Assert.Equal(HttpStatusCode.Created, booked.StatusCode);
        var booking = (await booked.ReadAsync<BookedDto>()).Bookings.Single();
        Assert.Equal(RoomBookingStatus.Pending, booking.Status);
        Assert.Equal(RoomUserKind.Company, booking.UserKind);
        Assert.Equal("FN Kempen", booking.Organisation);
        // 19:00 in Zwolle is stored as UTC: 18:00 in winter, 17:00 in summer.
        var local = TimeZoneInfo.ConvertTimeFromUtc(booking.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam"));
        Assert.Equal(tuesday.ToDateTime(new TimeOnly(19, 0)), local);

        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var before = await RoomsTestData.BookingCountAsync(factory);
        var clash = await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(tuesday, "21:00", "22:00"));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var problem = await clash.ReadAsync<ClashProblemDto>();
        Assert.Contains("FN Kempen", problem.Detail);
        Assert.Contains($"boeking {booking.Id}", problem.Detail);
        Assert.Contains("19:00–21:30", problem.Detail);
        Assert.Equal(booking.Id, Assert.Single(problem.Clashes).BookingId);
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));
        // Back to back is no clash: the end is exclusive.
        var after = await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(tuesday, "21:30", "22:00"));
        Assert.Equal(HttpStatusCode.Created, after.StatusCode);

        // Only the owner decides; a decline needs a reason, and frees the slot.
        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{booking.Id}/decision", new { approve = true })).StatusCode);
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{booking.Id}/decision", new { approve = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{booking.Id}/decision", new { approve = false, reason = "Lokaal nodig voor examens" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await owner.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{booking.Id}/decision", new { approve = true })).StatusCode);
        var again = await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(tuesday, "20:00", "21:00"));
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal(RoomUserKind.OtherSchool, (await again.ReadAsync<BookedDto>()).Bookings.Single().UserKind);
        Assert.True(await factory.InDbAsync(db => db.AuditEntries.Where(a => a.Action == RoomAuditActions.Declined).CountAsync()) >= 1);
    }

    [Fact]
    public async Task A_weekly_series_with_one_taken_date_books_nothing_and_names_the_clash_and_with_skip_books_the_rest_for_one_approval()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal reeks");
        var first = RoomsTestData.Next(DayOfWeek.Tuesday);
        var taken = first.AddDays(21);
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var held = (await (await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(taken, "18:30", "20:00"))).ReadAsync<BookedDto>()).Bookings.Single();

        var company = await SignInAsync(factory, RoomsTestData.Company);
        var series = Slot(first, "19:00", "21:30", until: RoomsTestData.Iso(first.AddDays(7 * 9)));
        var before = await RoomsTestData.BookingCountAsync(factory);
        var clash = await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", series);
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        var problem = await clash.ReadAsync<ClashProblemDto>();
        Assert.StartsWith("1 van de 10 data zijn al bezet; er is niets geboekt.", problem.Detail);
        Assert.Contains("Hogeschool van Arnhem en Nijmegen", problem.Detail);
        Assert.Contains(RoomTime.Day(taken), problem.Detail);
        var c = Assert.Single(problem.Clashes);
        Assert.Equal((taken, held.Id), (c.Date, c.BookingId));
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));

        var skipped = await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(first, "19:00", "21:30", until: RoomsTestData.Iso(first.AddDays(7 * 9)), skip: true));
        Assert.Equal(HttpStatusCode.Created, skipped.StatusCode);
        var result = await skipped.ReadAsync<BookedDto>();
        Assert.Equal(9, result.Bookings.Count);
        Assert.Equal(taken, Assert.Single(result.Skipped).Date);
        Assert.Equal(Enumerable.Range(0, 10).Where(w => w != 3).Select(w => first.AddDays(7 * w)), result.Bookings.Select(b => DateOnly.FromDateTime(RoomTime.ToLocal(b.StartsAt))));
        Assert.Single(result.Bookings.Select(b => b.SeriesId).Distinct());

        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var decided = await owner.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{result.Bookings[4].Id}/decision", new { approve = true });
        Assert.Equal(9, (await decided.ReadAsync<JsonElement>()).GetProperty("bookings").GetInt32());
        var list = await owner.GetFromJsonAsync<List<BookingDto>>($"/api/v1/rooms/{room}/bookings?from={RoomsTestData.Iso(first)}&to={RoomsTestData.Iso(first.AddDays(70))}");
        Assert.Equal(9, list!.Count(b => b.Organisation == "FN Kempen" && b.Status == RoomBookingStatus.Approved));
        Assert.Equal(RoomBookingStatus.Pending, list!.Single(b => b.Id == held.Id).Status);
    }

    [Fact]
    public async Task Bookings_outside_the_rules_get_a_clear_message_and_nothing_changes()
    {
        var tuesday = RoomsTestData.Next(DayOfWeek.Tuesday);
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal regels", leadTimeHours: 24 * 60, allowed: ["OtherSchool", "AdultEducation"],
            closures: [new { from = RoomsTestData.Iso(tuesday.AddDays(13)), to = RoomsTestData.Iso(tuesday.AddDays(20)), reason = "Herfstvakantie" }]);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        var care = await SignInAsync(factory, RoomsTestData.CareProvider);
        var before = await RoomsTestData.BookingCountAsync(factory);
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        var far = tuesday.AddDays(7 * 10);

        async Task<string> RefusedAsync(HttpClient client, object slot, string field = "date")
        {
            var response = await client.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", slot);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return string.Join(" | ", (await response.ReadAsync<JsonElement>()).GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
        }

        Assert.Equal(RoomMessages.Format(RoomMessages.OutsideHours, "dinsdag", "07:00", "22:00"), await RefusedAsync(school, Slot(far, "21:00", "23:00")));
        Assert.Equal(RoomMessages.Format(RoomMessages.ClosedThatDay, "zaterdag"), await RefusedAsync(school, Slot(far.AddDays(4), "10:00", "12:00")));
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-7);
        while (yesterday.DayOfWeek != DayOfWeek.Tuesday) yesterday = yesterday.AddDays(1);
        Assert.Contains("ligt in het verleden", await RefusedAsync(school, Slot(yesterday, "10:00", "12:00")));
        Assert.Contains("Regel van de eigenaar: boek minstens 1440 uur van tevoren", await RefusedAsync(school, Slot(tuesday, "10:00", "12:00")));
        var crossing = await RefusedAsync(school, Slot(tuesday, "10:00", "12:00", until: RoomsTestData.Iso(far)));
        Assert.Contains(RoomMessages.Format(RoomMessages.InClosure, RoomTime.Day(tuesday.AddDays(14)), "Herfstvakantie"), crossing);
        Assert.Equal(RoomMessages.Format(RoomMessages.UserKindNotAllowed, "bedrijven"), await RefusedAsync(company, Slot(far, "10:00", "12:00"), "userKind"));
        Assert.Equal(RoomMessages.UserKindMissing, await RefusedAsync(care, Slot(far, "10:00", "12:00"), "userKind"));
        Assert.Equal(RoomMessages.TimesMissing, await RefusedAsync(school, Slot(far, "12:00", "10:00"), "from"));
        Assert.Equal(RoomMessages.DateMissing, await RefusedAsync(school, new { date = "12-01-2027", from = "10:00", to = "12:00" }));
        Assert.Equal(RoomMessages.UntilInvalid, await RefusedAsync(school, Slot(far, "10:00", "12:00", until: RoomsTestData.Iso(far.AddDays(-7))), "weeklyUntil"));
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));

        // The care provider says what it is, and adult education may book here.
        var stated = await care.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(far, "10:00", "12:00", kind: "AdultEducation"));
        Assert.Equal(HttpStatusCode.Created, stated.StatusCode);
        Assert.Equal(RoomUserKind.AdultEducation, (await stated.ReadAsync<BookedDto>()).Bookings.Single().UserKind);
    }

    [Fact]
    public async Task Only_people_acting_for_an_organisation_book_for_it()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal rechten");
        var day = RoomsTestData.Next(DayOfWeek.Wednesday);
        var before = await RoomsTestData.BookingCountAsync(factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Anonymous(factory).PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(day, "10:00", "11:00"))).StatusCode);
        var member = await SignInAsync(factory, "lid@pactwerk.demo");
        Assert.Equal(HttpStatusCode.BadRequest, (await member.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(day, "10:00", "11:00"))).StatusCode);
        var landstede = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep");
        Assert.Equal(HttpStatusCode.Forbidden, (await member.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(day, "10:00", "11:00", organisationId: landstede))).StatusCode);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        Assert.Equal(HttpStatusCode.Forbidden, (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(day, "10:00", "11:00", organisationId: landstede))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await company.PostAsJsonAsync("/api/v1/rooms/999999/bookings", Slot(day, "10:00", "11:00"))).StatusCode);
        Assert.Equal(before, await RoomsTestData.BookingCountAsync(factory));

        // The owner's own school needs no approval.
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var own = await owner.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(day, "10:00", "11:00"));
        Assert.Equal(HttpStatusCode.Created, own.StatusCode);
        var booking = (await own.ReadAsync<BookedDto>()).Bookings.Single();
        Assert.Equal((RoomUserKind.OwnSchool, RoomBookingStatus.Approved), (booking.UserKind, booking.Status));
    }

    [Fact]
    public async Task The_booker_records_use_or_no_show_once_a_booking_has_begun()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal gebruik", approval: false);
        var company = await SignInAsync(factory, RoomsTestData.Company);
        var future = (await (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", Slot(RoomsTestData.Next(DayOfWeek.Thursday), "09:00", "12:00")))
            .ReadAsync<BookedDto>()).Bookings.Single();
        Assert.Equal(RoomBookingStatus.Approved, future.Status);
        var refused = await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{future.Id}/use", new { used = true });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("pas worden vastgelegd", await refused.Content.ReadAsStringAsync());

        // A booking of last week, as it would stand now (booking in the past is refused, so it is written directly).
        var fnKempen = await RoomsTestData.OrganisationIdAsync(factory, "FN Kempen");
        var past = await factory.InDbAsync(async db =>
        {
            var b = new RoomBooking
            {
                RoomId = room, OrganisationId = fnKempen, BookedBy = "test", UserKind = RoomUserKind.Company, Status = RoomBookingStatus.Approved,
                StartsAt = DateTime.UtcNow.Date.AddDays(-7).AddHours(8), EndsAt = DateTime.UtcNow.Date.AddDays(-7).AddHours(10), CreatedAt = DateTime.UtcNow.AddDays(-20),
            };
            db.RoomBookings.Add(b);
            await db.SaveChangesAsync();
            return b.Id;
        });
        var school = await SignInAsync(factory, RoomsTestData.OtherSchool);
        Assert.Equal(HttpStatusCode.Forbidden, (await school.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{past}/use", new { used = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{past}/use", new { used = false })).StatusCode);
        Assert.Equal(RoomUse.NoShow, await factory.InDbAsync(db => db.RoomBookings.Where(b => b.Id == past).Select(b => b.Use).SingleAsync()));
        var audit = await factory.InDbAsync(db => db.AuditEntries.CountAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{past}/use", new { used = false })).StatusCode);
        Assert.Equal(audit, await factory.InDbAsync(db => db.AuditEntries.CountAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await company.PostAsJsonAsync($"/api/v1/rooms/{room}/bookings/{past}/use", new { used = true })).StatusCode);
        Assert.Equal(RoomUse.Used, await factory.InDbAsync(db => db.RoomBookings.Where(b => b.Id == past).Select(b => b.Use).SingleAsync()));
    }

    [Fact]
    public async Task The_database_itself_refuses_two_holding_bookings_that_overlap_but_not_a_declined_one()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal database");
        var org = await RoomsTestData.OrganisationIdAsync(factory, "FN Kempen");
        var start = new DateTime(2031, 3, 4, 18, 0, 0, DateTimeKind.Utc);
        RoomBooking Row(RoomBookingStatus status, int offsetMinutes) => new()
        {
            RoomId = room, OrganisationId = org, BookedBy = "test", UserKind = RoomUserKind.Company, Status = status,
            StartsAt = start.AddMinutes(offsetMinutes), EndsAt = start.AddMinutes(offsetMinutes + 90), CreatedAt = DateTime.UtcNow,
        };
        async Task<Exception?> SaveAsync(RoomBooking b) => await Record.ExceptionAsync(() => factory.InDbAsync(async db => { db.RoomBookings.Add(b); return await db.SaveChangesAsync(); }));

        Assert.Null(await SaveAsync(Row(RoomBookingStatus.Approved, 0)));
        var overlap = await SaveAsync(Row(RoomBookingStatus.Pending, 60));
        Assert.True(RoomBookingConstraints.IsOverlap(overlap), overlap?.ToString());
        Assert.Null(await SaveAsync(Row(RoomBookingStatus.Declined, 30)));
        Assert.Null(await SaveAsync(Row(RoomBookingStatus.Pending, 90)));
        // Turning the declined one back into a holding one is refused too.
        var reopen = await Record.ExceptionAsync(() => factory.InDbAsync(db => db.RoomBookings
            .Where(b => b.RoomId == room && b.Status == RoomBookingStatus.Declined).ExecuteUpdateAsync(s => s.SetProperty(b => b.Status, RoomBookingStatus.Pending))));
        Assert.True(reopen is not null && (RoomBookingConstraints.IsOverlap(reopen) || RoomBookingConstraints.IsOverlap(reopen.InnerException)), reopen?.ToString());
        Assert.Equal(2, await RoomsTestData.HoldingCountAsync(factory, room));
    }
}

public sealed class RoomBookingSqlite(SqliteFactory factory) : RoomBookingTests<SqliteFactory>(factory);
public sealed class RoomBookingPostgres(PostgresFactory factory) : RoomBookingTests<PostgresFactory>(factory);
