using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Features.Demo;
using Pactwerk.Web.Features.Knowledge;
using static Pactwerk.Tests.Infrastructure.Session;

namespace Pactwerk.Tests.Knowledge;

/// <summary>
/// A non-member guessing case ids cannot flood the audit trail: the first refusals of a window get
/// a line each, the rest one summary line with their number once the window is over; every
/// refusal is still answered 404.
/// </summary>
public abstract class CaseRefusalLogTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory, IHasClock
{
    [Fact]
    public async Task Refusals_beyond_the_limit_are_counted_on_one_summary_line()
    {
        var network = await factory.InDbAsync(db => db.LearningNetworks.Where(n => n.Name == DemoEventsAndLearningNetworks.NetworkName).Select(n => n.Id).SingleAsync());
        var guesser = await SignInAsync(factory, "lid@pactwerk.demo");
        var user = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "lid@pactwerk.demo").Select(u => u.Id).SingleAsync());
        Task<int> Lines() => factory.InDbAsync(db => db.AuditEntries.CountAsync(a => a.UserId == user && a.Action == LearningNetworkAuditActions.CaseAccessRefused));
        Task<List<string?>> Summaries() => factory.InDbAsync(db => db.AuditEntries.Where(a => a.UserId == user && a.Action == LearningNetworkAuditActions.CaseAccessRefusedMore)
            .Select(a => a.After).ToListAsync());

        for (var guess = 0; guess < 10; guess++)
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/api/v1/learning-networks/{network}/cases/{800000 + guess}")).StatusCode);
        // The limit in this factory is 3 a window: 3 lines, 7 refusals waiting for the window to end.
        Assert.Equal(3, await Lines());
        Assert.Empty(await Summaries());

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/lerende-netwerken/{network}/casussen/800042")).StatusCode);
        Assert.Equal(4, await Lines());
        var summary = Assert.Single(await Summaries());
        var json = JsonDocument.Parse(summary!).RootElement;
        Assert.Equal(7, json.GetProperty("refused").GetInt32());
        Assert.Equal(network, json.GetProperty("network").GetInt32());

        // A member's reads are never refused, so never counted.
        var member = await SignInAsync(factory, DemoEventsAndLearningNetworks.NetworkMemberEmail);
        var memberId = await factory.InDbAsync(db => db.Users.Where(u => u.Email == DemoEventsAndLearningNetworks.NetworkMemberEmail).Select(u => u.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync($"/api/v1/learning-networks/{network}/cases")).StatusCode);
        Assert.False(await factory.InDbAsync(db => db.AuditEntries.AnyAsync(a => a.UserId == memberId && a.Action.StartsWith("CaseAccessRefused"))));
    }

    [Fact]
    public async Task Refusals_on_two_networks_are_summed_up_per_network()
    {
        var first = await factory.InDbAsync(db => db.LearningNetworks.Where(n => n.Name == DemoEventsAndLearningNetworks.NetworkName).Select(n => n.Id).SingleAsync());
        var pact = await factory.InDbAsync(db => db.LearningNetworks.Where(n => n.Id == first).Select(n => n.PactId).SingleAsync());
        var second = await factory.InDbAsync(async db =>
        {
            var n = new LearningNetwork { PactId = pact, Name = "Tweede netwerk voor de weigeringen " + Guid.NewGuid().ToString("N")[..6] };
            db.LearningNetworks.Add(n);
            await db.SaveChangesAsync();
            return n.Id;
        });
        // The clock is shared by the class: start a fresh window for this user.
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var guesser = await SignInAsync(factory, "redacteur@hva.demo");
        var user = await factory.InDbAsync(db => db.Users.Where(u => u.Email == "redacteur@hva.demo").Select(u => u.Id).SingleAsync());

        // 5 on the first network (3 lines, 2 over), then 6 on the second (3 lines, 3 over).
        for (var guess = 0; guess < 5; guess++)
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/api/v1/learning-networks/{first}/cases/{810000 + guess}")).StatusCode);
        for (var guess = 0; guess < 6; guess++)
            Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/api/v1/learning-networks/{second}/cases/{820000 + guess}")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(HttpStatusCode.NotFound, (await guesser.GetAsync($"/api/v1/learning-networks/{first}/cases/819999")).StatusCode);

        var summaries = (await factory.InDbAsync(db => db.AuditEntries.Where(a => a.UserId == user && a.Action == LearningNetworkAuditActions.CaseAccessRefusedMore)
                .Select(a => a.After).ToListAsync()))
            .Select(a => JsonDocument.Parse(a!).RootElement).ToDictionary(j => j.GetProperty("network").GetInt32(), j => j.GetProperty("refused").GetInt32());
        Assert.Equal(new Dictionary<int, int> { [first] = 2, [second] = 3 }, summaries);
    }
}

public interface IHasClock
{
    TestClock Clock { get; }
}

/// <summary>The system clock, moved forward by hand.</summary>
public sealed class TestClock : TimeProvider
{
    private TimeSpan _offset;
    public void Advance(TimeSpan by) => _offset += by;
    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + _offset;
}

public sealed class RefusalLogSqliteFactory : SqliteFactory, IHasClock
{
    public RefusalLogSqliteFactory() => With("LearningNetworks:RefusalLog:PerWindow", "3");
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class RefusalLogPostgresFactory : PostgresFactory, IHasClock
{
    public RefusalLogPostgresFactory() => With("LearningNetworks:RefusalLog:PerWindow", "3");
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}

public sealed class CaseRefusalLogSqlite(RefusalLogSqliteFactory factory) : CaseRefusalLogTests<RefusalLogSqliteFactory>(factory);
public sealed class CaseRefusalLogPostgres(RefusalLogPostgresFactory factory) : CaseRefusalLogTests<RefusalLogPostgresFactory>(factory);
