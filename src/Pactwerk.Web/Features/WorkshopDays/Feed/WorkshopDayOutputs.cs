using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>What was counted for one year of an event and written as its action's outputs.</summary>
public sealed record WorkshopDayYearOutputs(int Year, int PupilsPresent, int WorkshopsHeld, int Volunteers, bool Written);

/// <summary>
/// The event's totals as outputs of its action (<see cref="CountedOutputs"/>), per calendar year of its days: pupils
/// reached (checked in at the door), workshops held (with at least one checked-in class) and volunteers (people with a
/// confirmed sign-up for a shift that year, not withdrawn or removed; one person on two shifts counts once). Only once the door has
/// counted someone: until then a figure the action's owner reported by hand stands (the demo's "ruim drieduizend").
/// </summary>
public sealed class WorkshopDayOutputs(PactwerkDb db, AttendanceQueries attendance, CountedOutputs outputs)
{
    public async Task<IReadOnlyList<WorkshopDayYearOutputs>> WriteAsync(int eventId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().Where(x => x.Id == eventId).Select(x => new { x.ActionId, x.Name }).SingleOrDefaultAsync(ct);
        if (e?.ActionId is not { } actionId || await attendance.FindAsync(eventId, ct) is not { Published: true, ClassesPresent: > 0 } view)
            return [];
        var countedBy = $"Pactwerk: bij de deur van {e.Name}";
        countedBy = countedBy.Length > 200 ? countedBy[..199] + "…" : countedBy;
        var volunteers = (await db.VolunteerSignUps.AsNoTracking()
                .Where(v => v.EventId == eventId && v.EmailConfirmedAt != null && v.WithdrawnAt == null && v.RemovedAt == null)
                .Join(db.VolunteerShifts, v => v.ShiftId, s => s.Id, (v, s) => new { v.Email, s.DayId })
                .Join(db.EventDays, x => x.DayId, d => d.Id, (x, d) => new { x.Email, d.Date })
                .ToListAsync(ct))
            .GroupBy(v => v.Date.Year).ToDictionary(g => g.Key, g => g.Select(v => v.Email.ToLowerInvariant()).Distinct().Count());
        var written = new List<WorkshopDayYearOutputs>();
        foreach (var year in view.Days.GroupBy(d => d.Date.Year).OrderBy(g => g.Key))
        {
            var pupils = year.Sum(d => d.PupilsPresent);
            var classes = year.Sum(d => d.ClassesPresent);
            // A workshop belongs to one day (the same title on two days is two workshops held), as the attendance counts them.
            var workshops = year.SelectMany(d => d.Sessions).Where(s => s.ClassesPresent > 0).Select(s => s.WorkshopId).Distinct().Count();
            if (classes == 0)
                continue;
            var note = $"Geteld bij de deur: {classes} klassen op {year.Count(d => d.ClassesPresent > 0)} dag(en).";
            var a = await outputs.SetAsync(actionId, year.Key, OutputUnit.PupilsReached, pupils, note, countedBy, ct);
            var b = await outputs.SetAsync(actionId, year.Key, OutputUnit.Workshops, workshops, note, countedBy, ct);
            // No sign-ups through Pactwerk says nothing about the volunteers there were: no figure rather than a 0.
            var helpers = volunteers.GetValueOrDefault(year.Key);
            var c = helpers > 0 && await outputs.SetAsync(actionId, year.Key, OutputUnit.Volunteers, helpers, note, countedBy, ct);
            written.Add(new WorkshopDayYearOutputs(year.Key, pupils, workshops, helpers, a || b || c));
        }
        return written;
    }
}
