using System.Net.Http.Json;
using System.Text.Json;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Rooms;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Rooms;

/// <summary>The demo's rooms in Oost and their season: found by region, with utilisation that shows booked against used.</summary>
public abstract class RoomsDemoTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task The_demo_has_rooms_in_Oost_with_a_season_of_bookings_used_and_no_shows()
    {
        var anonymous = Anonymous(factory);
        var oost = (await anonymous.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?region=TP-OOST"))!;
        Assert.Equal(["Fablab (demo)", "Smart Industry-lab (demo)", "Techniekwerkplaats (demo)"], oost.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["GM0193", "GM0193", "GM0202"], oost.Select(r => r.Municipality).Order(StringComparer.Ordinal));
        Assert.Empty((await anonymous.GetFromJsonAsync<List<RoomDto>>("/api/v1/rooms?region=TP-NOORD"))!);

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        // The demo's bookings start sixteen weeks before the day it was made (today).
        var start = today.AddDays(-16 * 7);
        var u = (await anonymous.GetFromJsonAsync<UtilisationDto>(
            $"/api/v1/rooms/utilisation?regionSet=techniekpact-landsdelen&region=TP-OOST&from={RoomsTestData.Iso(start)}&to={RoomsTestData.Iso(today.AddDays(-1))}"))!;
        var total = u.Total;
        Assert.True(total.Booked > 0 && total.Used > 0 && total.Used < total.Booked, $"booked {total.Booked}, used {total.Used}");
        Assert.True(total.BookedShare is > 0 and < 1);
        Assert.All(Enum.GetValues<RoomUserKind>(), k => Assert.True(total.BookedByKind[k] > 0, k.ToString()));
        Assert.Single(u.Regions);
        // Some future bookings of others wait for the owner's approval.
        var owner = await factory.InDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.RoomBookings, b => b.Status == RoomBookingStatus.Pending));
        Assert.True(owner > 0);
        Assert.Contains(await anonymous.GetFromJsonAsync<JsonElement>("/api/v1/indicators") is var i ? i.EnumerateArray() : default,
            x => x.GetProperty("code").GetString() == RoomMonitorFeed.UtilisationIndicator);
    }
}

public sealed class RoomsDemoSqlite(SqliteFactory factory) : RoomsDemoTests<SqliteFactory>(factory);
public sealed class RoomsDemoPostgres(PostgresFactory factory) : RoomsDemoTests<PostgresFactory>(factory);
