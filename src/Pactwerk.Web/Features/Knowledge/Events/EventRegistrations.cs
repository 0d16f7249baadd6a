using System.Threading.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

public sealed class EventRegistrationInput
{
    public string? Name { get; set; }
    public string? Email { get; set; }
}

/// <summary>What came of a registration: saved, or refused with a message for the visitor.</summary>
public abstract record RegistrationOutcome
{
    public sealed record Registered(EventRegistration Registration) : RegistrationOutcome;
    public sealed record NotFound : RegistrationOutcome;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : RegistrationOutcome;
    /// <summary>Already registered, full, closed: nothing wrong with the input, but no place.</summary>
    public sealed record Refused(string Message) : RegistrationOutcome;
    public sealed record TooMany(string Message) : RegistrationOutcome;
}

public sealed class EventRegistrationOptions
{
    /// <summary>Registrations one address may send per event per window; a form is not a mailing list.</summary>
    public int PerWindow { get; set; } = 5;
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>
/// A window per client address and event, so a script cannot fill an event or probe which
/// addresses registered. Attempts count whether they succeed or not.
/// </summary>
public sealed class EventRegistrationLimiter(Microsoft.Extensions.Options.IOptions<EventRegistrationOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(key =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PerWindow, Window = options.Value.Window, QueueLimit = 0,
        }));

    public bool TryAcquire(string client, int eventId)
    {
        using var lease = _limiter.AttemptAcquire($"{client}|{eventId}");
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}

/// <summary>Registration with an event's own form: name and e-mail, within its capacity, once per address.</summary>
public sealed class EventRegistrar(PactwerkDb db, EventRegistrationLimiter limiter, TimeProvider clock)
{
    public async Task<RegistrationOutcome> RegisterAsync(int eventId, EventRegistrationInput input, string client, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().Where(x => x.Id == eventId && x.IsPublic)
            .Select(x => new { x.Id, x.Capacity, x.EndsAt }).SingleOrDefaultAsync(ct);
        if (e is null)
            return new RegistrationOutcome.NotFound();
        if (!limiter.TryAcquire(client, eventId))
            return new RegistrationOutcome.TooMany("Er zijn vanaf dit adres te veel aanmeldingen verstuurd voor dit evenement. Probeer het later opnieuw; er is niets opgeslagen.");

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        var email = input.Email?.Trim().ToLowerInvariant() ?? "";
        if (name.Length == 0)
            errors[nameof(input.Name)] = ["Vul je naam in."];
        else if (name.Length > 200)
            errors[nameof(input.Name)] = ["Je naam is langer dan 200 tekens."];
        if (!IsEmailAddress(email))
            errors[nameof(input.Email)] = ["Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."];
        if (errors.Count > 0)
            return new RegistrationOutcome.Invalid(errors);
        if (e.Capacity is not { } capacity)
            return new RegistrationOutcome.Refused("Voor dit evenement meld je je niet hier aan; gebruik de aanmeldlink bij het evenement.");
        if (e.EndsAt < clock.GetUtcNow().UtcDateTime)
            return new RegistrationOutcome.Refused("Dit evenement is voorbij; aanmelden kan niet meer.");
        // Take the first free place; a request that took it at the same moment makes the insert fail on
        // the unique (event, place) index, and then we look again. Counting and inserting apart would
        // let two requests both take the last place.
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            if (await db.EventRegistrations.AnyAsync(r => r.EventId == eventId && r.Email == email, ct))
                return new RegistrationOutcome.Refused(AlreadyRegistered);
            var taken = (await db.EventRegistrations.Where(r => r.EventId == eventId).Select(r => r.PlaceNumber).ToListAsync(ct)).ToHashSet();
            var place = Enumerable.Range(1, capacity).FirstOrDefault(n => !taken.Contains(n));
            if (place == 0)
                return new RegistrationOutcome.Refused(Full);

            var registration = new EventRegistration { EventId = eventId, Name = name, Email = email, RegisteredAt = clock.GetUtcNow().UtcDateTime, PlaceNumber = place };
            db.EventRegistrations.Add(registration);
            try
            {
                await db.SaveChangesAsync(ct);
                return new RegistrationOutcome.Registered(registration);
            }
            catch (DbUpdateException failure) when (UniqueViolation.Is(failure))
            {
                // The same place or the same address, taken by a request that arrived at the same moment: look again.
                db.ChangeTracker.Clear();
            }
        }
        return new RegistrationOutcome.Refused("Er melden zich nu veel mensen tegelijk aan; probeer het zo nog eens. Er is niets opgeslagen.");
    }

    /// <summary>Enough for every request of a crowd to find a place or see the event full, without looping forever.</summary>
    private const int MaxAttempts = 50;
    public const string AlreadyRegistered = "Dit e-mailadres is al aangemeld voor dit evenement.";
    public const string Full = "Dit evenement is vol; er is geen plaats meer.";

    private static bool IsEmailAddress(string email) =>
        email.Length is > 3 and <= 254 && System.Net.Mail.MailAddress.TryCreate(email, out var parsed) && parsed.Address == email
        && email.IndexOf('@') is var at && at > 0 && email.IndexOf('.', at) > at + 1 && !email.Any(char.IsWhiteSpace);
}
