using System.Net.Http.Json;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// Two rooms of Landstede with bookings in March 2031, whose utilisation is worked out by hand in the tests:
/// room A open Mon–Fri 07:00–22:00 and closed Wed 12 March; "=Lokaal B" (named like a formula) open Tuesdays 18:00–22:00.
/// </summary>
public static class RoomSeason
{
    public static readonly DateOnly Monday = new(2031, 3, 3); // ISO week 2031-W10

    public static async Task<(int A, int B)> SeasonAsync(PactwerkFactory factory)
    {
        // Without the demo's rooms, so that the figures are these two rooms' alone.
        await factory.InDbAsync(async db =>
        {
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.RoomBookings);
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.RoomOpeningHours);
            await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.RoomClosures);
            return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ExecuteDeleteAsync(db.Rooms);
        });
        // Room A: Mon–Fri 07:00–22:00 (15 h a day), closed Wed 12 March. Room B: Tuesdays 18:00–22:00 only.
        var a = await RoomsTestData.RoomAsync(factory, "Lokaal A", closures: [new { from = "2031-03-12", to = "2031-03-12", reason = "Studiedag" }]);
        await RoomsTestData.EnsureAccountsAsync(factory);
        var owner = await SignInAsync(factory, RoomsTestData.Owner);
        var created = await owner.PostAsJsonAsync("/api/v1/rooms", new
        {
            organisationId = await RoomsTestData.OrganisationIdAsync(factory, "Landstede Groep"), name = "=Lokaal B", address = "Campus 3, Zwolle", capacity = 8,
            openingHours = new[] { new { day = "Tuesday", opens = "18:00", closes = "22:00" } },
        });
        var b = (await created.ReadAsync<RoomDto>()).Id;
        var company = await RoomsTestData.OrganisationIdAsync(factory, "FN Kempen");
        await factory.InDbAsync(async db =>
        {
            RoomBooking Row(int days, string from, string to, RoomUserKind kind, RoomBookingStatus status, RoomUse? use) => new()
            {
                RoomId = a, OrganisationId = company, BookedBy = "test", UserKind = kind, Status = status, Use = use, CreatedAt = DateTime.UtcNow,
                StartsAt = RoomTime.ToUtc(Monday.AddDays(days), TimeOnly.Parse(from)), EndsAt = RoomTime.ToUtc(Monday.AddDays(days), TimeOnly.Parse(to)),
            };
            db.RoomBookings.AddRange(
                Row(1, "19:00", "21:30", RoomUserKind.Company, RoomBookingStatus.Approved, RoomUse.Used),          // W10: 2.5 booked, 2.5 used
                Row(2, "09:00", "12:00", RoomUserKind.OtherSchool, RoomBookingStatus.Approved, RoomUse.NoShow),    // W10: 3 booked, 0 used
                Row(3, "10:00", "11:00", RoomUserKind.OwnSchool, RoomBookingStatus.Pending, null),                 // not approved: not counted
                Row(7, "08:00", "10:00", RoomUserKind.AdultEducation, RoomBookingStatus.Approved, RoomUse.Used),   // W11: 2 booked, 2 used
                Row(8, "19:00", "21:30", RoomUserKind.Company, RoomBookingStatus.Declined, null),                  // declined: not counted
                Row(14, "19:00", "21:30", RoomUserKind.Company, RoomBookingStatus.Approved, RoomUse.Used));        // after the period
            return await db.SaveChangesAsync();
        });
        return (a, b);
    }

}
