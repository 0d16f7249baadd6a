using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Pactwerk.Tests.Infrastructure;
using Pactwerk.Web.Shared;

namespace Pactwerk.Tests.Platform;

/// <summary>
/// Periodic work runs once across instances: of instances ticking at the same moment exactly one takes
/// the job's lease and runs; when the holder dies the lease lapses and another instance takes over.
/// </summary>
public abstract class ClusterJobTests<TFactory>(TFactory factory) : IClassFixture<TFactory> where TFactory : PactwerkFactory
{
    /// <summary>A job that counts its runs, on the factory's database and a clock the test moves.</summary>
    private sealed class CountingJob(IServiceScopeFactory scopes, TimeProvider clock, string name) : ClusterJob(scopes, clock, NullLogger.Instance)
    {
        private int _runs;
        public int Runs => _runs;
        public override string Name => name;
        protected override TimeSpan Period => TimeSpan.FromMinutes(10);

        protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct)
        {
            Interlocked.Increment(ref _runs);
            // Long enough for the other instances' ticks to come while this one runs.
            await Task.Delay(50, ct);
            return null;
        }
    }

    private sealed class MovableClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private Task<JobLease?> LeaseAsync(string name) => factory.InDbAsync(db => db.JobLeases.AsNoTracking().SingleOrDefaultAsync(l => l.Name == name));

    [Fact]
    public async Task Of_instances_racing_for_a_jobs_lease_exactly_one_takes_it_and_another_takes_over_when_it_lapses()
    {
        var name = "test-race-" + Guid.NewGuid().ToString("N")[..8];
        var now = new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc);
        var until = now.AddMinutes(9);

        async Task<bool[]> RaceAsync(DateTime at, DateTime to, string round) => await Task.WhenAll(Enumerable.Range(0, 12).Select(async i =>
        {
            var taken = false;
            await factory.InScopeAsync(async services => taken = await services.GetRequiredService<JobLeases>().TryTakeAsync(name, $"{round}-{i}", at, to, CancellationToken.None));
            return taken;
        }));

        // The first row: twelve instances insert at once, one gets it.
        var first = await RaceAsync(now, until, "a");
        Assert.Single(first, taken => taken);
        var held = (await LeaseAsync(name))!;
        Assert.Equal($"a-{Array.IndexOf(first, true)}", held.Holder);
        Assert.Equal(until, held.Until);

        // While it holds, nobody else takes it, not even at its last second.
        Assert.DoesNotContain(true, await RaceAsync(until.AddSeconds(-1), until.AddMinutes(9), "b"));
        Assert.Equal(held.Holder, (await LeaseAsync(name))!.Holder);

        // Its holder died: once it lapses, one of the others takes over.
        var later = until.AddSeconds(1);
        var second = await RaceAsync(later, later.AddMinutes(9), "c");
        Assert.Single(second, taken => taken);
        var taken = (await LeaseAsync(name))!;
        Assert.Equal($"c-{Array.IndexOf(second, true)}", taken.Holder);
        Assert.Equal(later, taken.TakenAt);
    }

    [Fact]
    public async Task A_job_runs_once_per_period_however_many_instances_tick()
    {
        var name = "test-job-" + Guid.NewGuid().ToString("N")[..8];
        var clock = new MovableClock(new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero));
        var scopes = factory.Services.GetRequiredService<IServiceScopeFactory>();
        var instances = Enumerable.Range(0, 4).Select(_ => new CountingJob(scopes, clock, name)).ToList();

        // Four instances tick at the same moment: one runs.
        var ticks = await Task.WhenAll(instances.Select(j => j.TickAsync(CancellationToken.None)));
        Assert.Single(ticks, ran => ran);
        Assert.Equal(1, instances.Sum(j => j.Runs));

        // Five minutes on, still the same period: nobody runs.
        clock.Now = clock.Now.AddMinutes(5);
        Assert.DoesNotContain(true, await Task.WhenAll(instances.Select(j => j.TickAsync(CancellationToken.None))));

        // The next period (the lease is 90 % of it, so the holder's own next tick finds it lapsed): one runs again.
        clock.Now = clock.Now.AddMinutes(5);
        Assert.Single(await Task.WhenAll(instances.Select(j => j.TickAsync(CancellationToken.None))), ran => ran);
        Assert.Equal(2, instances.Sum(j => j.Runs));
    }

    [Fact]
    public void The_applications_periodic_jobs_each_have_their_own_lease()
    {
        var jobs = factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<ClusterJob>().ToList();
        Assert.Equal(["learning-account-expiry", "learning-account-monitor-feed", "learning-place-monitor-feed", "matching-retention", "programme-monitor-feed", "programme-retention", "room-monitor-feed", "voucher-draws", "voucher-expiry", "voucher-monitor-feed", "voucher-retention", "workshop-day-feed", "workshop-day-lapse"], jobs.Select(j => j.Name).Order().ToArray());
    }
}

public sealed class ClusterJobSqlite(SqliteFactory factory) : ClusterJobTests<SqliteFactory>(factory);
public sealed class ClusterJobPostgres(PostgresFactory factory) : ClusterJobTests<PostgresFactory>(factory);
