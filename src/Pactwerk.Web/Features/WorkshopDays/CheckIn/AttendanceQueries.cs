using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>One session of a workshop: the classes and pupils the published schedule places there, and those checked in.</summary>
public sealed record SessionAttendance(int WorkshopId, string Workshop, int SlotId, TimeOnly StartsAt, int ClassesScheduled, int PupilsScheduled, int ClassesPresent, int PupilsPresent);
/// <summary>A day: its placed classes and pupils, those checked in, and every session of every workshop that day.</summary>
public sealed record DayAttendance(int DayId, DateOnly Date, int ClassesScheduled, int PupilsScheduled, int ClassesPresent, int PupilsPresent, IReadOnlyList<SessionAttendance> Sessions);
/// <param name="WorkshopsHeld">Workshops with at least one checked-in class.</param>
public sealed record AttendanceView(int EventId, string Slug, string Name, int PactId, bool Invented, bool Published, int ClassesScheduled, int PupilsScheduled,
    int ClassesPresent, int PupilsPresent, int WorkshopsHeld, IReadOnlyList<DayAttendance> Days);

/// <summary>
/// Live attendance, counted from the check-ins and the published schedule at the moment of asking: a checked-in class
/// counts its pupils present in every session the schedule gives it (the door sees a class once, at arrival).
/// </summary>
public sealed class AttendanceQueries(PactwerkDb db)
{
    public async Task<AttendanceView?> FindAsync(string slug, CancellationToken ct) =>
        await db.WorkshopDayEvents.AsNoTracking().Where(e => e.Slug == slug).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct) is { } id ? await FindAsync(id, ct) : null;

    public async Task<AttendanceView?> FindAsync(int id, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().Include(x => x.Days).ThenInclude(d => d.Slots).Include(x => x.Workshops)
            .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return null;
        var placed = await db.ClassAssignments.AsNoTracking().Where(a => db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == id))
            .Join(db.SchoolClasses, a => a.ClassId, c => c.Id, (a, c) => new { a.ClassId, a.WorkshopId, a.SlotId, c.DayId, c.Pupils })
            .ToListAsync(ct);
        var present = await db.ClassCheckIns.AsNoTracking().Where(x => x.EventId == id).ToDictionaryAsync(x => x.ClassId, x => x.Present, ct);
        // Before publication the schedule is a draft: nobody is expected yet.
        if (e.PublishedAt is null)
            placed.Clear();

        var classes = placed.DistinctBy(p => p.ClassId).ToList();
        var days = e.Days.OrderBy(d => d.Date).Select(d =>
        {
            var sessions = e.Workshops.Where(w => w.DayId == d.Id).OrderBy(w => w.Title)
                .SelectMany(w => d.Slots.OrderBy(s => s.StartsAt).Select(s =>
                {
                    var here = placed.Where(p => p.WorkshopId == w.Id && p.SlotId == s.Id).ToList();
                    var came = here.Where(p => present.ContainsKey(p.ClassId)).ToList();
                    return new SessionAttendance(w.Id, w.Title, s.Id, s.StartsAt, here.Count, here.Sum(p => p.Pupils), came.Count, came.Sum(p => present[p.ClassId]));
                })).ToList();
            var ofDay = classes.Where(c => c.DayId == d.Id).ToList();
            var cameOfDay = ofDay.Where(c => present.ContainsKey(c.ClassId)).ToList();
            return new DayAttendance(d.Id, d.Date, ofDay.Count, ofDay.Sum(c => c.Pupils), cameOfDay.Count, cameOfDay.Sum(c => present[c.ClassId]), sessions);
        }).ToList();
        var came = classes.Where(c => present.ContainsKey(c.ClassId)).ToList();
        return new AttendanceView(e.Id, e.Slug, e.Name, e.PactId, e.Invented, e.PublishedAt is not null, classes.Count, classes.Sum(c => c.Pupils), came.Count,
            came.Sum(c => present[c.ClassId]), placed.Where(p => present.ContainsKey(p.ClassId)).Select(p => p.WorkshopId).Distinct().Count(), days);
    }
}
