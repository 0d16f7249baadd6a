using System.Buffers;
using System.Net;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>
/// An SMTP server on loopback that hands every message it accepts to a callback: the local sink of
/// development (see <see cref="SmtpSinkService"/>) and of the tests. The callback may refuse a
/// message with an SMTP reply (e.g. 451 to play a server that is busy).
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly SmtpServer.SmtpServer _server;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    /// <param name="accept">Returns null to accept the message, or the reply that refuses it.</param>
    public SmtpSink(int port, Func<MimeMessage, Task<SmtpResponse?>> accept)
    {
        Port = port;
        // SmtpServer binds in the background and only surfaces a taken port later (at shutdown), so
        // bind once here first: a port in use then fails now, where the caller can say so.
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, port))
            probe.Start();
        var options = new SmtpServerOptionsBuilder().ServerName("pactwerk-sink")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, port))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(accept));
        _server = new SmtpServer.SmtpServer(options, services);
        _running = _server.StartAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>A port on loopback that is free now.</summary>
    public static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _running; }
        catch (OperationCanceledException) { }
        catch (System.Net.Sockets.SocketException) { } // a failed listener has nothing left to stop
        _stop.Dispose();
    }

    private sealed class Store(Func<MimeMessage, Task<SmtpResponse?>> accept) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken ct)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, ct);
            return await accept(message) ?? SmtpResponse.Ok;
        }
    }
}

/// <summary>
/// Development only (Newsletter:Smtp:Sink=true): the sink on the configured loopback port, writing
/// each message as an .eml file to Newsletter:Smtp:SinkFolder.
/// </summary>
public sealed class SmtpSinkService(Microsoft.Extensions.Options.IOptions<NewsletterOptions> options, IHostEnvironment env, ILogger<SmtpSinkService> logger) : IHostedService
{
    private SmtpSink? _sink;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        var folder = Path.GetFullPath(smtp.SinkFolder, env.ContentRootPath);
        Directory.CreateDirectory(folder);
        try
        {
            _sink = new SmtpSink(smtp.Port, async message =>
        {
            var file = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}.eml");
            // Written under another name and renamed, so whoever reads the folder never sees half a message.
            await message.WriteToAsync(file + ".tmp");
            File.Move(file + ".tmp", file);
            logger.LogInformation("Newsletter sink: mail to {To} ({Subject}) written to {File}", message.To, message.Subject, file);
            return null;
        });
        }
        catch (System.Net.Sockets.SocketException e) when (e.SocketErrorCode == System.Net.Sockets.SocketError.AddressAlreadyInUse)
        {
            throw new InvalidOperationException(
                $"Newsletter SMTP sink cannot listen on 127.0.0.1:{smtp.Port}: the port is already in use. " +
                "Stop what uses it or choose another port with the setting Newsletter:Smtp:Port.", e);
        }
        logger.LogInformation("Newsletter SMTP sink listening on 127.0.0.1:{Port}, writing to {Folder}", smtp.Port, folder);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_sink is not null)
            await _sink.DisposeAsync();
    }
}
