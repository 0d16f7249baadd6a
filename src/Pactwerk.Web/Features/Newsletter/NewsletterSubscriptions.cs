using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Newsletter;

/// <summary>What came of a subscription step, for the page and the API alike.</summary>
public abstract record SubscriptionOutcome
{
    /// <summary>The request was taken; the answer is the same whether the address was subscribed or not.</summary>
    public sealed record Requested : SubscriptionOutcome;
    public sealed record Confirmed(string PactCode, string PactName) : SubscriptionOutcome;
    public sealed record Unsubscribed(string PactName) : SubscriptionOutcome;
    public sealed record Invalid(string Field, string Message) : SubscriptionOutcome;
    public sealed record TooMany(string Message) : SubscriptionOutcome;
    public sealed record NotFound : SubscriptionOutcome;
}

/// <summary>
/// Double opt-in and one-click unsubscribe. A request stores nothing: the confirmation link carries
/// the pact and address in a token that Data Protection encrypts, signs and lets expire, so an
/// address someone typed in for another person is never subscribed unless that person clicks. The
/// unsubscribe link carries the subscriber's id and a random key of its own.
/// </summary>
public sealed class NewsletterSubscriptions(PactwerkDb db, IDataProtectionProvider protection, IOptions<NewsletterOptions> options,
    SubscriptionLimiter limiter, NewsletterOutbox outbox, TimeProvider clock, ILogger<NewsletterSubscriptions> logger)
{
    public const string Accepted = "Dank je. Als dit adres nog niet is aangemeld, ontvang je een e-mail met een link om je aanmelding te bevestigen. Pas daarna ontvang je de nieuwsbrief.";
    public const string TooManyMessage = "Er zijn te veel aanmeldingen verstuurd. Probeer het over een uur opnieuw; er is niets gewijzigd.";
    public const string BadEmail = "Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.";
    public const string BadToken = "Deze link is ongeldig of verlopen. Meld je opnieuw aan om een nieuwe link te krijgen; er is niets gewijzigd.";
    public const string BadUnsubscribeToken = "Deze afmeldlink is ongeldig. Er is niets gewijzigd.";
    private const string Purpose = "Pactwerk.Newsletter.Confirm.v1";

    private ITimeLimitedDataProtector Protector => protection.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public async Task<SubscriptionOutcome> RequestAsync(string? pactCode, string? email, string client, string site, CancellationToken ct)
    {
        if (await Pacts.PactLookup.FindAsync(db, pactCode, ct) is not { } pact)
            return new SubscriptionOutcome.NotFound();
        // Every attempt from a client counts, valid or not; an address counts once it is one.
        if (!limiter.TryAcquireClient(client))
            return new SubscriptionOutcome.TooMany(TooManyMessage);
        var address = Normalise(email);
        if (!IsEmailAddress(address))
            return new SubscriptionOutcome.Invalid("Email", BadEmail);
        if (!limiter.TryAcquireEmail(address))
            return new SubscriptionOutcome.TooMany(TooManyMessage);

        // The same mail whether or not the address is subscribed already: confirming twice changes
        // nothing, and the answer tells a stranger nothing about who reads the newsletter.
        var token = Protector.Protect($"{pact.Id}\n{address}", clock.GetUtcNow().Add(options.Value.ConfirmationLifetime));
        var link = $"{site}/nieuwsbrief/bevestigen?token={Uri.EscapeDataString(token)}";
        var message = new MimeMessage { Subject = $"Bevestig je aanmelding voor de nieuwsbrief van het {pact.Name}" };
        message.From.Add(MailboxAddress.Parse(options.Value.Smtp.From));
        message.To.Add(MailboxAddress.Parse(address));
        var text = $"Iemand (hopelijk jij) heeft dit adres aangemeld voor de nieuwsbrief van het {pact.Name}.\n\n" +
                   $"Bevestig je aanmelding met deze link (geldig tot {clock.GetUtcNow().Add(options.Value.ConfirmationLifetime):yyyy-MM-dd HH:mm} UTC):\n{link}\n\n" +
                   "Heb je je niet aangemeld? Dan hoef je niets te doen: zonder bevestiging word je niet aangemeld en bewaren we je adres niet.\n";
        var html = $"<p>Iemand (hopelijk jij) heeft dit adres aangemeld voor de nieuwsbrief van het {System.Net.WebUtility.HtmlEncode(pact.Name)}.</p>" +
                   $"<p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Bevestig je aanmelding</a></p>" +
                   "<p>Heb je je niet aangemeld? Dan hoef je niets te doen: zonder bevestiging word je niet aangemeld en bewaren we je adres niet.</p>";
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        outbox.Enqueue(message);
        return new SubscriptionOutcome.Requested();
    }

    public async Task<SubscriptionOutcome> ConfirmAsync(string? token, CancellationToken ct)
    {
        string payload;
        try
        {
            payload = Protector.Unprotect(token ?? "", out _);
        }
        catch (CryptographicException)
        {
            return new SubscriptionOutcome.Invalid("Token", BadToken);
        }
        var parts = payload.Split('\n');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var pactId))
            return new SubscriptionOutcome.Invalid("Token", BadToken);
        var address = parts[1];
        var pact = await db.Pacts.Where(p => p.Id == pactId).Select(p => new { p.Code, p.Name }).SingleOrDefaultAsync(ct);
        if (pact is null)
            return new SubscriptionOutcome.Invalid("Token", BadToken);
        if (!await db.Set<NewsletterSubscriber>().AnyAsync(s => s.PactId == pactId && s.Email == address, ct))
        {
            var subscriber = new NewsletterSubscriber
            {
                PactId = pactId, Email = address, ConfirmedAt = clock.GetUtcNow().UtcDateTime,
                UnsubscribeKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant(),
            };
            db.Add(subscriber);
            try
            {
                await db.SaveChangesAsync(ct);
                // The trail records that someone subscribed, not who: the address stays in one place only.
                db.RecordEvent(clock.GetUtcNow().UtcDateTime, NewsletterAuditActions.Subscribed, nameof(NewsletterSubscriber),
                    subscriber.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { Pact = pact.Code }, pactId, by: SystemAuditActor.Instance);
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException e) when (UniqueViolation.Is(e))
            {
                // The same link clicked twice at the same moment: the other click subscribed.
                db.ChangeTracker.Clear();
            }
        }
        return new SubscriptionOutcome.Confirmed(pact.Code, pact.Name);
    }

    public static string UnsubscribeToken(NewsletterSubscriber subscriber) => $"{subscriber.Id}.{subscriber.UnsubscribeKey}";

    /// <summary>
    /// Unsubscribes and forgets the address. A second click on the same link finds no subscriber and
    /// says so in friendly words; a forged key is refused and changes nothing.
    /// </summary>
    public async Task<SubscriptionOutcome> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        var dot = token?.IndexOf('.') ?? -1;
        if (dot <= 0 || !int.TryParse(token![..dot], out var id) || token[(dot + 1)..].Length != 40)
            return new SubscriptionOutcome.Invalid("Token", BadUnsubscribeToken);
        var key = token[(dot + 1)..];
        var subscriber = await db.Set<NewsletterSubscriber>().SingleOrDefaultAsync(s => s.Id == id, ct);
        if (subscriber is null)
            return new SubscriptionOutcome.Unsubscribed("");
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(subscriber.UnsubscribeKey), Encoding.ASCII.GetBytes(key)))
            return new SubscriptionOutcome.Invalid("Token", BadUnsubscribeToken);
        var pactName = await db.Pacts.Where(p => p.Id == subscriber.PactId).Select(p => p.Name).SingleAsync(ct);
        db.Remove(subscriber);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, NewsletterAuditActions.Unsubscribed, nameof(NewsletterSubscriber),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { }, subscriber.PactId, by: SystemAuditActor.Instance);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Newsletter subscriber {Id} unsubscribed", id);
        return new SubscriptionOutcome.Unsubscribed(pactName);
    }

    public static string Normalise(string? email) => email?.Trim().ToLowerInvariant() ?? "";

    public static bool IsEmailAddress(string email) =>
        Web.Shared.EmailAddresses.IsValid(email) && !email.Any(char.IsControl) && MailboxAddress.TryParse(email, out _);
}

/// <summary>
/// Subscription requests per client address and per e-mail address, each in its own fixed window:
/// a script cannot flood one inbox with confirmation mails, nor probe from one machine. Attempts
/// count whether they succeed or not. The e-mail address is kept only as a hash, in memory.
/// </summary>
public sealed class SubscriptionLimiter(IOptions<NewsletterOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perClient = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            { PermitLimit = options.Value.RequestsPerAddressWindow, Window = options.Value.RequestWindow, QueueLimit = 0 }));
    private readonly PartitionedRateLimiter<string> _perEmail = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            { PermitLimit = options.Value.RequestsPerEmailWindow, Window = options.Value.RequestWindow, QueueLimit = 0 }));

    public bool TryAcquireClient(string client)
    {
        using var lease = _perClient.AttemptAcquire(client);
        return lease.IsAcquired;
    }

    public bool TryAcquireEmail(string email)
    {
        using var lease = _perEmail.AttemptAcquire(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email))));
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        _perClient.Dispose();
        _perEmail.Dispose();
    }
}
