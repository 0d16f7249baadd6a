using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// On SQLite, one booking write at a time within this process. The file's write lock (BEGIN IMMEDIATE)
/// already serialises them and stays the guarantee across processes; the gate only keeps a rush of
/// requests from each waiting on SQLite's busy timeout. On PostgreSQL nothing waits here: the exclusion
/// constraint decides, and bookings of different rooms go in side by side.
/// </summary>
public sealed class RoomWriteGate
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
