using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed record SessionFill(int SlotId, TimeOnly StartsAt, TimeOnly EndsAt, int Classes, int Pupils);
public sealed record WorkshopView(int Id, int DayId, DateOnly Date, string Title, string Provider, string Theme, string AgeGroup, int CapacityPerSession,
    int DurationMinutes, IReadOnlyList<SessionFill> Sessions);
public sealed record SlotView(int Id, TimeOnly StartsAt);
/// <summary>A day, its slots, how many pupils it can take (every session full, divided by the workshops per class) and how many are registered.</summary>
public sealed record DayView(int Id, DateOnly Date, IReadOnlyList<SlotView> Slots, int CapacityPupils, int RegisteredPupils)
{
    public int Remaining => Math.Max(0, CapacityPupils - RegisteredPupils);
}
public sealed record ShiftView(int Id, int DayId, DateOnly Date, string Task, TimeOnly StartsAt, TimeOnly EndsAt, int Needed);
public sealed record WorkshopDayView(int Id, string Slug, string Name, string Venue, int PactId, string Pact, int? ActionId, DateTime RegistrationClosesAt,
    int WorkshopsPerClass, bool RegistrationOpen, bool Invented, IReadOnlyList<DayView> Days, IReadOnlyList<WorkshopView> Workshops, IReadOnlyList<ShiftView> Shifts,
    int Schools, int Classes, int Pupils, DateTime? AllocatedAt, long? Objective, long? Bound, int? SolveMilliseconds, int? WorstSchoolPerMille, DateTime? PublishedAt);

/// <summary>One read of an event with its programme and the fill of every session, for its pages and the API.</summary>
public sealed class WorkshopDayQueries(PactwerkDb db, TimeProvider clock)
{
    public async Task<WorkshopDayView?> FindAsync(string slug, CancellationToken ct) =>
        await db.WorkshopDayEvents.AsNoTracking().Where(e => e.Slug == slug).Select(e => (int?)e.Id).SingleOrDefaultAsync(ct) is { } id ? await FindAsync(id, ct) : null;

    public async Task<WorkshopDayView?> FindAsync(int id, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.AsNoTracking().Include(x => x.Days).ThenInclude(d => d.Slots).Include(x => x.Workshops).Include(x => x.Shifts)
            .AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
            return null;
        var pact = await db.Pacts.Where(p => p.Id == e.PactId).Select(p => p.Name).SingleAsync(ct);
        // Waiting and cancelled classes hold no place: they count neither in a day's fill nor in the totals.
        var classes = await db.SchoolClasses.AsNoTracking().Where(c => !c.Waiting && c.CancelledAt == null && db.SchoolRegistrations.Any(r => r.Id == c.RegistrationId && r.EventId == id))
            .Select(c => new { c.Id, c.DayId, c.Pupils, c.RegistrationId }).ToListAsync(ct);
        var pupilsOf = classes.ToDictionary(c => c.Id, c => c.Pupils);
        var assignments = await db.ClassAssignments.AsNoTracking().Where(a => db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == id))
            .Select(a => new { a.ClassId, a.WorkshopId, a.SlotId }).ToListAsync(ct);
        var fill = assignments.GroupBy(a => (a.WorkshopId, a.SlotId)).ToDictionary(g => g.Key, g => (Classes: g.Count(), Pupils: g.Sum(a => pupilsOf.GetValueOrDefault(a.ClassId))));

        var days = e.Days.OrderBy(d => d.Date).ToList();
        var dateOf = days.ToDictionary(d => d.Id, d => d.Date);
        var workshops = e.Workshops.OrderBy(w => dateOf[w.DayId]).ThenBy(w => w.Title).Select(w => new WorkshopView(w.Id, w.DayId, dateOf[w.DayId], w.Title, w.Provider, w.Theme,
            w.AgeGroup, w.CapacityPerSession, w.DurationMinutes, days.Single(d => d.Id == w.DayId).Slots.OrderBy(s => s.StartsAt)
                .Select(s => Fill(s, w, fill.GetValueOrDefault((w.Id, s.Id))))
                .ToList())).ToList();
        var dayViews = days.Select(d => new DayView(d.Id, d.Date, d.Slots.OrderBy(s => s.StartsAt).Select(s => new SlotView(s.Id, s.StartsAt)).ToList(),
            CapacityOf(e.Workshops.Where(w => w.DayId == d.Id).Select(w => w.CapacityPerSession), d.Slots.Count, e.WorkshopsPerClass),
            classes.Where(c => c.DayId == d.Id).Sum(c => c.Pupils))).ToList();
        // Full days do not close registration: classes registered then go on the waiting list.
        var open = clock.GetUtcNow().UtcDateTime < e.RegistrationClosesAt && e.AllocatedAt is null;
        return new WorkshopDayView(e.Id, e.Slug, e.Name, e.Venue, e.PactId, pact, e.ActionId, e.RegistrationClosesAt, e.WorkshopsPerClass, open, e.Invented,
            dayViews, workshops,
            e.Shifts.OrderBy(s => dateOf[s.DayId]).ThenBy(s => s.StartsAt).Select(s => new ShiftView(s.Id, s.DayId, dateOf[s.DayId], s.Task, s.StartsAt, s.EndsAt, s.Needed)).ToList(),
            classes.Select(c => c.RegistrationId).Distinct().Count(), classes.Count, classes.Sum(c => c.Pupils),
            e.AllocatedAt, e.AllocationObjective, e.AllocationBound, e.AllocationMilliseconds, e.WorstSchoolPerMille, e.PublishedAt);
    }

    private static SessionFill Fill(SessionSlot s, Workshop w, (int Classes, int Pupils) f) =>
        new(s.Id, s.StartsAt, s.StartsAt.AddMinutes(w.DurationMinutes), f.Classes, f.Pupils);

    /// <summary>The pupils a day can take: every session of every workshop full, each pupil in <paramref name="perClass"/> sessions.</summary>
    public static int CapacityOf(IEnumerable<int> capacities, int slots, int perClass) => capacities.Sum() * slots / perClass;
}
