using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Shared;

/// <summary>
/// On SQLite, one decision of <typeparamref name="TWriter"/> at a time within this process. The file's write lock (BEGIN
/// IMMEDIATE) already serialises writers and stays the guarantee across processes; the gate only keeps a rush of requests
/// from each waiting on SQLite's busy timeout. On PostgreSQL nothing waits here: each writer locks its own rows (or lets a
/// constraint decide) in its transaction. One gate per writer type, registered as a singleton, so room bookings never wait
/// on placements or intake decisions.
/// </summary>
public sealed class SqliteWriteGate<TWriter>
{
    private readonly SemaphoreSlim _sqlite = new(1, 1);

    public async Task<IDisposable?> EnterAsync(PactwerkDb db, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
            return null;
        await _sqlite.WaitAsync(ct);
        return new Turn(_sqlite);
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
