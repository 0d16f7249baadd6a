using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>A class on the waiting list, at its place in line.</summary>
public sealed record WaitingEntry(int Position, int ClassId, int RegistrationId, string School, string Class, int Pupils, int DayId, DateOnly Date,
    TimeOnly Arrival, TimeOnly Departure, bool EmailConfirmed);
/// <summary>The answer to a cancellation: the cancelled class and the waiting classes that moved up into the places it left.</summary>
public sealed record CancellationAnswer(int ClassId, IReadOnlyList<int> MovedUp);

/// <summary>
/// Cancellations and the waiting list. A class waits when it registered while its day was full (<see cref="SchoolClass.Waiting"/>),
/// or when, after the allocation, it has a confirmed address but no place (the allocation could not place it, or it was
/// confirmed too late). The line is the order of registration: the registration's time, then the class's number.
/// </summary>
/// <remarks>
/// When places open — a class cancels, or a school registers fewer or smaller classes — the line is walked from the front:
/// <list type="bullet">
/// <item>before the allocation, a waiting class moves up when its day's room (pupils) takes it;</item>
/// <item>after it, a waiting class with a confirmed address moves up when <see cref="WaitingListPlacer"/> finds it its full
/// number of workshops in sessions of its day, within its arrival and departure, that still have room, without moving any
/// other class. A class that does not fit is passed over for the next, so the places go to the first class they fit.</item>
/// </list>
/// Everything happens under the event's lock (<see cref="SchoolRegistrations.LockAsync"/>), in one transaction with the
/// cancellation, so two cancellations at once never give one place twice. After publication the moved-up school gets the
/// schedule mail again, with a new link (only the old link's hash is stored, so it cannot be mailed again).
/// </remarks>
public sealed class WaitingList(PactwerkDb db, TimeProvider clock, AccessScopeProvider scopes, WorkshopDayQueries queries, SchoolSchedules schedules,
    WorkshopAllocations allocations)
{

    public async Task<List<WaitingEntry>> EntriesAsync(int eventId, CancellationToken ct)
    {
        var allocated = await db.WorkshopDayEvents.Where(e => e.Id == eventId).Select(e => e.AllocatedAt != null).SingleOrDefaultAsync(ct);
        var rows = await db.SchoolClasses.AsNoTracking().Where(c => c.CancelledAt == null)
            .Join(db.SchoolRegistrations.Where(r => r.EventId == eventId), c => c.RegistrationId, r => r.Id,
                (c, r) => new { c, r.School, r.SubmittedAt, Confirmed = r.EmailConfirmedAt != null })
            .Where(x => x.c.Waiting || (allocated && x.Confirmed && !db.ClassAssignments.Any(a => a.ClassId == x.c.Id)))
            .Join(db.EventDays, x => x.c.DayId, d => d.Id, (x, d) => new { x.c, x.School, x.SubmittedAt, x.Confirmed, d.Date })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.SubmittedAt).ThenBy(x => x.c.Id)
            .Select((x, i) => new WaitingEntry(i + 1, x.c.Id, x.c.RegistrationId, x.School, x.c.Name, x.c.Pupils, x.c.DayId, x.Date, x.c.Arrival, x.c.Departure, x.Confirmed))
            .ToList();
    }

    /// <summary>The school cancels one of its classes with the key of its link.</summary>
    public async Task<(CancellationAnswer? Answer, Refusal? Refusal)> CancelBySchoolAsync(string? key, int classId, CancellationToken ct)
    {
        if (SchoolRegistrations.HashOf(key) is not { } hash
            || await db.SchoolRegistrations.Where(r => r.KeyHash == hash).Select(r => new { r.Id, r.EventId }).SingleOrDefaultAsync(ct) is not { } registration)
            return (null, new Refusal(WorkshopDayMessages.CancelUnknown));
        return await CancelAsync(registration.EventId, classId, registration.Id, ct);
    }

    /// <summary>The coordinator cancels a class of the event.</summary>
    public async Task<(CancellationAnswer? Answer, Refusal? Refusal, bool Forbidden)> CancelByCoordinatorAsync(int eventId, int classId, CancellationToken ct)
    {
        var pact = await db.WorkshopDayEvents.Where(e => e.Id == eventId).Select(e => (int?)e.PactId).SingleOrDefaultAsync(ct);
        if (pact is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), pact.Value))
            return (null, null, true);
        var (answer, refusal) = await CancelAsync(eventId, classId, null, ct);
        return (answer, refusal, false);
    }

    private async Task<(CancellationAnswer? Answer, Refusal? Refusal)> CancelAsync(int eventId, int classId, int? registrationId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        List<SchoolClass> moved;
        WorkshopDayEvent e;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            if (!await SchoolRegistrations.LockAsync(db, eventId, ct))
                return (null, new Refusal(WorkshopDayMessages.CancelUnknown));
            e = await db.WorkshopDayEvents.AsNoTracking().SingleAsync(x => x.Id == eventId, ct);
            var c = await db.SchoolClasses.SingleOrDefaultAsync(x => x.Id == classId && (registrationId == null || x.RegistrationId == registrationId)
                && db.SchoolRegistrations.Any(r => r.Id == x.RegistrationId && r.EventId == eventId), ct);
            if (c is null)
                return (null, new Refusal(WorkshopDayMessages.CancelUnknown));
            if (c.CancelledAt is not null)
                return (null, new Refusal(WorkshopDayMessages.AlreadyCancelled, c.Name));
            var date = await db.EventDays.Where(d => d.Id == c.DayId).Select(d => d.Date).SingleAsync(ct);
            if (DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, WorkshopDayEditor.Dutch)) > date)
                return (null, new Refusal(WorkshopDayMessages.CancelAfterDay, c.Name));
            c.CancelledAt = now;
            var freed = await db.ClassAssignments.Where(a => a.ClassId == c.Id).ToListAsync(ct);
            db.ClassAssignments.RemoveRange(freed);
            db.RecordEvent(now, WorkshopDayAuditActions.ClassCancelled, nameof(SchoolClass), c.Id.ToString(CultureInfo.InvariantCulture),
                new { @event = e.Slug, by = registrationId is null ? "coordinator" : "school", sessions = freed.Count }, e.PactId);
            await db.SaveChangesAsync(ct);
            moved = await MoveUpAsync(eventId, ct);
            await transaction.CommitAsync(ct);
        }
        if (e.PublishedAt is not null && moved.Count > 0)
            await MailAgainAsync(eventId, moved.Select(m => m.RegistrationId).Distinct().ToList(), ct);
        return (new CancellationAnswer(classId, moved.Select(m => m.Id).ToList()), null);
    }

    /// <summary>
    /// Moves waiting classes up into the room there is now, in line (see the class's remarks). Runs inside the caller's
    /// transaction and lock; saves its changes and returns the classes that moved up.
    /// </summary>
    public async Task<List<SchoolClass>> MoveUpAsync(int eventId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().SingleAsync(x => x.Id == eventId, ct);
        var line = await EntriesAsync(eventId, ct);
        var moved = new List<SchoolClass>();
        if (line.Count == 0)
            return moved;
        if (e.AllocatedAt is null)
        {
            var view = (await queries.FindAsync(eventId, ct))!;
            var room = view.Days.ToDictionary(d => d.Id, d => d.Remaining);
            foreach (var w in line.Where(w => room.GetValueOrDefault(w.DayId) >= w.Pupils))
            {
                room[w.DayId] -= w.Pupils;
                moved.Add(await db.SchoolClasses.SingleAsync(c => c.Id == w.ClassId, ct));
            }
        }
        else
        {
            var (workshops, slots) = await allocations.ProgrammeAsync(eventId, ct);
            var capacity = workshops.ToDictionary(w => w.Id, w => w.Capacity);
            var taken = await db.ClassAssignments.Where(a => db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == eventId))
                .Join(db.SchoolClasses, a => a.ClassId, c => c.Id, (a, c) => new { a.WorkshopId, a.SlotId, c.Pupils }).ToListAsync(ct);
            var room = taken.GroupBy(a => (a.WorkshopId, a.SlotId)).ToDictionary(g => g.Key, g => capacity[g.Key.WorkshopId] - g.Sum(a => a.Pupils));
            foreach (var w in line.Where(w => w.EmailConfirmed))
            {
                var c = await db.SchoolClasses.SingleAsync(x => x.Id == w.ClassId, ct);
                if (WaitingListPlacer.Place(WorkshopAllocations.ToAllocation(c), workshops.Where(x => x.Day == c.DayId).ToList(), slots.Where(s => s.Day == c.DayId).ToList(), room, e.WorkshopsPerClass)
                    is not { } placements)
                    continue;
                foreach (var p in placements)
                {
                    room[(p.WorkshopId, p.SlotId)] = room.GetValueOrDefault((p.WorkshopId, p.SlotId), capacity[p.WorkshopId]) - c.Pupils;
                    db.ClassAssignments.Add(new ClassAssignment { ClassId = c.Id, WorkshopId = p.WorkshopId, SlotId = p.SlotId });
                }
                moved.Add(c);
            }
        }
        foreach (var c in moved)
        {
            c.Waiting = false;
            db.RecordEvent(clock.GetUtcNow().UtcDateTime, WorkshopDayAuditActions.ClassMovedUp, nameof(SchoolClass), c.Id.ToString(CultureInfo.InvariantCulture),
                new { @event = e.Slug, position = line.Single(w => w.ClassId == c.Id).Position }, e.PactId);
        }
        await db.SaveChangesAsync(ct);
        return moved;
    }

    /// <summary>The moved-up schools get the schedule mail again: their claim is released, and the schedule mailing claims it anew (the link of an earlier mail keeps working).</summary>
    private async Task MailAgainAsync(int eventId, List<int> registrationIds, CancellationToken ct)
    {
        await db.SchoolRegistrations.Where(r => registrationIds.Contains(r.Id))
            .ExecuteUpdateAsync(x => x.SetProperty(r => r.ScheduleMailedAt, (DateTime?)null), ct);
        await schedules.MailPublishedAsync(eventId, ct);
    }
}
