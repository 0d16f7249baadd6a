using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// School registrations and volunteer sign-ups whose address is not confirmed within <see cref="WorkshopDayLapseOptions.Hours"/>
/// of the confirmation mail lapse, as vouchers' unconfirmed applications expire (<see cref="Vouchers.VoucherExpiry"/>): a
/// made-up or mistyped address would otherwise hold a day's places or a shift's for good. A lapsed registration's classes
/// are cancelled (they hold no place, and the waiting list moves up in line); a lapsed sign-up no longer counts on its
/// shift. Both are in the audit trail; the old links say the registration has lapsed and to register again.
/// </summary>
/// <remarks>
/// Registrations lapse under the event's lock (<see cref="SchoolRegistrations.LockAsync"/>), as confirmations and changes
/// are decided, so a confirmation at the same moment either comes first (and nothing lapses) or finds it lapsed. Every
/// step is a conditional update, so a run beside another instance's lapses each one once.
/// </remarks>
public sealed class UnconfirmedLapse(PactwerkDb db, IOptions<WorkshopDayLapseOptions> options, WaitingList waitingList)
{
    public int Hours => options.Value.Hours;

    /// <summary>Lapses what is due at <paramref name="now"/> (the caller's clock, so tests can move it); returns how many of each lapsed.</summary>
    public async Task<(int Registrations, int Volunteers)> LapseDueAsync(DateTime now, CancellationToken ct)
    {
        var before = now.AddHours(-Hours);
        var registrations = 0;
        var due = db.SchoolRegistrations.Where(r => r.EmailConfirmedAt == null && r.LapsedAt == null && (r.ConfirmationAskedAt ?? r.SubmittedAt) < before);
        foreach (var eventId in await due.Select(r => r.EventId).Distinct().OrderBy(x => x).ToListAsync(ct))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (!await SchoolRegistrations.LockAsync(db, eventId, ct))
                continue;
            var e = await db.WorkshopDayEvents.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.Slug, x.PactId }).SingleAsync(ct);
            // Read again under the lock: a confirmation just before it keeps its registration.
            foreach (var r in await due.Where(r => r.EventId == eventId).Include(r => r.Classes).OrderBy(r => r.SubmittedAt).ThenBy(r => r.Id).ToListAsync(ct))
            {
                r.LapsedAt = now;
                var classes = r.Classes.Where(c => c.CancelledAt == null).ToList();
                foreach (var c in classes)
                    c.CancelledAt = now;
                var ids = classes.Select(c => c.Id).ToList();
                // An unconfirmed class is never allocated; should one hold sessions all the same, they are freed with it.
                db.ClassAssignments.RemoveRange(await db.ClassAssignments.Where(a => ids.Contains(a.ClassId)).ToListAsync(ct));
                db.RecordEvent(now, WorkshopDayAuditActions.RegistrationLapsed, nameof(SchoolRegistration), r.Id.ToString(CultureInfo.InvariantCulture),
                    new { @event = e.Slug, classes = classes.Count, reason = $"e-mail address not confirmed within {Hours} hours" }, e.PactId);
                registrations++;
            }
            await db.SaveChangesAsync(ct);
            // The places they held go to the waiting list, in line.
            await waitingList.MoveUpAsync(eventId, ct);
            await transaction.CommitAsync(ct);
        }

        var volunteers = 0;
        var lapsing = await db.VolunteerSignUps.AsNoTracking()
            .Where(v => v.EmailConfirmedAt == null && v.LapsedAt == null && v.WithdrawnAt == null && v.RemovedAt == null && v.SignedUpAt < before)
            .Join(db.WorkshopDayEvents, v => v.EventId, x => x.Id, (v, x) => new { v.Id, v.ShiftId, x.Slug, x.PactId }).OrderBy(v => v.Id).ToListAsync(ct);
        foreach (var v in lapsing)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // Conditional, as the confirmation is: of the two at the same moment exactly one changes the row.
            if (await db.VolunteerSignUps.Where(x => x.Id == v.Id && x.EmailConfirmedAt == null && x.LapsedAt == null && x.WithdrawnAt == null && x.RemovedAt == null)
                    .ExecuteUpdateAsync(u => u.SetProperty(x => x.LapsedAt, now), ct) == 0)
                continue;
            // As the other volunteer events: the shift, never the volunteer's name or address (see VolunteerSignUp).
            db.RecordEvent(now, WorkshopDayAuditActions.VolunteerLapsed, nameof(VolunteerSignUp), v.Id.ToString(CultureInfo.InvariantCulture),
                new { @event = v.Slug, shift = v.ShiftId, by = "system", reason = $"e-mail address not confirmed within {Hours} hours" }, v.PactId);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            volunteers++;
        }
        return (registrations, volunteers);
    }
}
