using System.Collections.Concurrent;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// One posting per account at a time within this process. The database is the guarantee across
/// processes (the account row's lock on PostgreSQL, the file's write lock on SQLite); the gate only
/// keeps a rush on one account from holding every pooled connection while it waits for that lock.
/// </summary>
public sealed class LedgerGate
{
    private readonly ConcurrentDictionary<long, SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(long accountId, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(accountId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        return new Turn(gate);
    }

    private sealed class Turn(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
