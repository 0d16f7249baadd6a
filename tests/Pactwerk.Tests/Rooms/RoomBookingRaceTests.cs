using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>
/// Many people press "book" at the same moment for slots that overlap: exactly one booking per slot
/// holds, everyone else is told what they clash with, and the rows in the database agree.
/// </summary>
public abstract class RoomBookingRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<List<(HttpStatusCode Status, string Body)>> RushAsync(int room, IReadOnlyList<object> slots)
    {
        var clients = new[] { await SignInAsync(factory, RoomsTestData.Company), await SignInAsync(factory, RoomsTestData.OtherSchool) };
        using var start = new SemaphoreSlim(0, slots.Count);
        var attempts = slots.Select(async (slot, i) =>
        {
            await start.WaitAsync();
            var response = await clients[i % 2].PostAsJsonAsync($"/api/v1/rooms/{room}/bookings", slot);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(slots.Count);
        return [.. await Task.WhenAll(attempts)];
    }

    [Fact]
    public async Task A_hundred_simultaneous_requests_for_overlapping_slots_give_exactly_one_booking()
    {
        await RoomsTestData.EnsureAccountsAsync(factory);
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal drukte");
        var day = RoomsTestData.Iso(RoomsTestData.Next(DayOfWeek.Tuesday));
        // Starts 19:00, 19:15, 19:30, 19:45, each an hour long: every pair overlaps (19:45–20:00 is in all).
        var slots = Enumerable.Range(0, 100).Select(i => (object)new { date = day, from = $"19:{i % 4 * 15:00}", to = $"20:{i % 4 * 15:00}" }).ToList();
        var results = await RushAsync(room, slots);

        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Created));
        var lost = results.Where(r => r.Status != HttpStatusCode.Created).ToList();
        Assert.All(lost, r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        Assert.All(lost, r => Assert.Contains("Dit tijdslot is al bezet", r.Body));
        Assert.Equal(1, await RoomsTestData.HoldingCountAsync(factory, room));
        Assert.Equal(1, await factory.InDbAsync(db => db.RoomBookings.CountAsync(b => b.RoomId == room)));
    }

    [Fact]
    public async Task Ten_slots_each_wanted_ten_times_at_once_give_one_booking_per_slot()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal tien");
        var day = RoomsTestData.Next(DayOfWeek.Wednesday);
        var slots = Enumerable.Range(0, 100).Select(i => (object)new { date = RoomsTestData.Iso(day), from = $"{8 + i % 10:00}:00", to = $"{9 + i % 10:00}:00" }).ToList();
        var results = await RushAsync(room, slots);

        Assert.Equal(10, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.Equal(90, results.Count(r => r.Status == HttpStatusCode.Conflict));
        var rows = await factory.InDbAsync(db => db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room).ToListAsync());
        Assert.Equal(Enumerable.Range(8, 10), rows.Select(b => RoomTime.ToLocal(b.StartsAt).Hour).Order());
        // No two rows overlap, checked pair by pair.
        Assert.DoesNotContain(rows, a => rows.Any(b => a.Id != b.Id && a.StartsAt < b.EndsAt && b.StartsAt < a.EndsAt));
    }

    [Fact]
    public async Task Sixteen_weekly_series_that_overlap_on_some_dates_posted_at_once_never_book_a_date_twice_and_the_free_dates_are_all_taken()
    {
        var room = await RoomsTestData.RoomAsync(factory, "Lokaal reeksen");
        var first = RoomsTestData.Next(DayOfWeek.Tuesday);
        // Eight Tuesdays; series i runs five weeks from week i % 4, so every date is wanted by several series and every
        // pair of series shares at least one date. Half of them book only their free dates, half all or nothing.
        var series = Enumerable.Range(0, 16).Select(i => (object)new
        {
            date = RoomsTestData.Iso(first.AddDays(7 * (i % 4))), from = i % 3 == 0 ? "18:30" : "19:00", to = "21:00",
            weeklyUntil = RoomsTestData.Iso(first.AddDays(7 * (i % 4 + 4))), skipClashing = i / 4 % 2 == 0,
        }).ToList();
        var results = await RushAsync(room, series);

        Assert.All(results, r => Assert.True(r.Status is HttpStatusCode.Created or HttpStatusCode.Conflict, $"{r.Status}: {r.Body}"));
        Assert.Contains(results, r => r.Status == HttpStatusCode.Conflict);
        var rows = await factory.InDbAsync(db => db.RoomBookings.AsNoTracking().Where(b => b.RoomId == room).ToListAsync());
        // Never two bookings in one slot, checked pair by pair, and what the answers say was booked is what the database holds.
        Assert.DoesNotContain(rows, a => rows.Any(b => a.Id != b.Id && a.StartsAt < b.EndsAt && b.StartsAt < a.EndsAt));
        var answered = results.Where(r => r.Status == HttpStatusCode.Created)
            .SelectMany(r => System.Text.Json.JsonSerializer.Deserialize<BookedDto>(r.Body, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!.Bookings)
            .Select(b => b.Id).Order().ToList();
        Assert.Equal(rows.Select(b => b.Id).Order(), answered);
        // A series that books its free dates found each date of its five either free or taken: so every one of the eight is held, once.
        Assert.Equal(Enumerable.Range(0, 8).Select(w => first.AddDays(7 * w)), rows.Select(b => DateOnly.FromDateTime(RoomTime.ToLocal(b.StartsAt))).Order());
        // An all-or-nothing series either holds all its five dates or none.
        Assert.All(rows.GroupBy(b => b.SeriesId), g => Assert.True(g.Count() <= 5));
    }
}

public sealed class RoomBookingRaceSqlite(SqliteFactory factory) : RoomBookingRaceTests<SqliteFactory>(factory);
public sealed class RoomBookingRacePostgres(PostgresFactory factory) : RoomBookingRaceTests<PostgresFactory>(factory);
