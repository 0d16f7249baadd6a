using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// The one place where the cached public monitor is dropped: an EF interceptor on every
/// <see cref="Data.PactwerkDb"/> that notices writes to what the monitor shows and evicts the
/// <see cref="MonitorCache.Tag"/> once they are committed — never before, or a reader between the
/// eviction and the commit would cache the old figures again for half an hour.
/// <para>
/// It sees three kinds of write: tracked changes (SaveChanges), EF's set-based statements
/// (ExecuteUpdate, ExecuteDelete, ExecuteSql) whose SQL names a monitored table, and the
/// observation writer's COPY / prepared INSERT, which run on the bare connection past every EF
/// interceptor and so say so through <see cref="WrotePastTracker"/>. A command interceptor was
/// chosen over routing the set-based statements through the change tracker because an import
/// retires hundreds of thousands of values in a few statements; loading them would cost minutes.
/// </para>
/// </summary>
public sealed class MonitorCacheEviction(MonitorCatalogue catalogue, MonitorCluster cluster) : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>
    /// What the public monitor reads: every entity marked <see cref="Data.ShownOnMonitorAttribute"/>
    /// (figures and their provenance, indicator definitions, goals and the plan revisions that adopt
    /// them, objectives, pacts, regions). The mark sits on the entity in its own area, so the monitor
    /// names no other area's types and a new entity the monitor shows is evicted for by its mark.
    /// Editions are marked (a new one joins the cached open-data catalogue); their figures are a frozen copy on pages that are not cached.
    /// </summary>
    private static bool Monitored(Type type) => MonitoredTypes.GetOrAdd(type, t => t.IsDefined(typeof(Data.ShownOnMonitorAttribute), inherit: true));

    private static readonly ConcurrentDictionary<Type, bool> MonitoredTypes = new();

    private sealed class Pending
    {
        public List<Action> AfterCommit { get; } = [];
    }

    /// <summary>Per context: monitor data written in its open transaction and not yet committed.</summary>
    private static readonly ConditionalWeakTable<DbContext, Pending> PendingOf = [];
    private static readonly ConcurrentDictionary<IModel, Regex> TablesOf = new();

    /// <summary>
    /// For writes no EF interceptor sees (COPY and commands on the bare connection): the context's
    /// open transaction wrote monitor data, so its commit evicts.
    /// </summary>
    public static void WrotePastTracker(DbContext db) => PendingOf.GetOrCreateValue(RequireTransaction(db));

    /// <summary>
    /// Runs <paramref name="publish"/> right after the context's open transaction commits and before
    /// the eviction, for state kept outside the database (the monitor engine's figures in memory):
    /// a reader after the eviction then finds the new figures, and a rolled-back write never shows.
    /// Register it right before the commit: a transaction disposed without commit or rollback is not
    /// seen by any interceptor, so an earlier registration could outlive it.
    /// </summary>
    public static void AfterCommit(DbContext db, Action publish) => PendingOf.GetOrCreateValue(RequireTransaction(db)).AfterCommit.Add(publish);

    private static DbContext RequireTransaction(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Monitor data written past the change tracker must be written in a transaction: the cache is evicted when it commits.");
        // Without the interceptor the commit would pass unseen: the engine would never take the new figures.
        if (db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<MonitorCacheEviction>().Any() != true)
            throw new InvalidOperationException("The monitor's cache eviction is not registered with this database context (see MonitorCache.AddMonitorCache).");
        return db;
    }

    private static bool Writes(ChangeTracker tracker) =>
        tracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && Monitored(e.Metadata.ClrType));

    private static bool Writes(DbContext db, DbCommand command, CommandSource source) =>
        source is CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw
        && TablesOf.GetOrAdd(db.Model, model => new Regex(
                @"\b(" + string.Join('|', model.GetEntityTypes().Where(t => Monitored(t.ClrType))
                    .Select(t => t.GetTableName()).OfType<string>().Distinct().Select(Regex.Escape)) + @")\b",
                RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .IsMatch(command.CommandText);

    // Tracked changes: noted before the save; evicted after it when no transaction is open, else at the commit.
    public InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result)
    {
        if (e.Context is { } db && Writes(db.ChangeTracker))
            PendingOf.GetOrCreateValue(db);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData e, InterceptionResult<int> result, CancellationToken ct = default) =>
        ValueTask.FromResult(SavingChanges(e, result));

    public int SavedChanges(SaveChangesCompletedEventData e, int result)
    {
        if (e.Context is { } db && db.Database.CurrentTransaction is null)
            Flush(db);
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData e, int result, CancellationToken ct = default)
    {
        if (e.Context is { } db && db.Database.CurrentTransaction is null)
            await FlushAsync(db, ct);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData e)
    {
        if (e.Context is { } db && db.Database.CurrentTransaction is null)
            PendingOf.Remove(db);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData e, CancellationToken ct = default)
    {
        SaveChangesFailed(e);
        return Task.CompletedTask;
    }

    // Set-based statements: outside a transaction they are committed when they return.
    public int NonQueryExecuted(DbCommand command, CommandExecutedEventData e, int result)
    {
        if (e.Context is { } db && Writes(db, command, e.CommandSource))
        {
            PendingOf.GetOrCreateValue(db);
            if (command.Transaction is null)
                Flush(db);
        }
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData e, int result, CancellationToken ct = default)
    {
        if (e.Context is { } db && Writes(db, command, e.CommandSource))
        {
            PendingOf.GetOrCreateValue(db);
            if (command.Transaction is null)
                await FlushAsync(db, ct);
        }
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData e)
    {
        if (e.Context is { } db)
            Flush(db);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData e, CancellationToken ct = default) =>
        e.Context is { } db ? FlushAsync(db, ct) : Task.CompletedTask;

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData e)
    {
        if (e.Context is { } db)
            PendingOf.Remove(db);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData e, CancellationToken ct = default)
    {
        TransactionRolledBack(transaction, e);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData e)
    {
        if (e.Context is { } db && e.Action is "Commit" or "Rollback")
            PendingOf.Remove(db);
    }

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData e, CancellationToken ct = default)
    {
        TransactionFailed(transaction, e);
        return Task.CompletedTask;
    }

    private async Task FlushAsync(DbContext db, CancellationToken ct)
    {
        if (!Take(db))
            return;
        await catalogue.EvictAsync(ct);
        cluster.Announce();
    }

    // The synchronous paths (a Commit() without await) block on the store; the in-memory store
    // completes its eviction synchronously.
    private void Flush(DbContext db)
    {
        if (!Take(db))
            return;
        catalogue.EvictAsync(default).AsTask().GetAwaiter().GetResult();
        cluster.Announce();
    }

    private static bool Take(DbContext db)
    {
        if (!PendingOf.TryGetValue(db, out var pending))
            return false;
        PendingOf.Remove(db);
        foreach (var publish in pending.AfterCommit)
            publish();
        return true;
    }
}
