namespace Pactwerk.Tests.Infrastructure;

/// <summary>Captures what a command-line handler writes, and puts the real console back afterwards.</summary>
public sealed class ConsoleCapture : IDisposable
{
    public StringWriter Output { get; } = new();
    public StringWriter Errors { get; } = new();

    public ConsoleCapture()
    {
        Console.SetOut(Output);
        Console.SetError(Errors);
    }

    public void Dispose()
    {
        Console.SetOut(new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true });
        Console.SetError(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });
    }
}
