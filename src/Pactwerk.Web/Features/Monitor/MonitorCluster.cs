using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Monitor;

/// <summary>
/// Several instances on one PostgreSQL database show the same monitor. After a commit that changed what the
/// monitor shows, the instance that made it says so on the channel <c>pactwerk_monitor</c> (PostgreSQL
/// NOTIFY, sent after the commit, so a listener reads committed data): which data elements its engine took
/// anew, or all of them. Every other instance listens, reads those elements again from the database and
/// drops its cached public monitor — within a second of the commit. After a lost connection a listener reads
/// everything again, since it may have missed news. On SQLite there is one process per file, so nothing is sent.
/// <para>
/// The same channel carries "accounts changed" (a committed write to what decides a session or its rights), on which
/// every other instance drops the accounts it holds (<see cref="Accounts.AccessMemo"/>). An instance holds accounts
/// only while it listens: from the moment the channel is found lost until it listens again, every request reads its
/// account from the database, since news of a withdrawn role may have been missed in between. A connection that dies
/// without an error is found by its keep-alive (30 s), as for the monitor's news.
/// </para>
/// </summary>
public sealed class MonitorCluster(IServiceScopeFactory scopes, MonitorEngineHost host, MonitorCatalogue catalogue, Accounts.AccessMemo access,
    IHostApplicationLifetime lifetime, ILogger<MonitorCluster> log) : BackgroundService
{
    public const string Channel = "pactwerk_monitor";

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _inbox = System.Threading.Channels.Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private volatile string? _connectionString;

    /// <summary>What another instance changed: the monitor (its engine's elements, or all of them) and/or the accounts.</summary>
    private sealed record News(string From, bool All, int[] Elements, bool Monitor = true, bool Access = false);

    /// <summary>Called after a local commit evicted what it wrote: tells the other instances, without waiting for them.</summary>
    internal void Announce(MonitorCacheEviction.Drops drops)
    {
        if (_connectionString is not { } connection)
            return;
        var monitor = drops.HasFlag(MonitorCacheEviction.Drops.Monitor);
        var (all, elements) = monitor ? host.TakeChanges() : (false, []);
        // NOTIFY takes at most 8000 bytes: a long list becomes "read everything".
        var payload = JsonSerializer.Serialize(new News(_instance, all || elements.Length > 1000, all || elements.Length > 1000 ? [] : elements,
            monitor, drops.HasFlag(MonitorCacheEviction.Drops.Access)));
        _ = Task.Run(async () =>
        {
            try
            {
                await using var db = new NpgsqlConnection(connection);
                await db.OpenAsync();
                await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", db);
                notify.Parameters.AddWithValue("channel", Channel);
                notify.Parameters.AddWithValue("payload", payload);
                await notify.ExecuteNonQueryAsync();
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                log.LogWarning(e, "Could not tell the other instances that the monitor changed; they see it after their next change or restart.");
            }
        });
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        // After the start: the database is made and migrated by then (DatabaseInitialiser), and the engine loaded.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        await using (stopping.Register(() => started.TrySetCanceled()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
            if (!db.Database.IsNpgsql())
            {
                // One process per SQLite file: every write to an account is this process's own, seen by the interceptor.
                access.Trust(true);
                return;
            }
            _connectionString = db.Database.GetConnectionString();
        }
        var handling = HandleAsync(stopping);
        var missed = false;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_connectionString) { Pooling = false, KeepAlive = 30 }.ConnectionString);
                await connection.OpenAsync(stopping);
                connection.Notification += (_, e) => _inbox.Writer.TryWrite(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                    await listen.ExecuteNonQueryAsync(stopping);
                if (missed)
                    _inbox.Writer.TryWrite(JsonSerializer.Serialize(new News("", true, [])));
                // Listening from here on: what others write to accounts reaches this instance.
                access.Trust(true);
                while (!stopping.IsCancellationRequested)
                    await connection.WaitAsync(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is NpgsqlException or IOException or TimeoutException)
            {
                access.Trust(false);
                missed = true;
                log.LogWarning(e, "Lost the monitor's channel to the other instances; listening again in a second.");
                await Task.Delay(TimeSpan.FromSeconds(1), stopping).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
        _inbox.Writer.TryComplete();
        await handling;
    }

    /// <summary>One piece of news at a time, in the order it came.</summary>
    private async Task HandleAsync(CancellationToken stopping)
    {
        await foreach (var payload in _inbox.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                var news = JsonSerializer.Deserialize<News>(payload);
                if (news is null || news.From == _instance)
                    continue;
                if (news.Access)
                    access.Evict();
                if (!news.Monitor)
                    continue;
                using (MonitorEngineHost.TakingOver())
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
                    if (news.All)
                        await host.LoadAllAsync(db, stopping);
                    else if (news.Elements.Length > 0)
                        (await host.ReadAgainAsync(db, news.Elements, stopping))();
                }
                await catalogue.EvictAsync(stopping);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Could not take over the monitor's change from another instance: {Payload}", payload);
            }
        }
    }
}
