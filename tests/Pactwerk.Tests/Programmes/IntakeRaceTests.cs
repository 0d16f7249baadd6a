using System.Net;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Programmes;
using static Pactwerk.Tests.Infrastructure.Session;
using static Pactwerk.Tests.Programmes.ProgrammesTestData;

namespace Pactwerk.Tests.Programmes;

/// <summary>
/// Many starts at the same moment: a cohort never starts more participants than it has seats. Exactly as many succeed as
/// there are seats, everyone else is told the cohort is full, and the rows agree, counted here from the rows themselves.
/// </summary>
public abstract class IntakeRaceTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    [Fact]
    public async Task Twelve_simultaneous_starts_for_three_seats_start_exactly_three()
    {
        var programme = await ProgrammeAsync(factory, seats: 3);
        var ready = await ReadyToStartAsync(factory, programme, 12);
        var clients = new[] { await SignInAsync(factory, HvaStaff), await SignInAsync(factory, "coordinator@techniekpact.demo") };
        using var start = new SemaphoreSlim(0, ready.Count);
        var attempts = ready.Select(async (id, i) =>
        {
            await start.WaitAsync();
            return (await DecideAsync(clients[i % 2], programme, id, "start", "Passed", "2027-02-01")).StatusCode;
        }).ToList();
        start.Release(ready.Count);
        var results = await Task.WhenAll(attempts);

        Assert.Equal(3, results.Count(s => s == HttpStatusCode.Created));
        Assert.Equal(9, results.Count(s => s == HttpStatusCode.Conflict));
        var started = await factory.InDbAsync(db => db.Set<CandidateStep>().AsNoTracking()
            .Where(s => ready.Contains(s.CandidateId) && s.Decision == StepDecision.Passed)
            .GroupBy(s => s.CandidateId).Select(g => g.Count()).ToListAsync());
        // Every candidate passed five steps before; a started one has six.
        Assert.Equal(3, started.Count(n => n == 6));
        Assert.Equal(9, started.Count(n => n == 5));
    }
}

public sealed class IntakeRaceSqlite(SqliteFactory factory) : IntakeRaceTests<SqliteFactory>(factory);
public sealed class IntakeRacePostgres(PostgresFactory factory) : IntakeRaceTests<PostgresFactory>(factory);
