using System.Diagnostics;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>Waits for what another instance or a background step makes true, and says how long it took.</summary>
public static class Waiting
{
    /// <summary>How long until <paramref name="seen"/> holds, polling every 20 ms for at most 5 s.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> seen)
    {
        var clock = Stopwatch.StartNew();
        while (!await seen() && clock.Elapsed < TimeSpan.FromSeconds(5))
            await Task.Delay(20);
        return clock.Elapsed;
    }
}
