using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// On SQLite, one intake decision at a time within this process, as the rooms' <c>RoomWriteGate</c>: the file's write
/// lock (BEGIN IMMEDIATE) is the guarantee across processes; the gate only keeps a rush from each waiting on SQLite's busy
/// timeout. On PostgreSQL nothing waits here: the cohort's row is locked in the transaction.
/// </summary>
public sealed class ProgrammeGate
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
