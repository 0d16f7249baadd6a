using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Who runs a periodic job in the current period: one row per job. Several instances on one database
/// all tick; the one that takes the lease runs, the others skip until it lapses. An instance that dies
/// holds it at most until <see cref="Until"/>, after which the next tick of any instance takes over.
/// </summary>
public class JobLease
{
    public required string Name { get; set; }
    /// <summary>The instance that took it last (machine, process, a random part): for the operator, not for the rule.</summary>
    public required string Holder { get; set; }
    public DateTime TakenAt { get; set; }
    public DateTime Until { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> lease)
    {
        lease.HasKey(l => l.Name);
        lease.Property(l => l.Name).HasMaxLength(100);
        lease.Property(l => l.Holder).HasMaxLength(200);
    }
}

/// <summary>Takes a job's lease in one statement, so of instances asking at the same moment exactly one gets it.</summary>
public sealed class JobLeases(PactwerkDb db)
{
    /// <summary>This process, as it signs the leases it takes.</summary>
    public static readonly string ThisInstance = Last200($"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}");

    private static string Last200(string text) => text.Length > 200 ? text[^200..] : text;

    /// <summary>
    /// Takes the lease on <paramref name="name"/> until <paramref name="until"/> when nobody holds it at
    /// <paramref name="now"/>: a conditional update of a lapsed lease, or the first row for the job
    /// (an insert that does nothing when another instance inserted it first). Not through the change
    /// tracker, so it writes no audit entry and no version.
    /// </summary>
    public async Task<bool> TryTakeAsync(string name, string holder, DateTime now, DateTime until, CancellationToken ct)
    {
        if (await db.JobLeases.Where(l => l.Name == name && l.Until <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.TakenAt, now).SetProperty(l => l.Until, until), ct) == 1)
            return true;
        return await InsertAsync(name, holder, now, until, ct);
    }

    /// <summary>
    /// For work that runs continuously (newsletter deliveries): takes the lease as <see cref="TryTakeAsync"/>
    /// does, or renews it when <paramref name="holder"/> holds it already, so one instance keeps the work
    /// while it lives and another takes over only once its lease has lapsed.
    /// </summary>
    public async Task<bool> TryHoldAsync(string name, string holder, DateTime now, DateTime until, CancellationToken ct)
    {
        if (await db.JobLeases.Where(l => l.Name == name && (l.Until <= now || l.Holder == holder))
                .ExecuteUpdateAsync(s => s.SetProperty(l => l.Holder, holder).SetProperty(l => l.Until, until), ct) == 1)
            return true;
        return await InsertAsync(name, holder, now, until, ct);
    }

    private async Task<bool> InsertAsync(string name, string holder, DateTime now, DateTime until, CancellationToken ct) =>
        // ON CONFLICT … DO NOTHING is the same on SQLite and PostgreSQL: the loser of a race inserts nothing.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"JobLeases\" (\"Name\", \"Holder\", \"TakenAt\", \"Until\") VALUES ({name}, {holder}, {now}, {until}) ON CONFLICT (\"Name\") DO NOTHING", ct) == 1;
}

/// <summary>
/// Work that runs every <see cref="Period"/>, once across all instances on the database (voucher
/// expiry, lotteries, retention, the monitor feed): each tick takes the job's lease for the period
/// (<see cref="JobLeases"/>) and runs only if it got it. A run that overruns its lease may meet the
/// next instance's run; every job's steps are conditional updates, so that repeats nothing, and the
/// lease keeps it from being the rule.
/// </summary>
public abstract class ClusterJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger log) : BackgroundService
{
    /// <summary>The lease's name: one per job.</summary>
    public abstract string Name { get; }
    protected abstract TimeSpan Period { get; }
    /// <summary>The first tick after start: migrations and the demo data come first.</summary>
    protected virtual TimeSpan FirstRunAfter => TimeSpan.FromMinutes(1);
    protected virtual bool Enabled => true;

    /// <summary>One run; returns what the log should say, or null when there was nothing to do.</summary>
    protected abstract Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
            return;
        try
        {
            await Task.Delay(FirstRunAfter, clock, stoppingToken);
            using var timer = new PeriodicTimer(Period, clock);
            do
                await TickAsync(stoppingToken);
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One tick: runs when this instance takes the period's lease; false when another instance (or an earlier tick) holds it, or the run failed.</summary>
    public async Task<bool> TickAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var now = clock.GetUtcNow().UtcDateTime;
            // A little short of the period, so this instance's own next tick finds it lapsed.
            if (!await scope.ServiceProvider.GetRequiredService<JobLeases>().TryTakeAsync(Name, JobLeases.ThisInstance, now, now + Period * 0.9, ct))
                return false;
            if (await RunAsync(scope.ServiceProvider, now, ct) is { } done)
                log.LogInformation("{Job}: {Done}", Name, done);
            return true;
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogError(failure, "{Job} failed; it is tried again at its next turn", Name);
            return false;
        }
    }
}
