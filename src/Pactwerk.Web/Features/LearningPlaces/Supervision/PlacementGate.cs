using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// On SQLite, one placement decision at a time within this process, as the rooms' <c>RoomWriteGate</c>: the file's write
/// lock (BEGIN IMMEDIATE) is the guarantee across processes; the gate only keeps a rush from each waiting on SQLite's busy
/// timeout. On PostgreSQL nothing waits here: the rows of the place and its supervisors are locked in the transaction.
/// </summary>
public sealed class PlacementGate
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
