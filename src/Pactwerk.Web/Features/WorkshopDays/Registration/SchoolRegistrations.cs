using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed record ClassInput(string? Name, int? Pupils, string? Grade, int? DayId, TimeOnly? Arrival, TimeOnly? Departure, List<int>? Preferences);
public sealed record RegistrationInput(string? School, string? Municipality, string? Teacher, string? Email, List<ClassInput>? Classes);
/// <summary>The answer to a registration: its number, the secret link to change it, whether the address still waits for its confirmation, and the classes that went on the waiting list because their day was full.</summary>
public sealed record RegistrationAnswer(int Number, string ChangeUrl, bool EmailConfirmed, IReadOnlyList<string> WaitingClasses);
public sealed record RegisteredClassView(int Id, string Name, int Pupils, string Grade, int DayId, TimeOnly Arrival, TimeOnly Departure, IReadOnlyList<int> Preferences, bool Waiting);
/// <param name="Lapsed">The address was not confirmed in time (<see cref="UnconfirmedLapse"/>): the classes hold no place and the school registers again.</param>
public sealed record RegistrationView(int Id, int EventId, string EventSlug, string School, string Municipality, string Teacher, string Email, bool EmailConfirmed,
    IReadOnlyList<RegisteredClassView> Classes, bool Lapsed = false);

/// <summary>
/// Schools register without an account. The answer holds a secret link with which the school changes its classes until
/// registration closes; a mail to the teacher holds that link and a confirmation link (the registration's id protected by
/// ASP.NET Core data protection, as for vouchers' <see cref="Vouchers.EmailConfirmations"/>): only classes of a confirmed
/// address are allocated, so a made-up address holds no places in the schedule. Every rule is checked before anything
/// is written, so a refused registration changes nothing.
/// </summary>
public sealed class SchoolRegistrations(PactwerkDb db, TimeProvider clock, IDataProtectionProvider protection, IEmailSender mail,
    IOptions<HostingOptions> hosting, IStringLocalizer<SharedResource> t, WorkshopDayQueries queries, WaitingList waitingList, IOptions<WorkshopDayLapseOptions> lapse)
{
    public const int MaxPreferences = 5;
    private readonly IDataProtector _protector = protection.CreateProtector("Pactwerk.WorkshopDays.EmailConfirmation.v1");

    public static string ChangeUrl(string key) => $"/workshopdagen/aanmelding?sleutel={Uri.EscapeDataString(key)}";
    public static string ConfirmUrl(string token) => $"/workshopdagen/e-mailadres?code={Uri.EscapeDataString(token)}";
    public string TokenFor(int registrationId) => _protector.ProtectId(registrationId);

    public async Task<(RegistrationAnswer? Answer, Refusal? Refusal)> RegisterAsync(int eventId, RegistrationInput input, CancellationToken ct)
    {
        var (municipality, unknown) = await MunicipalityAsync(input.Municipality, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await LockAsync(db, eventId, ct) || await queries.FindAsync(eventId, ct) is not { } view)
            return (null, null);
        var (refusal, waiting) = Check(view, input, null, clock.GetUtcNow().UtcDateTime);
        if ((refusal ?? unknown) is { } refused)
            return (null, refused);
        var key = NewKey();
        var registration = new SchoolRegistration
        {
            EventId = eventId, School = input.School!.Trim(), Municipality = municipality!.Name, MunicipalityCode = municipality.Code, Teacher = input.Teacher!.Trim(),
            Email = input.Email!.Trim(), KeyHash = Hash(key), SubmittedAt = clock.GetUtcNow().UtcDateTime, ConfirmationAskedAt = clock.GetUtcNow().UtcDateTime,
            Classes = ClassesOf(input, waiting),
        };
        db.SchoolRegistrations.Add(registration);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await MailAsync(view, registration, key);
        return (new RegistrationAnswer(registration.Id, ChangeUrl(key), false, WaitingOf(registration)), null);
    }

    /// <summary>Replaces the school's details and classes, until registration closes; the address stays confirmed unless it changes.</summary>
    public async Task<(RegistrationAnswer? Answer, Refusal? Refusal)> ChangeAsync(string? key, RegistrationInput input, CancellationToken ct)
    {
        if (HashOf(key) is not { } hash || await db.SchoolRegistrations.Where(r => r.KeyHash == hash).Select(r => (int?)r.EventId).SingleOrDefaultAsync(ct) is not { } eventId)
            return (null, null);
        var (municipality, unknown) = await MunicipalityAsync(input.Municipality, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await LockAsync(db, eventId, ct))
            return (null, null);
        var registration = await db.SchoolRegistrations.Include(r => r.Classes).SingleOrDefaultAsync(r => r.KeyHash == hash, ct);
        if (registration is null || await queries.FindAsync(registration.EventId, ct) is not { } view)
            return (null, null);
        if (registration.LapsedAt is not null)
            return (null, LapsedRefusal);
        // The days on which classes of other schools ahead in line wait: a class this change brings into the day's places joins
        // the line there instead of taking room they are first in line for. The line is the registration's time, then the
        // class's number (WaitingList); a class the change writes gets a number above every existing one, so every waiting
        // class of a registration made at the same time or earlier is ahead of it.
        var lineAhead = (await db.SchoolClasses.Where(c => c.Waiting && c.CancelledAt == null)
            .Join(db.SchoolRegistrations.Where(r => r.EventId == registration.EventId && r.Id != registration.Id && r.LapsedAt == null
                && r.SubmittedAt <= registration.SubmittedAt), c => c.RegistrationId, r => r.Id, (c, r) => c.DayId)
            .Distinct().ToListAsync(ct)).ToHashSet();
        var (refusal, waiting) = Check(view, input, registration, clock.GetUtcNow().UtcDateTime, lineAhead);
        if ((refusal ?? unknown) is { } refused)
            return (null, refused);
        var email = input.Email!.Trim();
        var newAddress = !string.Equals(email, registration.Email, StringComparison.OrdinalIgnoreCase);
        (registration.School, registration.Municipality, registration.MunicipalityCode, registration.Teacher, registration.Email) =
            (input.School!.Trim(), municipality!.Name, municipality.Code, input.Teacher!.Trim(), email);
        if (newAddress)
            // The new address has its own time to be confirmed, counted from its mail.
            (registration.EmailConfirmedAt, registration.ConfirmationAskedAt) = (null, clock.GetUtcNow().UtcDateTime);
        var wanted = ClassesOf(input, waiting);
        // Cancelled classes stay as the record of the cancellation; only the school's current classes are compared and replaced.
        var current = registration.Classes.Where(c => c.CancelledAt is null).OrderBy(c => c.Id).ToList();
        // A class kept as it was is not rewritten, so an unchanged save changes nothing (and writes no audit line).
        var same = current.Count == wanted.Count && current.Zip(wanted).All(p => Same(p.First, p.Second));
        if (!same)
        {
            db.SchoolClasses.RemoveRange(current);
            registration.Classes.RemoveAll(current.Contains);
            registration.Classes.AddRange(wanted);
        }
        await db.SaveChangesAsync(ct);
        if (!same)
            // Fewer or smaller classes may leave room for classes waiting for that day.
            await waitingList.MoveUpAsync(registration.EventId, ct);
        await transaction.CommitAsync(ct);
        if (newAddress)
            await MailAsync(view, registration, key!.Trim());
        return (new RegistrationAnswer(registration.Id, ChangeUrl(key!.Trim()), registration.EmailConfirmedAt is not null, WaitingOf(registration)), null);
    }

    /// <summary>
    /// The typed municipality as one of today's (read before the event's lock is taken: it is reference data). A blank one is
    /// left to <see cref="Check"/>, which names every missing field at once; one that is no municipality is refused, since the
    /// monitor counts attendance by municipality code and would otherwise lose the school's pupils.
    /// </summary>
    private async Task<(MunicipalityMatch.Found? Found, Refusal? Refusal)> MunicipalityAsync(string? text, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(text) || text.Trim().Length > 200 ? (null, null) : await Regions.MunicipalityResolver.ResolveAsync(db, text.Trim(), ct) switch
        {
            MunicipalityMatch.Found found => (found, null),
            MunicipalityMatch.Ambiguous a => (null, new Refusal(WorkshopDayMessages.AmbiguousMunicipality, text.Trim(), a.Candidates)),
            _ => (null, new Refusal(WorkshopDayMessages.UnknownMunicipality, text.Trim())),
        };

    /// <summary>
    /// Registrations of one event are decided one at a time, on what the database holds then: two schools checking the
    /// same free places at the same moment would otherwise both get them and overfill a day. Within the open transaction,
    /// a no-op update locks the event's row on PostgreSQL (the next registration waits for the commit, then reads it);
    /// on SQLite the transaction began IMMEDIATE, holding the file's write lock. False when there is no such event.
    /// </summary>
    internal static async Task<bool> LockAsync(PactwerkDb db, int eventId, CancellationToken ct) =>
        await db.WorkshopDayEvents.Where(e => e.Id == eventId).ExecuteUpdateAsync(u => u.SetProperty(e => e.Version, e => e.Version), ct) == 1;

    private static bool Same(SchoolClass a, SchoolClass b) =>
        a.Name == b.Name && a.Pupils == b.Pupils && a.Grade == b.Grade && a.DayId == b.DayId && a.Arrival == b.Arrival && a.Departure == b.Departure
        && a.Preferences.SequenceEqual(b.Preferences);

    private static List<string> WaitingOf(SchoolRegistration r) => r.Classes.Where(c => c.Waiting && c.CancelledAt is null).OrderBy(c => c.Id).Select(c => c.Name).ToList();

    public async Task<RegistrationView?> FindAsync(string? key, CancellationToken ct) =>
        HashOf(key) is { } hash ? await ViewAsync(db.SchoolRegistrations.Where(r => r.KeyHash == hash), ct) : null;

    private async Task<RegistrationView?> ViewAsync(IQueryable<SchoolRegistration> registrations, CancellationToken ct)
    {
        var r = await registrations.AsNoTracking().Include(x => x.Classes).SingleOrDefaultAsync(ct);
        if (r is null)
            return null;
        var slug = await db.WorkshopDayEvents.Where(e => e.Id == r.EventId).Select(e => e.Slug).SingleAsync(ct);
        return new RegistrationView(r.Id, r.EventId, slug, r.School, r.Municipality, r.Teacher, r.Email, r.EmailConfirmedAt is not null,
            r.Classes.Where(c => c.CancelledAt == null).OrderBy(c => c.Id)
                .Select(c => new RegisteredClassView(c.Id, c.Name, c.Pupils, c.Grade, c.DayId, c.Arrival, c.Departure, c.Preferences, c.Waiting)).ToList(),
            r.LapsedAt is not null);
    }

    public async Task<RegistrationView?> InfoAsync(string? token, CancellationToken ct) =>
        IdOf(token) is { } id ? await ViewAsync(db.SchoolRegistrations.Where(r => r.Id == id), ct) : null;

    /// <summary>The refusal of a change or a confirmation of a lapsed registration, naming the hours it had.</summary>
    public Refusal LapsedRefusal => new(WorkshopDayMessages.RegistrationLapsed, lapse.Value.Hours);

    /// <summary>
    /// Confirms the address behind the token, once: a second click confirms (and audits) nothing, and neither does a click
    /// on a lapsed registration. Decided under the event's lock, as the lapse is, so of the two at one moment only the first counts.
    /// </summary>
    public async Task<bool?> ConfirmAsync(string? token, CancellationToken ct)
    {
        if (IdOf(token) is not { } id || await db.SchoolRegistrations.AsNoTracking().Where(r => r.Id == id).Select(r => (int?)r.EventId).SingleOrDefaultAsync(ct) is not { } eventId)
            return null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(db, eventId, ct);
        var registration = await db.SchoolRegistrations.SingleAsync(r => r.Id == id, ct);
        if (registration.EmailConfirmedAt is not null || registration.LapsedAt is not null)
            return false;
        registration.EmailConfirmedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private int? IdOf(string? token) => _protector.UnprotectInt32Id(token);

    /// <summary>
    /// Every rule of a registration, against the event as it is now (the registration's own classes not counted when it
    /// changes). A class for which its day has no room left is not refused but goes on the waiting list: its index is in
    /// <c>Waiting</c>, and it takes none of the day's room, so a later, smaller class of the same registration may still fit.
    /// On a change, a class that had no place before goes on the waiting list as well when classes ahead of it in line wait for
    /// its day (<paramref name="lineAhead"/>, or the school's own waiting classes): the line then decides, in its order.
    /// </summary>
    public static (Refusal? Refusal, HashSet<int> Waiting) Check(WorkshopDayView view, RegistrationInput input, SchoolRegistration? existing, DateTime now,
        IReadOnlySet<int>? lineAhead = null)
    {
        var waiting = new HashSet<int>();
        return (Rules(view, input, existing, now, waiting, lineAhead ?? new HashSet<int>()), waiting);
    }

    private static Refusal? Rules(WorkshopDayView view, RegistrationInput input, SchoolRegistration? existing, DateTime now, HashSet<int> waiting, IReadOnlySet<int> lineAhead)
    {
        if (now >= view.RegistrationClosesAt || view.AllocatedAt is not null || (existing is null && !view.RegistrationOpen))
            return new Refusal(WorkshopDayMessages.RegistrationClosed);
        if (new[] { input.School, input.Municipality, input.Teacher }.Any(x => string.IsNullOrWhiteSpace(x) || x.Trim().Length > 200) || !EmailAddresses.IsValid(input.Email?.Trim()))
            return new Refusal(WorkshopDayMessages.SchoolRequired);
        var classes = input.Classes ?? [];
        if (classes.Count == 0)
            return new Refusal(WorkshopDayMessages.NoClasses);
        if (classes.Count > 20)
            return new Refusal(WorkshopDayMessages.TooManyClasses);
        // A class is known by its name on its day (its schedule, and which class waits across a change, which rewrites
        // the classes), so two classes of one school may not share a name on one day.
        if (classes.Where(c => !string.IsNullOrWhiteSpace(c.Name)).GroupBy(c => (Name: c.Name!.Trim().ToLowerInvariant(), c.DayId)).FirstOrDefault(g => g.Count() > 1) is { } twice)
            return new Refusal(WorkshopDayMessages.ClassNameTwice, twice.First().Name!.Trim());
        var workshops = view.Workshops.ToDictionary(w => w.Id);
        var added = new Dictionary<int, int>();
        // The school's classes that wait now (by name and day: a change rewrites the classes, so that is what names one).
        var waited = existing?.Classes.Where(x => x.Waiting && x.CancelledAt == null).Select(x => (x.Name, x.DayId)).ToHashSet() ?? [];
        var placed = existing?.Classes.Where(x => !x.Waiting && x.CancelledAt == null).Select(x => (x.Name, x.DayId)).ToHashSet();
        for (var i = 0; i < classes.Count; i++)
        {
            var c = classes[i];
            var label = string.IsNullOrWhiteSpace(c.Name) ? (i + 1).ToString(CultureInfo.InvariantCulture) : c.Name.Trim();
            var day = view.Days.FirstOrDefault(d => d.Id == c.DayId);
            if (string.IsNullOrWhiteSpace(c.Name) || c.Name.Trim().Length > 100 || string.IsNullOrWhiteSpace(c.Grade) || c.Grade.Trim().Length > 60
                || c.Pupils is not (>= 1 and <= 1000) || day is null || c.Arrival is null || c.Departure is null)
                return new Refusal(WorkshopDayMessages.ClassIncomplete, label);
            var ofDay = view.Workshops.Where(w => w.DayId == day.Id).ToList();
            var largest = ofDay.Count == 0 ? 0 : ofDay.Max(w => w.CapacityPerSession);
            if (c.Pupils > largest)
                return new Refusal(WorkshopDayMessages.ClassTooLarge, label, c.Pupils, largest);
            if (c.Departure <= c.Arrival)
                return new Refusal(WorkshopDayMessages.ClassTimes, label);
            var fit = MostSessionsBetween(ofDay, day, c.Arrival.Value, c.Departure.Value, c.Pupils.Value);
            if (fit < view.WorkshopsPerClass)
                return new Refusal(WorkshopDayMessages.ClassWindowTooShort, label, fit, view.WorkshopsPerClass);
            var preferences = c.Preferences ?? [];
            if (preferences.Count > MaxPreferences)
                return new Refusal(WorkshopDayMessages.TooManyPreferences, label);
            foreach (var p in preferences)
            {
                if (!workshops.TryGetValue(p, out var w))
                    return new Refusal(WorkshopDayMessages.PreferenceUnknown, label);
                if (preferences.Count(x => x == p) > 1)
                    return new Refusal(WorkshopDayMessages.PreferenceTwice, label, w.Title);
                if (w.DayId != day.Id)
                    return new Refusal(WorkshopDayMessages.PreferenceOtherDay, label, w.Title);
                if (w.CapacityPerSession < c.Pupils)
                    return new Refusal(WorkshopDayMessages.PreferenceTooSmall, label, w.Title, w.CapacityPerSession, c.Pupils);
            }
            if (waited.Contains((c.Name.Trim(), day.Id)))
            {
                // A waiting class keeps waiting through its school's change, and keeps its place in line (the registration's
                // time): room the school frees goes to the line in order (WaitingList.MoveUpAsync after the change), so a
                // school cannot put its own waiting class ahead of classes of other schools that waited before it.
                waiting.Add(i);
                continue;
            }
            // A class new to the day's places (a renamed waiting class is one too) is behind every class that waits ahead of it:
            // those of schools registered earlier, and this school's own that wait (they come first by their number).
            if (placed is not null && !placed.Contains((c.Name.Trim(), day.Id))
                && (lineAhead.Contains(day.Id) || waiting.Any(j => classes[j].DayId == day.Id) || waited.Any(x => x.DayId == day.Id)))
            {
                waiting.Add(i);
                continue;
            }
            added[day.Id] = added.GetValueOrDefault(day.Id) + c.Pupils.Value;
            var own = existing?.Classes.Where(x => x.DayId == day.Id && !x.Waiting && x.CancelledAt == null).Sum(x => x.Pupils) ?? 0;
            var room = day.CapacityPupils - (day.RegisteredPupils - own);
            if (added[day.Id] > room)
            {
                waiting.Add(i);
                added[day.Id] -= c.Pupils.Value;
            }
        }
        return null;
    }

    /// <summary>
    /// How many sessions a class could follow between arrival and departure without overlap, in workshops big enough
    /// for it: the classic earliest-end-first choice of intervals, which gives the largest number of disjoint ones.
    /// </summary>
    public static int MostSessionsBetween(IReadOnlyList<WorkshopView> workshops, DayView day, TimeOnly arrival, TimeOnly departure, int pupils)
    {
        var sessions = workshops.Where(w => w.CapacityPerSession >= pupils)
            .SelectMany(w => day.Slots.Select(s => (Start: s.StartsAt, End: s.StartsAt.AddMinutes(w.DurationMinutes), w.Id)))
            .Where(s => s.Start >= arrival && s.End <= departure && s.End > s.Start).OrderBy(s => s.End).ToList();
        var count = 0;
        var free = arrival;
        var used = new HashSet<int>();
        foreach (var s in sessions)
            if (s.Start >= free && used.Add(s.Id))
                (count, free) = (count + 1, s.End);
        return count;
    }

    private static List<SchoolClass> ClassesOf(RegistrationInput input, HashSet<int> waiting) => (input.Classes ?? []).Select((c, i) => new SchoolClass
    {
        Name = c.Name!.Trim(), Pupils = c.Pupils!.Value, Grade = c.Grade!.Trim(), DayId = c.DayId!.Value, Arrival = c.Arrival!.Value, Departure = c.Departure!.Value,
        Preferences = [.. c.Preferences ?? []], Waiting = waiting.Contains(i),
    }).ToList();

    private async Task MailAsync(WorkshopDayView view, SchoolRegistration registration, string key)
    {
        var site = hosting.Value.SiteUrl;
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var change = site + ChangeUrl(key) + (english ? "&culture=en" : "");
        var confirm = site + ConfirmUrl(TokenFor(registration.Id)) + (english ? "&culture=en" : "");
        var body = $"<p>{WebUtility.HtmlEncode(t["Bevestig je e-mailadres, dan tellen de klassen van {0} mee in de indeling van {1}.", registration.School, view.Name].Value)}</p>"
                   + $"<p><a href=\"{WebUtility.HtmlEncode(confirm)}\">{WebUtility.HtmlEncode(t["E-mailadres bevestigen"].Value)}</a></p>"
                   + $"<p>{WebUtility.HtmlEncode(t["Bevestig binnen {0} uur; daarna vervalt de aanmelding en komen de plaatsen vrij.", lapse.Value.Hours].Value)}</p>"
                   + $"<p>{WebUtility.HtmlEncode(t["Met deze link bekijk en wijzig je de aanmelding tot de aanmelding sluit:"].Value)} <a href=\"{WebUtility.HtmlEncode(change)}\">{WebUtility.HtmlEncode(change)}</a></p>"
                   + (WaitingOf(registration) is { Count: > 0 } waiting
                       ? $"<p>{WebUtility.HtmlEncode(t["Op de wachtlijst, want hun dag is vol: {0}. Komt er plaats vrij, dan krijg je bericht.", string.Join(", ", waiting)].Value)}</p>"
                       : "");
        await mail.SendEmailAsync(registration.Email, t["Aanmelding {0}", view.Name].Value, body);
    }

    /// <summary>A secret for a link: 24 random bytes, URL-safe.</summary>
    internal static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
    internal static string? HashOf(string? key) => string.IsNullOrWhiteSpace(key) || key.Length > 100 ? null : Hash(key.Trim());
    internal static string Hash(string key) => Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)));

}
