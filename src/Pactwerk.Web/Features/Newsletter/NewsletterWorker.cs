using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>Wakes the worker when an edition is sent, instead of waiting for its next poll.</summary>
public sealed class NewsletterSignal
{
    private readonly SemaphoreSlim _wake = new(0);

    public void Wake()
    {
        if (_wake.CurrentCount == 0)
            _wake.Release();
    }

    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _wake.WaitAsync(timeout, ct);
}

/// <summary>
/// Confirmation mails waiting to go out. They are sent off the request path, so the answer to a
/// subscription request takes as long whatever the address, and an SMTP hiccup is retried. Kept in
/// memory only: a confirmation lost in a restart is asked for again by its reader.
/// </summary>
public sealed class NewsletterOutbox
{
    private readonly Channel<MimeMessage> _queue = Channel.CreateUnbounded<MimeMessage>();
    public void Enqueue(MimeMessage message) => _queue.Writer.TryWrite(message);
    public ChannelReader<MimeMessage> Reader => _queue.Reader;
}

/// <summary>
/// Told when the SMTP server has accepted a delivery and before the worker records it as sent: the
/// moment a crash would leave a mail sent but not recorded. The app registers none; a host that
/// wants to watch (the crash tests stop the host right there) registers its own.
/// </summary>
public interface INewsletterDeliveryObserver
{
    Task AcceptedAsync(NewsletterDelivery delivery, CancellationToken ct);
}

/// <summary>Sends MIME messages over SMTP with MailKit, with the configured host, port, TLS and account.</summary>
public sealed class NewsletterSmtp(IOptions<NewsletterOptions> options) : IAsyncDisposable
{
    private readonly SmtpClient _client = new();

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (!_client.IsConnected)
        {
            var o = options.Value.Smtp;
            await _client.ConnectAsync(o.Host, o.Port, o.Security switch
            {
                SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
                SmtpSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
                SmtpSecurity.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTlsWhenAvailable,
            }, ct);
            if (!string.IsNullOrEmpty(o.User))
            {
                try
                {
                    await _client.AuthenticateAsync(o.User, o.Password ?? "", ct);
                }
                catch
                {
                    // Not left connected unauthenticated: the next send would go out without logging in.
                    try { await _client.DisconnectAsync(true, CancellationToken.None); } catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpProtocolException) { }
                    throw;
                }
            }
        }
        await _client.SendAsync(message, ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try { await _client.DisconnectAsync(true); } catch (Exception e) when (e is IOException or ServiceNotConnectedException or SmtpProtocolException) { }
        }
        _client.Dispose();
    }
}

/// <summary>
/// Works off the deliveries of sent editions in small batches, recording each state before the next
/// step: Pending → Sending (saved) → SMTP → Sent (saved). After a crash, a Pending delivery is simply
/// sent; a Sending one may or may not have reached the server, and is sent again with the same
/// Message-ID so the receiving side can drop the copy (the one window no database can close: the
/// SMTP server's "250 OK" and our record of it are not one transaction). Temporary refusals are
/// retried with a doubling wait; permanent ones (5xx) and the last retry are recorded as failed.
/// Across instances on one database one worker holds the deliveries (<see cref="Lease"/>).
/// </summary>
public sealed class NewsletterWorker(IServiceScopeFactory scopes, IOptions<NewsletterOptions> options, NewsletterSignal signal, NewsletterOutbox outbox,
    IEnumerable<INewsletterDeliveryObserver> observers, NewsletterLinks links, TimeProvider clock, IHostApplicationLifetime lifetime, ILogger<NewsletterWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database is migrated by a start-up service; the worker begins once the app has started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled()))
        {
            try { await started.Task; }
            catch (OperationCanceledException) { return; }
        }
        var confirmations = SendConfirmationsAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            int worked;
            try
            {
                worked = await RunBatchAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database or the network hiccupped; every state is recorded, so the next round resumes where this one stopped.
                logger.LogError(e, "Newsletter worker stopped a round; it tries again");
                worked = 0;
            }
            if (worked == 0)
            {
                try { await signal.WaitAsync(options.Value.PollInterval, stoppingToken); }
                catch (OperationCanceledException) { break; }
            }
        }
        await confirmations;
    }

    /// <summary>The deliveries are worked by one instance at a time: it holds this lease, renewed every batch.</summary>
    public const string Lease = "newsletter-deliveries";

    /// <summary>How long a lease outlives the instance's last batch; another instance takes over after it.</summary>
    public static readonly TimeSpan LeaseTime = TimeSpan.FromMinutes(5);

    /// <summary>One batch; the number of deliveries handled (0 when there was nothing due, or another instance holds the deliveries).</summary>
    public async Task<int> RunBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        // Several instances on one database would each work the same rows; one holds them, the others wait
        // until it has been gone for LeaseTime (its Sending deliveries are then sent again, as after a crash).
        if (!await scope.ServiceProvider.GetRequiredService<Pactwerk.Web.Shared.JobLeases>().TryHoldAsync(Lease, Pactwerk.Web.Shared.JobLeases.ThisInstance, now, now + LeaseTime, ct))
            return 0;
        var batch = await db.Set<NewsletterDelivery>()
            .Where(d => (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending) && d.NextAttemptAt <= now)
            .OrderBy(d => d.Id).Take(options.Value.BatchSize).ToListAsync(ct);
        if (batch.Count > 0)
        {
            var editionIds = batch.Select(d => d.EditionId).Distinct().ToList();
            var editions = await db.Set<NewsletterEdition>().AsNoTracking().Where(e => editionIds.Contains(e.Id))
                .Select(e => new Edition(e.Id, e.PactId, e.Title, e.SentHtml ?? "", e.SentText ?? "")).ToDictionaryAsync(e => e.Id, ct);
            var pactIds = editions.Values.Select(e => e.PactId).Distinct().ToList();
            var pacts = await db.Pacts.Where(p => pactIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => (p.Code, p.Name), ct);
            var site = links.Site();
            await using var smtp = new NewsletterSmtp(options);
            foreach (var delivery in batch)
                await DeliverAsync(db, smtp, delivery, editions[delivery.EditionId], pacts[editions[delivery.EditionId].PactId], site, ct);
        }
        await SettleEditionsAsync(db, ct);
        return batch.Count;
    }

    private sealed record Edition(int Id, int PactId, string Title, string Html, string Text);

    private async Task DeliverAsync(PactwerkDb db, NewsletterSmtp smtp, NewsletterDelivery delivery, Edition edition, (string Code, string Name) pact, string site, CancellationToken ct)
    {
        var subscriber = delivery.SubscriberId is { } sid ? await db.Set<NewsletterSubscriber>().AsNoTracking().SingleOrDefaultAsync(s => s.Id == sid, ct) : null;
        if (subscriber is null)
        {
            // Unsubscribed after the edition was sent: their wish counts more than the snapshot.
            delivery.State = DeliveryState.Skipped;
            await db.SaveChangesAsync(ct);
            return;
        }
        delivery.State = DeliveryState.Sending;
        delivery.Attempts++;
        await db.SaveChangesAsync(ct);
        try
        {
            // Built here so a bad From address counts as an attempt like any other failure.
            var message = NewsletterMail.Build(options.Value.Smtp.From, subscriber, delivery.MessageId, edition.Title, edition.Html, edition.Text, pact.Code, pact.Name, site);
            await smtp.SendAsync(message, ct);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            logger.LogWarning("Newsletter delivery {Id} refused for good: {Status} {Message}", delivery.Id, (int)e.StatusCode, e.Message);
            delivery.State = DeliveryState.Failed;
            delivery.LastError = Short($"{(int)e.StatusCode} {e.Message}");
            await db.SaveChangesAsync(ct);
            return;
        }
        // Every other failure too (authentication, TLS, a bad address, ...): one that escaped would
        // leave the delivery Sending and due, tried again at every poll without backoff or cap.
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            var last = delivery.Attempts >= options.Value.MaxAttempts;
            var code = e is SmtpCommandException c ? $"{(int)c.StatusCode} " : "";
            logger.LogWarning("Newsletter delivery {Id} refused for now (attempt {Attempt}): {Message}", delivery.Id, delivery.Attempts, e.Message);
            delivery.State = last ? DeliveryState.Failed : DeliveryState.Pending;
            delivery.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Backoff(delivery.Attempts);
            delivery.LastError = Short(code + e.Message);
            await db.SaveChangesAsync(ct);
            return;
        }
        foreach (var observer in observers)
            await observer.AcceptedAsync(delivery, ct);
        delivery.State = DeliveryState.Sent;
        delivery.SentAt = clock.GetUtcNow().UtcDateTime;
        delivery.LastError = null;
        await db.SaveChangesAsync(ct);
    }

    private TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(options.Value.RetryDelay.Ticks * (1L << Math.Min(attempts - 1, 20)), TimeSpan.FromHours(6).Ticks));

    private static string Short(string text) => text.Length <= 1000 ? text : text[..1000];

    /// <summary>An edition whose deliveries are all settled is sent.</summary>
    private async Task SettleEditionsAsync(PactwerkDb db, CancellationToken ct)
    {
        var sending = await db.Set<NewsletterEdition>().Where(e => e.Status == EditionStatus.Sending
            && !db.Set<NewsletterDelivery>().Any(d => d.EditionId == e.Id && (d.State == DeliveryState.Pending || d.State == DeliveryState.Sending))).ToListAsync(ct);
        foreach (var edition in sending)
            edition.Settle(clock.GetUtcNow().UtcDateTime);
        if (sending.Count > 0)
            await db.SaveChangesAsync(ct);
    }

    private async Task SendConfirmationsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var message in outbox.Reader.ReadAllAsync(ct))
            {
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await using var smtp = new NewsletterSmtp(options);
                        await smtp.SendAsync(message, ct);
                        break;
                    }
                    catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException)
                    {
                        if (attempt >= options.Value.MaxAttempts || e is SmtpCommandException { StatusCode: >= (SmtpStatusCode)500 })
                        {
                            logger.LogWarning("A newsletter confirmation mail could not be sent: {Message}", e.Message);
                            break;
                        }
                        await Task.Delay(Backoff(attempt), ct);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

/// <summary>The site's public address for links in mail: the configured one, else the address the app listens on.</summary>
public sealed class NewsletterLinks(IOptions<Web.Shared.HostingOptions> hosting, Microsoft.AspNetCore.Hosting.Server.IServer server)
{
    public string Site()
    {
        if (!string.IsNullOrWhiteSpace(hosting.Value.PublicBaseUrl))
            return hosting.Value.PublicBaseUrl.TrimEnd('/');
        var listening = server.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return (listening ?? "http://localhost:5080").Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost").Replace("://+", "://localhost").TrimEnd('/');
    }
}
