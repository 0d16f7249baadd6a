using System.Collections.Concurrent;

namespace Pactwerk.Web.Features.Vouchers;

/// <summary>
/// One decision per scheme at a time within this process. The database already takes them one
/// after the other (the scheme row's lock), and stays the guarantee across processes; the gate only
/// keeps a rush from holding every pooled connection while it waits for that lock, so status pages
/// and other schemes keep answering.
/// </summary>
public sealed class SchemeGate
{
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _gates = new();

    public async Task<IDisposable> EnterAsync(int schemeId, CancellationToken ct)
    {
        var gate = _gates.GetOrAdd(schemeId, _ => new SemaphoreSlim(1, 1));
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
