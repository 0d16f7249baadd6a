using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed record VolunteerInput(string? Name, string? Email, string? Phone);
/// <summary>A shift as the public sees it: how many are needed and how many places are left; never who signed up.</summary>
/// <param name="Past">Its day is over (Dutch time): nobody signs up for it any more.</param>
public sealed record ShiftPlaces(int Id, int DayId, DateOnly Date, string Task, TimeOnly StartsAt, TimeOnly EndsAt, int Needed, int SignedUp, bool Past)
{
    public int PlacesLeft => Math.Max(0, Needed - SignedUp);
    public bool Full => PlacesLeft == 0;
    /// <summary>Whether one can still sign up: a place left on a day not yet over.</summary>
    public bool Open => !Full && !Past;
}
/// <summary>The answer to a sign-up: its number, the shift and the places left on it after this one. The link to see and withdraw is only in the mail, so only the address's owner has it.</summary>
public sealed record VolunteerAnswer(int Number, int ShiftId, bool EmailConfirmed, int PlacesLeft);
public sealed record VolunteerShiftView(int SignUpId, int ShiftId, DateOnly Date, string Task, TimeOnly StartsAt, TimeOnly EndsAt, bool EmailConfirmed);
/// <summary>What the link of a volunteer's mail shows: their current shifts of the event (every sign-up of the event with that address) and whether the key's own sign-up still stands.</summary>
/// <param name="Lapsed">The key's own sign-up lapsed unconfirmed (<see cref="UnconfirmedLapse"/>); <paramref name="Withdrawn"/> is then true too.</param>
public sealed record VolunteerView(int SignUpId, int EventId, string EventSlug, string EventName, string Name, string Email, bool Withdrawn, IReadOnlyList<VolunteerShiftView> Shifts,
    bool Lapsed = false);

/// <summary>
/// Volunteers sign up for shifts without an account, as schools register: the answer names the places left, and a mail
/// holds a confirmation link (the sign-up's id protected by data protection; the page's button confirms) and a secret
/// link to see one's shifts and withdraw. Sign-ups of one event are decided one at a time under the event's lock
/// (<see cref="SchoolRegistrations.LockAsync"/>), so a shift never gets more volunteers than it needs, also when many
/// sign up at once. Every rule is checked before anything is written, so a refused sign-up changes nothing.
/// </summary>
public sealed class VolunteerSignUps(PactwerkDb db, TimeProvider clock, IDataProtectionProvider protection, IEmailSender mail, IOptions<HostingOptions> hosting,
    IStringLocalizer<SharedResource> t, AccessScopeProvider scopes, IOptions<WorkshopDayLapseOptions> lapse)
{
    public const int MaxPhoneLength = 30;
    private readonly IDataProtector _protector = protection.CreateProtector("Pactwerk.WorkshopDays.VolunteerConfirmation.v1");

    public static string ShiftsUrl(string key) => $"/workshopdagen/mijn-diensten?sleutel={Uri.EscapeDataString(key)}";
    public static string ConfirmUrl(string token) => $"/workshopdagen/vrijwilliger-bevestigen?code={Uri.EscapeDataString(token)}";
    public string TokenFor(int signUpId) => _protector.ProtectId(signUpId);

    /// <summary>A sign-up that still stands: neither withdrawn, removed nor lapsed. Only these hold a place.</summary>
    internal static readonly System.Linq.Expressions.Expression<Func<VolunteerSignUp, bool>> Standing = v => v.WithdrawnAt == null && v.RemovedAt == null && v.LapsedAt == null;

    /// <summary>The event's shifts with the places left; null when there is no such event.</summary>
    public async Task<List<ShiftPlaces>?> PlacesAsync(int eventId, CancellationToken ct)
    {
        if (!await db.WorkshopDayEvents.AnyAsync(e => e.Id == eventId, ct))
            return null;
        var taken = await db.VolunteerSignUps.Where(v => v.EventId == eventId).Where(Standing).GroupBy(v => v.ShiftId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var shifts = await db.VolunteerShifts.AsNoTracking().Where(s => s.EventId == eventId)
            .Join(db.EventDays, s => s.DayId, d => d.Id, (s, d) => new { s, d.Date }).ToListAsync(ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, WorkshopDayEditor.Dutch));
        return shifts.OrderBy(x => x.Date).ThenBy(x => x.s.StartsAt).ThenBy(x => x.s.Task)
            .Select(x => new ShiftPlaces(x.s.Id, x.s.DayId, x.Date, x.s.Task, x.s.StartsAt, x.s.EndsAt, x.s.Needed, taken.GetValueOrDefault(x.s.Id), today > x.Date)).ToList();
    }

    /// <summary>Signs a person up for a shift of the event; (null, null) when there is no such event.</summary>
    public async Task<(VolunteerAnswer? Answer, Refusal? Refusal)> SignUpAsync(int eventId, int? shiftId, VolunteerInput input, CancellationToken ct)
    {
        if (Check(input) is { } invalid)
            return (null, invalid);
        var (name, email, phone) = (input.Name!.Trim(), input.Email!.Trim(), string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim());
        var now = clock.GetUtcNow().UtcDateTime;
        var key = SchoolRegistrations.NewKey();
        VolunteerSignUp signUp;
        WorkshopDayEvent e;
        ShiftPlaces shift;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await SchoolRegistrations.LockAsync(db, eventId, ct))
                return (null, null);
            e = await db.WorkshopDayEvents.AsNoTracking().SingleAsync(x => x.Id == eventId, ct);
            // Read after the lock: what the last sign-up before this one left.
            var places = (await PlacesAsync(eventId, ct))!;
            if (places.FirstOrDefault(s => s.Id == shiftId) is not { } found)
                return (null, new Refusal(WorkshopDayMessages.ShiftUnknown));
            shift = found;
            var lowered = email.ToLowerInvariant();
            var own = await db.VolunteerSignUps.Where(v => v.EventId == eventId && v.Email.ToLower() == lowered).Where(Standing).Select(v => v.ShiftId).ToListAsync(ct);
            if (own.Contains(shift.Id))
                return (null, new Refusal(WorkshopDayMessages.ShiftTwice, shift.Task));
            if (places.FirstOrDefault(s => s.Id != shift.Id && own.Contains(s.Id) && s.DayId == shift.DayId && s.StartsAt < shift.EndsAt && shift.StartsAt < s.EndsAt) is { } clash)
                return (null, new Refusal(WorkshopDayMessages.ShiftOverlaps, clash.Task, WorkshopDayFormat.Time(clash.StartsAt), WorkshopDayFormat.Time(clash.EndsAt)));
            if (shift.Past)
                return (null, new Refusal(WorkshopDayMessages.ShiftPast, shift.Task));
            if (shift.Full)
                return (null, new Refusal(WorkshopDayMessages.ShiftFull, shift.Task));
            signUp = new VolunteerSignUp
            {
                EventId = eventId, ShiftId = shift.Id, Name = name, Email = email, Phone = phone, KeyHash = SchoolRegistrations.Hash(key), SignedUpAt = now,
            };
            db.VolunteerSignUps.Add(signUp);
            await db.SaveChangesAsync(ct);
            Record(now, WorkshopDayAuditActions.VolunteerSignedUp, signUp, e, "volunteer");
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        await MailAsync(e, shift, signUp, key);
        return (new VolunteerAnswer(signUp.Id, shift.Id, false, shift.PlacesLeft - 1), null);
    }

    private static Refusal? Check(VolunteerInput input)
    {
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Trim().Length > 200)
            return new Refusal(WorkshopDayMessages.VolunteerNameRequired);
        if (!EmailAddresses.IsValid(input.Email?.Trim()))
            return new Refusal(WorkshopDayMessages.VolunteerEmailInvalid);
        if (!string.IsNullOrWhiteSpace(input.Phone)
            && (input.Phone.Trim().Length > MaxPhoneLength || !input.Phone.Trim().All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')') || !input.Phone.Any(char.IsAsciiDigit)))
            return new Refusal(WorkshopDayMessages.VolunteerPhoneInvalid, MaxPhoneLength);
        return null;
    }

    /// <summary>The sign-up behind a confirmation token, for its page.</summary>
    public async Task<VolunteerView?> InfoAsync(string? token, CancellationToken ct) =>
        IdOf(token) is { } id ? await ViewAsync(db.VolunteerSignUps.Where(v => v.Id == id), ct) : null;

    /// <summary>Confirms the address behind the token; one conditional update, so a second click confirms (and audits) nothing. Null when the token is not one.</summary>
    public async Task<bool?> ConfirmAsync(string? token, CancellationToken ct)
    {
        if (IdOf(token) is not { } id || await db.VolunteerSignUps.AsNoTracking().SingleOrDefaultAsync(v => v.Id == id, ct) is not { } signUp)
            return null;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A withdrawn or removed sign-up has nothing left to confirm.
        if (await db.VolunteerSignUps.Where(v => v.Id == id && v.EmailConfirmedAt == null).Where(Standing).ExecuteUpdateAsync(u => u.SetProperty(v => v.EmailConfirmedAt, now), ct) == 0)
            return false;
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleAsync(x => x.Id == signUp.EventId, ct);
        Record(now, WorkshopDayAuditActions.VolunteerConfirmed, signUp, e, "volunteer");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The volunteer's shifts behind the key of their mail.</summary>
    public async Task<VolunteerView?> FindAsync(string? key, CancellationToken ct) =>
        SchoolRegistrations.HashOf(key) is { } hash ? await ViewAsync(db.VolunteerSignUps.Where(v => v.KeyHash == hash), ct) : null;

    private async Task<VolunteerView?> ViewAsync(IQueryable<VolunteerSignUp> query, CancellationToken ct)
    {
        var v = await query.AsNoTracking().SingleOrDefaultAsync(ct);
        if (v is null)
            return null;
        var e = await db.WorkshopDayEvents.AsNoTracking().Where(x => x.Id == v.EventId).Select(x => new { x.Slug, x.Name }).SingleAsync(ct);
        var lowered = v.Email.ToLowerInvariant();
        var shifts = await db.VolunteerSignUps.AsNoTracking().Where(x => x.EventId == v.EventId && x.Email.ToLower() == lowered).Where(Standing)
            .Join(db.VolunteerShifts, x => x.ShiftId, s => s.Id, (x, s) => new { x.Id, x.EmailConfirmedAt, s })
            .Join(db.EventDays, x => x.s.DayId, d => d.Id, (x, d) => new { x.Id, x.EmailConfirmedAt, x.s, d.Date }).ToListAsync(ct);
        return new VolunteerView(v.Id, v.EventId, e.Slug, e.Name, v.Name, v.Email, v.WithdrawnAt is not null || v.RemovedAt is not null || v.LapsedAt is not null,
            shifts.OrderBy(x => x.Date).ThenBy(x => x.s.StartsAt)
                .Select(x => new VolunteerShiftView(x.Id, x.s.Id, x.Date, x.s.Task, x.s.StartsAt, x.s.EndsAt, x.EmailConfirmedAt is not null)).ToList(),
            v.LapsedAt is not null);
    }

    /// <summary>
    /// The volunteer withdraws from one of their shifts with the key of their mail: any sign-up of the event with the
    /// key's address (the key proves the address, as the mail went there). One conditional update, so a link used twice
    /// withdraws (and audits) once and then says so.
    /// </summary>
    public async Task<Refusal?> WithdrawAsync(string? key, int signUpId, CancellationToken ct)
    {
        if (await FindAsync(key, ct) is not { } view)
            return new Refusal(WorkshopDayMessages.SignUpUnknown);
        var lowered = view.Email.ToLowerInvariant();
        var target = await db.VolunteerSignUps.AsNoTracking().Where(v => v.Id == signUpId && v.EventId == view.EventId && v.Email.ToLower() == lowered)
            .Join(db.VolunteerShifts, v => v.ShiftId, s => s.Id, (v, s) => new { v, s.Task }).SingleOrDefaultAsync(ct);
        if (target is null)
            return new Refusal(WorkshopDayMessages.SignUpUnknown);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.VolunteerSignUps.Where(v => v.Id == signUpId).Where(Standing).ExecuteUpdateAsync(u => u.SetProperty(v => v.WithdrawnAt, now), ct) == 0)
            return new Refusal(WorkshopDayMessages.AlreadyWithdrawn, target.Task);
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleAsync(x => x.Id == view.EventId, ct);
        Record(now, WorkshopDayAuditActions.VolunteerWithdrew, target.v, e, "volunteer");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return null;
    }

    /// <summary>The coordinator takes a volunteer off a shift of the event.</summary>
    public async Task<(Refusal? Refusal, bool Forbidden)> RemoveAsync(int eventId, int signUpId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return (null, true);
        var target = await db.VolunteerSignUps.AsNoTracking().Where(v => v.Id == signUpId && v.EventId == eventId)
            .Join(db.VolunteerShifts, v => v.ShiftId, s => s.Id, (v, s) => new { v, s.Task }).SingleOrDefaultAsync(ct);
        if (target is null)
            return (new Refusal(WorkshopDayMessages.SignUpUnknown), false);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.VolunteerSignUps.Where(v => v.Id == signUpId).Where(Standing).ExecuteUpdateAsync(u => u.SetProperty(v => v.RemovedAt, now), ct) == 0)
            return (new Refusal(WorkshopDayMessages.VolunteerAlreadyOff, target.v.Name, target.Task), false);
        Record(now, WorkshopDayAuditActions.VolunteerRemoved, target.v, e, "coordinator");
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (null, false);
    }

    /// <summary>The trail names the shift and who acted, never the volunteer's name or address (see <see cref="VolunteerSignUp"/>).</summary>
    private void Record(DateTime now, string action, VolunteerSignUp signUp, WorkshopDayEvent e, string by) =>
        db.RecordEvent(now, action, nameof(VolunteerSignUp), signUp.Id.ToString(CultureInfo.InvariantCulture), new { @event = e.Slug, shift = signUp.ShiftId, by }, e.PactId);

    private async Task MailAsync(WorkshopDayEvent e, ShiftPlaces shift, VolunteerSignUp signUp, string key)
    {
        var site = hosting.Value.SiteUrl;
        var english = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        var shifts = site + ShiftsUrl(key) + (english ? "&culture=en" : "");
        var confirm = site + ConfirmUrl(TokenFor(signUp.Id)) + (english ? "&culture=en" : "");
        var body = $"<p>{WebUtility.HtmlEncode(t["Je hebt je aangemeld als vrijwilliger bij {0}: {1}, {2} van {3} tot {4}.", e.Name, shift.Task, WorkshopDayFormat.Day(shift.Date), WorkshopDayFormat.Time(shift.StartsAt), WorkshopDayFormat.Time(shift.EndsAt)].Value)}</p>"
                   + $"<p>{WebUtility.HtmlEncode(t["Bevestig je e-mailadres, dan weet de coördinator dat je aanmelding klopt."].Value)} <a href=\"{WebUtility.HtmlEncode(confirm)}\">{WebUtility.HtmlEncode(t["E-mailadres bevestigen"].Value)}</a></p>"
                   + $"<p>{WebUtility.HtmlEncode(t["Bevestig binnen {0} uur; daarna vervalt je aanmelding en komt de plaats vrij.", lapse.Value.Hours].Value)}</p>"
                   + $"<p>{WebUtility.HtmlEncode(t["Met deze link bekijk je je diensten en meld je je af:"].Value)} <a href=\"{WebUtility.HtmlEncode(shifts)}\">{WebUtility.HtmlEncode(shifts)}</a></p>";
        await mail.SendEmailAsync(signUp.Email, t["Vrijwilliger bij {0}", e.Name].Value, body);
    }

    private int? IdOf(string? token) => _protector.UnprotectInt32Id(token);

    /// <summary>What the links of a lapsed sign-up say, naming the hours it had.</summary>
    public Refusal LapsedRefusal => new(WorkshopDayMessages.VolunteerLapsed, lapse.Value.Hours);
}
