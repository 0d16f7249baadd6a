using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// Many people register for the last places at the same moment: exactly the capacity gets in, the
/// rest go onto the waiting list, and no place is given twice.
/// </summary>
public abstract class EventRegistrationRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Twenty_simultaneous_registrations_for_five_places_give_exactly_five_places_and_a_waiting_list_of_fifteen()
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

        // Everyone is saved: five with a place, fifteen on the waiting list; no place is given twice.
        Assert.All(results, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        Assert.Equal(15, results.Count(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("waiting").GetBoolean()));
        var places = await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id && r.PlaceNumber != null).OrderBy(r => r.PlaceNumber).Select(r => r.PlaceNumber!.Value).ToListAsync());
        Assert.Equal([1, 2, 3, 4, 5], places);
        Assert.Equal(15, await factory.InDbAsync(db => db.EventRegistrations.CountAsync(r => r.EventId == id && r.PlaceNumber == null)));
        // The page counts the same.
        Assert.Contains("5 van 5 plaatsen bezet.", await Anonymous(factory).GetStringAsync($"/evenementen/{id}"));

        // Then everyone with a place cancels through their mail's link at the same moment: the first five
        // of the waiting list (in the order they registered) move up, and still no place is given twice.
        var expectedUp = await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id && r.PlaceNumber == null)
            .OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id).Select(r => r.Email).Take(5).ToListAsync());
        var placed = await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id && r.PlaceNumber != null).Select(r => r.Email).ToListAsync());
        var forms = new List<(HttpClient Client, string Url, FormUrlEncodedContent Form)>();
        foreach (var email in placed)
        {
            var link = LinkIn(MailTo(factory, email).Single());
            var client = Anonymous(factory);
            var page = await client.GetStringAsync(link);
            forms.Add((client, link, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Token"] = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query)["token"]!,
                ["__RequestVerificationToken"] = AntiforgeryToken(page),
            })));
        }
        using var go = new SemaphoreSlim(0, forms.Count);
        var cancels = forms.Select(async f => { await go.WaitAsync(); return await f.Client.PostAsync(f.Url, f.Form); }).ToList();
        go.Release(forms.Count);
        Assert.All(await Task.WhenAll(cancels), r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));

        var now = await factory.InDbAsync(db => db.EventRegistrations.Where(r => r.EventId == id && r.PlaceNumber != null)
            .OrderBy(r => r.PlaceNumber).Select(r => new { r.Email, Place = r.PlaceNumber!.Value }).ToListAsync());
        Assert.Equal([1, 2, 3, 4, 5], now.Select(r => r.Place));
        Assert.Equal(expectedUp.Order(), now.Select(r => r.Email).Order());
        Assert.Equal(10, await factory.InDbAsync(db => db.EventRegistrations.CountAsync(r => r.EventId == id && r.PlaceNumber == null)));
        // Each who moved up is told once.
        Assert.All(expectedUp, email => Assert.Single(MailTo(factory, email), m => m.Subject?.StartsWith("Er is een plaats voor je") == true));
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
