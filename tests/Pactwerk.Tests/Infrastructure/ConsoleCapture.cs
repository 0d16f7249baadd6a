using System.Text;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>Captures what a command-line handler writes, for the test that made the capture only.</summary>
/// <remarks>
/// The console is one per process, and test classes run side by side: swapping <see cref="Console.Out"/> per test let
/// one test read another's lines, and one test's <c>Dispose</c> put the real console back under another still
/// capturing. So the console is routed once, for good, through a writer that asks the async flow which capture is
/// current; a handler awaited by the test writes into that test's capture, everything else into the real console.
/// </remarks>
public sealed class ConsoleCapture : IDisposable
{
    static readonly AsyncLocal<ConsoleCapture?> Current = new();
    static readonly Lazy<bool> Routed = new(() =>
    {
        Console.SetOut(new Router(Console.Out, capture => capture.Output));
        Console.SetError(new Router(Console.Error, capture => capture.Errors));
        return true;
    });

    readonly ConsoleCapture? outer;

    public StringWriter Output { get; } = new();
    public StringWriter Errors { get; } = new();

    public ConsoleCapture()
    {
        _ = Routed.Value;
        outer = Current.Value;
        Current.Value = this;
    }

    public void Dispose() => Current.Value = outer;

    sealed class Router(TextWriter real, Func<ConsoleCapture, TextWriter> pick) : TextWriter
    {
        // No lock here: Console.SetOut already wraps this writer in a synchronised one, so writes arrive one at a time.
        TextWriter Target => Current.Value is { } capture ? pick(capture) : real;
        public override Encoding Encoding => real.Encoding;
        public override void Write(char value) => Target.Write(value);
        public override void Write(string? value) => Target.Write(value);
        public override void Write(char[] buffer, int index, int count) => Target.Write(buffer, index, count);
        public override void WriteLine(string? value) => Target.WriteLine(value);
        public override void WriteLine() => Target.WriteLine();
        public override void Flush() => Target.Flush();
    }
}
