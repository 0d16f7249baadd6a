using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// Many people register for the last places at the same moment: exactly the capacity gets in, the
/// rest hear the event is full, and no place is given twice.
/// </summary>
public abstract class EventRegistrationRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Twenty_simultaneous_registrations_for_five_places_let_exactly_five_in()
    {
        var coordinator = await SignInAsync(factory, "coordinator@techniekpact.demo");
        var created = await coordinator.PostAsJsonAsync("/api/v1/events",
            new { pact = "techniekpact", title = "Drukke middag", startsAt = "2033-03-10T13:00", endsAt = "2033-03-10T17:00", capacity = 5 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.ReadAsync<JsonElement>()).GetProperty("id").GetInt32();

        // Each on its own client, all released at once.
        var clients = Enumerable.Range(0, 20).Select(_ => Anonymous(factory)).ToList();
        using var start = new SemaphoreSlim(0, 20);
        var attempts = clients.Select(async (client, i) =>
        {
            await start.WaitAsync();
            var response = await client.PostAsJsonAsync($"/api/v1/events/{id}/registrations", new { name = $"Bezoeker {i}", email = $"bezoeker{i}@example.org" });
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
        }).ToList();
        start.Release(20);
        var results = await Task.WhenAll(attempts);

        Assert.Equal(5, results.Count(r => r.StatusCode == HttpStatusCode.Created));
        var refused = results.Where(r => r.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(15, refused.Count);
        Assert.All(refused, r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.StatusCode);
            Assert.Contains("vol", r.Body);
        });
        var places = await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id).OrderBy(r => r.PlaceNumber).Select(r => r.PlaceNumber).ToListAsync());
        Assert.Equal([1, 2, 3, 4, 5], places);
        // The page counts the same.
        Assert.Contains("5 van 5 plaatsen bezet.", await Anonymous(factory).GetStringAsync($"/evenementen/{id}"));
    }
}

/// <summary>Twenty attempts from one address would meet the registration limit; this test is about the race, so the limit is raised.</summary>
public sealed class RaceSqliteFactory : SqliteFactory
{
    public RaceSqliteFactory() => With("RateLimits:EventRegistrations:PerWindow", "1000");
}

public sealed class RacePostgresFactory : PostgresFactory
{
    public RacePostgresFactory() => With("RateLimits:EventRegistrations:PerWindow", "1000");
}

public sealed class EventRegistrationRaceSqlite(RaceSqliteFactory factory) : EventRegistrationRaceTests<RaceSqliteFactory>(factory);
public sealed class EventRegistrationRacePostgres(RacePostgresFactory factory) : EventRegistrationRaceTests<RacePostgresFactory>(factory);
