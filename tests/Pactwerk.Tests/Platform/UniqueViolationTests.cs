using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Monitor.Editions;
using Pactwerk.Web.Features.Network;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// A save refused by a unique index is told apart from every other failed save, on both databases:
/// only the first becomes a clear "already there" message; the others are not swallowed.
/// </summary>
public abstract class UniqueViolationTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    private async Task<DbUpdateException> FailedSaveAsync(Action<PactwerkDb> change) => await factory.InDbAsync(async db =>
    {
        change(db);
        return await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    });

    [Fact]
    public async Task A_taken_unique_key_is_a_unique_violation_a_missing_reference_is_not()
    {
        var kvk = "9" + Random.Shared.Next(1_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await factory.InDbAsync(db =>
        {
            db.Organisations.Add(new Organisation { Name = "Eerste", KvkNumber = kvk });
            return db.SaveChangesAsync();
        });

        var taken = await FailedSaveAsync(db => db.Organisations.Add(new Organisation { Name = "Tweede", KvkNumber = kvk }));
        var dangling = await FailedSaveAsync(db => db.PactActions.Add(new PactAction { PactId = 999_999, Slug = "los", Title = "Los", Summary = "Zonder pact." }));

        Assert.True(UniqueViolation.Is(taken));
        Assert.False(UniqueViolation.Is(dangling));
        Assert.Equal(1, await factory.InDbAsync(db => db.Organisations.CountAsync(o => o.KvkNumber == kvk)));
    }

    [Fact]
    public async Task Publishing_the_same_edition_six_times_at_once_publishes_it_once_and_tells_the_others_it_exists()
    {
        var clients = new List<HttpClient>();
        for (var i = 0; i < 6; i++)
            clients.Add(await SignInAsync(factory, "coordinator@techniekpact.demo"));
        using var start = new SemaphoreSlim(0, clients.Count);
        var attempts = clients.Select(async client =>
        {
            await start.WaitAsync();
            return await client.PostAsJsonAsync("/api/v1/pacts/techniekpact/editions", new { year = 2023, title = "Monitor Techniekpact 2023" });
        }).ToList();
        start.Release(clients.Count);
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Created))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Contains("Er is al een editie 2023 van het Techniekpact", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(1, await factory.InDbAsync(db => db.Set<MonitorEdition>().CountAsync(e => e.Year == 2023)));
    }
}

public sealed class UniqueViolationTestsSqlite(SqliteFactory factory) : UniqueViolationTests<SqliteFactory>(factory);
public sealed class UniqueViolationTestsPostgres(PostgresFactory factory) : UniqueViolationTests<PostgresFactory>(factory);
