using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>What the door sees after a check-in: the class, its school, when it arrived and how many pupils came.</summary>
public sealed record CheckInAnswer(int Id, int EventId, int ClassId, string School, string Class, int ClassSize, int Present, DateTime ArrivedAt);

/// <summary>
/// The door team checks a class in with its code (typed, or typed by a scanner app) and the number of pupils present,
/// which defaults to the class's size and may not exceed it: the schedule, the workshops' capacity and the totals
/// count with the class as registered, so a larger class is a matter for the coordinator, not for the door.
/// Who may: the event's coordinators (the coordinators of its pact, and administrators) — they staff the door
/// or sign in a device for it; everyone else is refused. The page and <c>POST /api/v1/check-ins</c> both come here.
/// </summary>
public sealed class ClassCheckIns(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    /// <summary>Reads the number present as typed: empty means the class's size; anything but a whole number is refused.</summary>
    public static bool TryReadPresent(string? typed, out int? present)
    {
        present = null;
        if (string.IsNullOrWhiteSpace(typed))
            return true;
        if (int.TryParse(typed.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            present = n;
            return true;
        }
        return false;
    }

    public async Task<(CheckInAnswer? Answer, Refusal? Refusal, bool Forbidden)> CheckInAsync(int eventId, string? typedCode, string? typedPresent, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return (null, null, true);
        if (e.PublishedAt is null)
            return (null, new Refusal(WorkshopDayMessages.CheckInNotPublished), false);
        var code = CheckInCodes.Normalise(typedCode);
        if (code.Length == 0)
            return (null, new Refusal(WorkshopDayMessages.CheckInCodeRequired), false);
        var found = await db.SchoolClasses.AsNoTracking().Where(c => c.CheckInCode == code)
            .Join(db.SchoolRegistrations, c => c.RegistrationId, r => r.Id, (c, r) => new { c.Id, c.Name, c.Pupils, r.School, r.EventId })
            .SingleOrDefaultAsync(ct);
        var shown = CheckInCodes.Display(code.Length > 20 ? code[..20] : code);
        if (found is null)
            return (null, new Refusal(WorkshopDayMessages.CheckInCodeUnknown, shown), false);
        if (found.EventId != e.Id)
        {
            var other = await db.WorkshopDayEvents.Where(x => x.Id == found.EventId).Select(x => x.Name).SingleAsync(ct);
            return (null, new Refusal(WorkshopDayMessages.CheckInCodeOtherEvent, shown, other), false);
        }
        if (await TwiceAsync(found.Id, found.Name, found.School, ct) is { } twice)
            return (null, twice, false);
        if (!TryReadPresent(typedPresent, out var present) || present is < 1 || present > found.Pupils)
            return (null, new Refusal(WorkshopDayMessages.CheckInPresentRange, found.Pupils), false);

        var now = clock.GetUtcNow().UtcDateTime;
        var checkIn = new ClassCheckIn { EventId = e.Id, ClassId = found.Id, ArrivedAt = now, Present = present ?? found.Pupils };
        db.ClassCheckIns.Add(checkIn);
        db.RecordEvent(now, WorkshopDayAuditActions.CheckedIn, nameof(SchoolClass), found.Id.ToString(CultureInfo.InvariantCulture),
            new { @event = e.Slug, present = checkIn.Present, size = found.Pupils }, e.PactId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another door checked the class in a moment earlier: the unique index kept it to one check-in.
            db.ChangeTracker.Clear();
            return (null, await TwiceAsync(found.Id, found.Name, found.School, ct) ?? throw new InvalidOperationException("Check-in failed without a check-in."), false);
        }
        return (new CheckInAnswer(checkIn.Id, e.Id, found.Id, found.School, found.Name, found.Pupils, checkIn.Present, checkIn.ArrivedAt), null, false);
    }

    /// <summary>A check-in shown again at the door (after the redirect), for an event the reader coordinates.</summary>
    public async Task<CheckInAnswer?> FindAsync(int eventId, int checkInId, CancellationToken ct) =>
        await db.ClassCheckIns.AsNoTracking().Where(x => x.Id == checkInId && x.EventId == eventId)
            .Join(db.SchoolClasses, x => x.ClassId, c => c.Id, (x, c) => new { x, c })
            .Join(db.SchoolRegistrations, y => y.c.RegistrationId, r => r.Id, (y, r) => new CheckInAnswer(y.x.Id, y.x.EventId, y.c.Id, r.School, y.c.Name, y.c.Pupils, y.x.Present, y.x.ArrivedAt))
            .SingleOrDefaultAsync(ct);

    private async Task<Refusal?> TwiceAsync(int classId, string name, string school, CancellationToken ct) =>
        await db.ClassCheckIns.AsNoTracking().Where(x => x.ClassId == classId).Select(x => new { x.ArrivedAt, x.Present }).SingleOrDefaultAsync(ct) is { } earlier
            ? new Refusal(WorkshopDayMessages.CheckInTwice, name, school, WorkshopDayFormat.Time(TimeOnly.FromDateTime(WorkshopDayEditor.ToDutch(earlier.ArrivedAt))), earlier.Present)
            : null;
}
