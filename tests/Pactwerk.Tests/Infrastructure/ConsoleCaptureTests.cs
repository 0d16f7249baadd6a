namespace Pactwerk.Tests.Infrastructure;

/// <summary>Two command-line tests running side by side each read their own lines, and nothing else.</summary>
public sealed class ConsoleCaptureTests
{
    [Fact]
    public async Task Captures_running_at_the_same_time_keep_their_own_lines()
    {
        var bothCapturing = new Barrier(2);
        var firstDisposed = new TaskCompletionSource();

        async Task<(string output, string errors)> RunAsync(string name, bool disposeFirst)
        {
            await Task.Yield();
            using var console = new ConsoleCapture();
            bothCapturing.SignalAndWait(TimeSpan.FromSeconds(10));
            Console.WriteLine($"{name} 1");
            Console.Error.WriteLine($"{name} error");
            if (disposeFirst) return (console.Output.ToString(), console.Errors.ToString());
            // The other capture has ended by now: its end must not put the real console back under this one.
            await firstDisposed.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await Task.Run(() => Console.WriteLine($"{name} 2"));
            return (console.Output.ToString(), console.Errors.ToString());
        }

        var first = Task.Run(async () => { try { return await RunAsync("eerste", disposeFirst: true); } finally { firstDisposed.SetResult(); } });
        var second = Task.Run(() => RunAsync("tweede", disposeFirst: false));
        var (firstOut, firstErr) = await first;
        var (secondOut, secondErr) = await second;

        Assert.Equal($"eerste 1{Environment.NewLine}", firstOut);
        Assert.Equal($"eerste error{Environment.NewLine}", firstErr);
        Assert.Equal($"tweede 1{Environment.NewLine}tweede 2{Environment.NewLine}", secondOut);
        Assert.Equal($"tweede error{Environment.NewLine}", secondErr);
    }
}
