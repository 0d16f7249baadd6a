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
    /// <summary>Saved, with a place or on the waiting list; <paramref name="CancelToken"/> is for the mail's cancellation link only.</summary>
    public sealed record Registered(EventRegistration Registration, string CancelToken) : RegistrationOutcome;
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

/// <summary>What came of following a cancellation link.</summary>
public abstract record CancellationOutcome
{
    public sealed record Cancelled(int EventId, string EventTitle, IReadOnlyList<EventRegistration> MovedUp) : CancellationOutcome;
    public sealed record Invalid(string Message) : CancellationOutcome;
}

/// <summary>The registration a cancellation link points at, for the confirm page.</summary>
public sealed record CancellationPreview(int EventId, string EventTitle, DateTimeOffset StartsAtLocal, string Name, bool Waiting);

/// <summary>
/// Registration with an event's own form: name and e-mail, once per address. While places are
/// free a registrant takes one; when the event is full (or others are already waiting) they join
/// the waiting list in order of arrival. A cancellation (through the link in the mail) frees the
/// place, and the first on the waiting list takes it and is told by mail.
/// </summary>
public sealed class EventRegistrar(PactwerkDb db, EventRegistrationLimiter limiter, TimeProvider clock, EventMail mail)
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
        if (!Web.Shared.EmailAddresses.IsValid(email))
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
            var places = await db.EventRegistrations.Where(r => r.EventId == eventId).Select(r => r.PlaceNumber).ToListAsync(ct);
            var free = FirstFree(places, capacity);
            var someoneWaits = places.Any(p => p is null);
            if (someoneWaits && free is not null)
            {
                // A place is free while people wait (a cancellation in flight, a larger capacity): they go first.
                await FillFreePlacesAsync(eventId, ct);
                continue;
            }

            var token = NewToken();
            var registration = new EventRegistration
            {
                EventId = eventId, Name = name, Email = email, RegisteredAt = clock.GetUtcNow().UtcDateTime,
                PlaceNumber = someoneWaits ? null : free, CancelTokenHash = Hash(token),
                Language = EventMail.LanguageOf(System.Globalization.CultureInfo.CurrentUICulture),
            };
            db.EventRegistrations.Add(registration);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException failure) when (UniqueViolation.Is(failure))
            {
                // The same place or the same address, taken by a request that arrived at the same moment: look again.
                db.ChangeTracker.Clear();
                continue;
            }
            await mail.SendRegisteredAsync(registration, token, ct);
            return new RegistrationOutcome.Registered(registration, token);
        }
        return new RegistrationOutcome.Refused("Er melden zich nu veel mensen tegelijk aan; probeer het zo nog eens. Er is niets opgeslagen.");
    }

    public async Task<CancellationPreview?> PreviewAsync(string? token, CancellationToken ct)
    {
        if (HashOf(token) is not { } hash)
            return null;
        var found = await db.EventRegistrations.AsNoTracking().Where(r => r.CancelTokenHash == hash)
            .Join(db.Events, r => r.EventId, e => e.Id, (r, e) => new { e.Id, e.Title, e.StartsAt, r.Name, r.PlaceNumber }).SingleOrDefaultAsync(ct);
        return found is null ? null : new CancellationPreview(found.Id, found.Title, EventTimes.ToLocal(found.StartsAt), found.Name, found.PlaceNumber is null);
    }

    /// <summary>Cancels the registration the token belongs to; the first on the waiting list moves up into the freed place.</summary>
    public async Task<CancellationOutcome> CancelAsync(string? token, CancellationToken ct)
    {
        if (HashOf(token) is not { } hash)
            return new CancellationOutcome.Invalid(InvalidLink);
        var registration = await db.EventRegistrations.SingleOrDefaultAsync(r => r.CancelTokenHash == hash, ct);
        if (registration is null)
            return new CancellationOutcome.Invalid(InvalidLink);
        var e = await db.Events.AsNoTracking().Where(x => x.Id == registration.EventId).Select(x => new { x.Id, x.Title, x.EndsAt }).SingleAsync(ct);
        // Deleted by id in one statement: two clicks on the link at once cancel once, and the second finds nothing.
        if (await db.EventRegistrations.Where(r => r.Id == registration.Id).ExecuteDeleteAsync(ct) == 0)
            return new CancellationOutcome.Invalid(InvalidLink);
        db.ChangeTracker.Clear();
        IReadOnlyList<EventRegistration> moved = [];
        if (e.EndsAt >= clock.GetUtcNow().UtcDateTime)
        {
            moved = await FillFreePlacesAsync(e.Id, ct);
        }
        return new CancellationOutcome.Cancelled(e.Id, e.Title, moved);
    }

    /// <summary>Moves up who waits into the free places, and mails each of them.</summary>
    public async Task<IReadOnlyList<EventRegistration>> FillFreePlacesAsync(int eventId, CancellationToken ct)
    {
        var moved = await MoveUpAsync(eventId, ct);
        foreach (var m in moved)
            await mail.SendPlaceAsync(m, ct);
        return moved;
    }

    /// <summary>
    /// Gives free places to those waiting, first come first served. Each move is one conditional
    /// update (only while they still wait) of a place the unique index guards, so two cancellations
    /// at once neither give one person two places nor one place to two people.
    /// </summary>
    private async Task<IReadOnlyList<EventRegistration>> MoveUpAsync(int eventId, CancellationToken ct)
    {
        var moved = new List<EventRegistration>();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var capacity = await db.Events.Where(x => x.Id == eventId).Select(x => x.Capacity).SingleAsync(ct) ?? 0;
            var rows = await db.EventRegistrations.AsNoTracking().Where(r => r.EventId == eventId)
                .Select(r => new { r.Id, r.PlaceNumber, r.RegisteredAt }).ToListAsync(ct);
            var free = FirstFree(rows.Select(r => r.PlaceNumber).ToList(), capacity);
            var first = rows.Where(r => r.PlaceNumber is null).OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id).FirstOrDefault();
            if (free is null || first is null)
                break;
            var now = clock.GetUtcNow().UtcDateTime;
            try
            {
                var updated = await db.EventRegistrations.Where(r => r.Id == first.Id && r.PlaceNumber == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(r => r.PlaceNumber, free).SetProperty(r => r.PlacedFromWaitingListAt, now), ct);
                if (updated == 1)
                    moved.Add(await db.EventRegistrations.AsNoTracking().SingleAsync(r => r.Id == first.Id, ct));
            }
            catch (Exception failure) when (UniqueViolation.IsProviderError(failure) || (failure is DbUpdateException d && UniqueViolation.Is(d)))
            {
                // Another request gave that place away at the same moment: look again.
            }
        }
        return moved;
    }

    private static int? FirstFree(IReadOnlyCollection<int?> places, int capacity)
    {
        var taken = places.Where(p => p is not null).Select(p => p!.Value).ToHashSet();
        return Enumerable.Range(1, capacity).Where(n => !taken.Contains(n)).Select(n => (int?)n).FirstOrDefault();
    }

    private static string NewToken() => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static string Hash(string token) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>Null for what cannot be a token (empty, far too long), so it never reaches the database.</summary>
    private static string? HashOf(string? token) =>
        string.IsNullOrWhiteSpace(token) || token.Length > 100 ? null : Hash(token.Trim());

    /// <summary>Enough for every request of a crowd to find a place or join the waiting list, without looping forever.</summary>
    private const int MaxAttempts = 50;
    public const string AlreadyRegistered = "Dit e-mailadres is al aangemeld voor dit evenement.";
    public const string InvalidLink = "Deze afmeldlink is niet geldig, of de aanmelding is al geannuleerd.";
}
