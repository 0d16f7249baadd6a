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
/// <para>
/// The same commits drop the accounts held in <see cref="Accounts.AccessMemo"/> when they wrote an entity marked
/// <see cref="Data.DecidesAccessAttribute"/>: one interceptor sees every kind of write once, so both memos are
/// dropped by the same rules (after the commit, never for a rollback) and no second copy of them can drift.
/// </para>
public sealed class MonitorCacheEviction(MonitorCatalogue catalogue, MonitorCluster cluster, Accounts.AccessMemo access)
    : ISaveChangesInterceptor, IDbCommandInterceptor, IDbTransactionInterceptor
{
    /// <summary>
    /// What the public monitor reads: every entity marked <see cref="Data.ShownOnMonitorAttribute"/>
    /// (figures and their provenance, indicator definitions, goals and the plan revisions that adopt
    /// them, objectives, pacts, regions). The mark sits on the entity in its own area, so the monitor
    /// names no other area's types and a new entity the monitor shows is evicted for by its mark.
    /// Editions are marked (a new one joins the cached open-data catalogue); their figures are a frozen copy on pages that are not cached.
    /// </summary>
    private static Drops DropsFor(Type type) => DropsOf.GetOrAdd(type, t =>
        (t.IsDefined(typeof(Data.ShownOnMonitorAttribute), inherit: true) ? Drops.Monitor : Drops.None)
        | (t.IsDefined(typeof(Data.DecidesAccessAttribute), inherit: true) ? Drops.Access : Drops.None));

    private static readonly ConcurrentDictionary<Type, Drops> DropsOf = new();

    /// <summary>What a commit drops: the monitor's cache and catalogue, the held accounts, or both.</summary>
    [Flags]
    internal enum Drops { None = 0, Monitor = 1, Access = 2 }

    private sealed class Pending
    {
        public Drops Drops { get; set; }
        public List<Action> AfterCommit { get; } = [];
    }

    /// <summary>Per context: monitor data written in its open transaction and not yet committed.</summary>
    private static readonly ConditionalWeakTable<DbContext, Pending> PendingOf = [];
    private static readonly ConcurrentDictionary<IModel, (Regex Monitor, Regex Access)> TablesOf = new();

    /// <summary>
    /// For writes no EF interceptor sees (COPY and commands on the bare connection): the context's
    /// open transaction wrote monitor data, so its commit evicts.
    /// </summary>
    public static void WrotePastTracker(DbContext db) => PendingOf.GetOrCreateValue(RequireTransaction(db)).Drops |= Drops.Monitor;

    /// <summary>
    /// Runs <paramref name="publish"/> right after the context's open transaction commits and before
    /// the eviction, for state kept outside the database (the monitor engine's figures in memory):
    /// a reader after the eviction then finds the new figures, and a rolled-back write never shows.
    /// Register it right before the commit: a transaction disposed without commit or rollback is not
    /// seen by any interceptor, so an earlier registration could outlive it.
    /// </summary>
    public static void AfterCommit(DbContext db, Action publish)
    {
        var pending = PendingOf.GetOrCreateValue(RequireTransaction(db));
        pending.Drops |= Drops.Monitor;
        pending.AfterCommit.Add(publish);
    }

    private static DbContext RequireTransaction(DbContext db)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Monitor data written past the change tracker must be written in a transaction: the cache is evicted when it commits.");
        // Without the interceptor the commit would pass unseen: the engine would never take the new figures.
        if (db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<MonitorCacheEviction>().Any() != true)
            throw new InvalidOperationException("The monitor's cache eviction is not registered with this database context (see MonitorCache.AddMonitorCache).");
        return db;
    }

    private static Drops Writes(ChangeTracker tracker)
    {
        var drops = Drops.None;
        foreach (var e in tracker.Entries())
            if (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
                drops |= DropsFor(e.Metadata.ClrType);
        return drops;
    }

    private static Drops Writes(DbContext db, DbCommand command, CommandSource source)
    {
        if (source is not (CommandSource.ExecuteUpdate or CommandSource.ExecuteDelete or CommandSource.ExecuteSqlRaw))
            return Drops.None;
        var (monitor, access) = TablesOf.GetOrAdd(db.Model, model => (TablesMarked(model, Drops.Monitor), TablesMarked(model, Drops.Access)));
        return (monitor.IsMatch(command.CommandText) ? Drops.Monitor : Drops.None) | (access.IsMatch(command.CommandText) ? Drops.Access : Drops.None);
    }

    private static Regex TablesMarked(IModel model, Drops drop)
    {
        var tables = model.GetEntityTypes().Where(t => DropsFor(t.ClrType).HasFlag(drop)).Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
        // No table of the kind: "\b()\b" would match every statement, so match none.
        return new Regex(tables.Count == 0 ? "(?!)" : @"\b(" + string.Join('|', tables.Select(Regex.Escape)) + @")\b",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }

    // Tracked changes: noted before the save; evicted after it when no transaction is open, else at the commit.
    public InterceptionResult<int> SavingChanges(DbContextEventData e, InterceptionResult<int> result)
    {
        if (e.Context is { } db && Writes(db.ChangeTracker) is var drops and not Drops.None)
            PendingOf.GetOrCreateValue(db).Drops |= drops;
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
        if (e.Context is { } db && Writes(db, command, e.CommandSource) is var drops and not Drops.None)
        {
            PendingOf.GetOrCreateValue(db).Drops |= drops;
            if (command.Transaction is null)
                Flush(db);
        }
        return result;
    }

    public async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData e, int result, CancellationToken ct = default)
    {
        if (e.Context is { } db && Writes(db, command, e.CommandSource) is var drops and not Drops.None)
        {
            PendingOf.GetOrCreateValue(db).Drops |= drops;
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
        var drops = Take(db);
        if (drops.HasFlag(Drops.Access))
            access.Evict();
        if (drops.HasFlag(Drops.Monitor))
            await catalogue.EvictAsync(ct);
        if (drops != Drops.None)
            cluster.Announce(drops);
    }

    // The synchronous paths (a Commit() without await) block on the store; the in-memory store
    // completes its eviction synchronously.
    private void Flush(DbContext db)
    {
        var drops = Take(db);
        if (drops.HasFlag(Drops.Access))
            access.Evict();
        if (drops.HasFlag(Drops.Monitor))
            catalogue.EvictAsync(default).AsTask().GetAwaiter().GetResult();
        if (drops != Drops.None)
            cluster.Announce(drops);
    }

    private static Drops Take(DbContext db)
    {
        if (!PendingOf.TryGetValue(db, out var pending))
            return Drops.None;
        PendingOf.Remove(db);
        foreach (var publish in pending.AfterCommit)
            publish();
        return pending.Drops;
    }
}
