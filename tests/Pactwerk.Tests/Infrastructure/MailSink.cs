using System.Collections.Concurrent;
using MimeKit;
using Pactwerk.Web.Features.Newsletter;
using SmtpServer.Protocol;

namespace Pactwerk.Tests.Infrastructure;

/// <summary>
/// The tests' SMTP sink: a real SMTP server on a loopback port (the app's own <see cref="SmtpSink"/>)
/// that keeps every message it accepts. <see cref="Refuse"/> lets a test play a server that refuses
/// some messages. <see cref="Received"/> holds every accepted copy; <see cref="Unique"/> drops copies
/// with a Message-ID seen before, as a receiving mail system may.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _received = new();
    private readonly SmtpSink _sink;

    public MailSink()
    {
        _sink = new SmtpSink(SmtpSink.FreePort(), message =>
        {
            if (Refuse?.Invoke(message) is { } refusal)
                return Task.FromResult<SmtpResponse?>(refusal);
            _received.Enqueue(message);
            return Task.FromResult<SmtpResponse?>(null);
        });
    }

    public int Port => _sink.Port;

    /// <summary>Returns a reply to refuse the message with, or null to accept it.</summary>
    public Func<MimeMessage, SmtpResponse?>? Refuse { get; set; }

    public IReadOnlyList<MimeMessage> Received => _received.ToList();

    public IReadOnlyList<MimeMessage> Unique => Received.DistinctBy(m => m.MessageId).ToList();

    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string address, int atLeast = 1, Func<MimeMessage, bool>? where = null)
    {
        for (var waited = 0; waited < 600; waited++)
        {
            var messages = To(address).Where(where ?? (_ => true)).ToList();
            if (messages.Count >= atLeast)
                return messages;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No mail for {address} reached the sink.");
    }

    /// <summary>Sets the newsletter's SMTP settings of an app factory to this sink, with short waits for tests.</summary>
    public T Configure<T>(T factory) where T : PactwerkFactory
    {
        factory.With("Newsletter:Smtp:Host", "127.0.0.1").With("Newsletter:Smtp:Port", Port.ToString())
            .With("Newsletter:Smtp:Security", "None").With("Newsletter:PollInterval", "00:00:00.200")
            .With("Newsletter:RetryDelay", "00:00:00.100").With("Newsletter:RequestsPerAddressWindow", "20");
        return factory;
    }

    public ValueTask DisposeAsync() => _sink.DisposeAsync();
}

/// <summary>An app on SQLite whose newsletter mail goes to its own <see cref="MailSink"/>.</summary>
public sealed class NewsletterSqliteFactory : SqliteFactory
{
    public NewsletterSqliteFactory() => Sink.Configure(this);
    public MailSink Sink { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}

public sealed class NewsletterPostgresFactory : PostgresFactory
{
    public NewsletterPostgresFactory() => Sink.Configure(this);
    public MailSink Sink { get; } = new();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Sink.DisposeAsync();
    }
}
