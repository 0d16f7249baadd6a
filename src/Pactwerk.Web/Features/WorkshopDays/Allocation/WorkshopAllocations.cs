using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.WorkshopDays;

public sealed class WorkshopAllocationOptions
{
    /// <summary>The solver's time budget for one allocation (both phases together).</summary>
    public double SolverSeconds { get; set; } = 8;
}

public sealed record ScheduleRow(int ClassId, string School, string Class, int Pupils, DateOnly Date, int WorkshopId, string Workshop, string Provider,
    int SlotId, TimeOnly StartsAt, TimeOnly EndsAt, int? Rank, bool Pinned);
public sealed record AllocationAnswer(AllocationStatus Status, long Objective, long Bound, double Gap, int Milliseconds, int WorstSchoolPerMille, IReadOnlyList<ScheduleRow> Assignment);
/// <summary>A school's satisfaction: its rank points against the most its classes could earn, and how many classes got their first choice.</summary>
public sealed record SchoolSatisfaction(string School, int Classes, int Pupils, int Points, int BestPossible, int FirstChoices)
{
    public double Share => BestPossible == 0 ? 1 : Points / (double)BestPossible;
}

/// <summary>
/// Runs the allocation for an event and keeps its result: the placements as <see cref="ClassAssignment"/> rows (pinned ones
/// kept), the objective, bound and time on the event. Only classes whose teacher confirmed the address take part.
/// The coordinator may move a class by hand (the class is then pinned) and publishes; after publishing nothing changes.
/// </summary>
public sealed class WorkshopAllocations(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, IOptions<WorkshopAllocationOptions> options)
{
    public async Task<(AllocationAnswer? Answer, Refusal? Refusal, bool Forbidden)> RunAsync(int eventId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return (null, null, true);
        if (e.PublishedAt is not null)
            return (null, new Refusal(WorkshopDayMessages.AlreadyPublished), false);
        var problem = await ProblemAsync(e, ct);
        if (problem.Classes.Count == 0)
            return (null, new Refusal(WorkshopDayMessages.NoClassesToAllocate), false);
        var result = WorkshopAllocator.Solve(problem, TimeSpan.FromSeconds(options.Value.SolverSeconds));
        if (result.Status == AllocationStatus.Infeasible)
            return (null, new Refusal(WorkshopDayMessages.AllocationInfeasible), false);
        if (result.Status == AllocationStatus.NoSolutionInTime)
            return (null, new Refusal(WorkshopDayMessages.AllocationTimedOut), false);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var classIds = problem.Classes.Select(c => c.Id).ToList();
        var old = await AssignmentsOf(e.Id).ToListAsync(ct);
        db.ClassAssignments.RemoveRange(old.Where(a => !a.Pinned || !classIds.Contains(a.ClassId)));
        var kept = old.Where(a => a.Pinned && classIds.Contains(a.ClassId)).Select(a => new Placement(a.ClassId, a.WorkshopId, a.SlotId)).ToHashSet();
        // Removed first, so the unique (class, workshop) index never sees an old and a new row of one class together.
        await db.SaveChangesAsync(ct);
        db.ClassAssignments.AddRange(result.Placements.Where(p => !kept.Contains(p))
            .Select(p => new ClassAssignment { ClassId = p.ClassId, WorkshopId = p.WorkshopId, SlotId = p.SlotId }));
        (e.AllocatedAt, e.AllocationObjective, e.AllocationBound, e.AllocationMilliseconds, e.WorstSchoolPerMille) =
            (clock.GetUtcNow().UtcDateTime, result.Objective, result.Bound, (int)result.Elapsed.TotalMilliseconds, result.WorstSchoolPerMille);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, WorkshopDayAuditActions.Allocated, nameof(WorkshopDayEvent), e.Slug,
            new { classes = problem.Classes.Count, pinned = kept.Count, objective = result.Objective, bound = result.Bound, milliseconds = (int)result.Elapsed.TotalMilliseconds, status = result.Status.ToString() }, e.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (new AllocationAnswer(result.Status, result.Objective, result.Bound, result.Gap, (int)result.Elapsed.TotalMilliseconds, result.WorstSchoolPerMille,
            await ScheduleAsync(e.Id, null, ct)), null, false);
    }

    /// <summary>The problem as the solver sees it: confirmed classes, the event's workshops and slots, and the placements pinned by hand.</summary>
    public async Task<AllocationProblem> ProblemAsync(WorkshopDayEvent e, CancellationToken ct)
    {
        var classes = await db.SchoolClasses.AsNoTracking().Where(c => !c.Waiting && c.CancelledAt == null)
            .Join(db.SchoolRegistrations.Where(r => r.EventId == e.Id && r.EmailConfirmedAt != null), c => c.RegistrationId, r => r.Id, (c, r) => c)
            .OrderBy(c => c.Id).ToListAsync(ct);
        var (workshops, slots) = await ProgrammeAsync(e.Id, ct);
        var pinned = await AssignmentsOf(e.Id).AsNoTracking().Where(a => a.Pinned).Select(a => new Placement(a.ClassId, a.WorkshopId, a.SlotId)).ToListAsync(ct);
        var ids = classes.Select(c => c.Id).ToHashSet();
        return new AllocationProblem(classes.Select(ToAllocation).ToList(), workshops, slots, e.WorkshopsPerClass, pinned.Where(p => ids.Contains(p.ClassId)).ToList());
    }

    /// <summary>The event's workshops and time slots as the solvers see them (the allocation's, and the waiting list's per class).</summary>
    public async Task<(List<AllocationWorkshop> Workshops, List<AllocationSlot> Slots)> ProgrammeAsync(int eventId, CancellationToken ct)
    {
        var workshops = await db.Workshops.AsNoTracking().Where(w => w.EventId == eventId)
            .Select(w => new AllocationWorkshop(w.Id, w.DayId, w.CapacityPerSession, w.DurationMinutes)).ToListAsync(ct);
        var slots = await db.SessionSlots.AsNoTracking().Where(s => db.EventDays.Any(d => d.Id == s.DayId && d.EventId == eventId)).ToListAsync(ct);
        return (workshops, slots.Select(s => new AllocationSlot(s.Id, s.DayId, Minutes(s.StartsAt))).ToList());
    }

    /// <summary>A registered class as the solvers see it: its window in minutes since midnight.</summary>
    public static AllocationClass ToAllocation(SchoolClass c) =>
        new(c.Id, c.RegistrationId, c.Pupils, c.DayId, Minutes(c.Arrival), Minutes(c.Departure), c.Preferences);

    /// <summary>
    /// Moves one of a class's workshops to another session (another slot, or another workshop of its day) and pins the
    /// class, so a re-run keeps it. Refused when the session is outside the class's window, overlaps its other workshops,
    /// has no room, or is a workshop the class already has.
    /// </summary>
    public async Task<(Refusal? Refusal, bool Forbidden)> MoveAsync(int eventId, int classId, int fromWorkshopId, int toWorkshopId, int toSlotId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return (null, true);
        if (e.PublishedAt is not null)
            return (new Refusal(WorkshopDayMessages.AlreadyPublished), false);
        var mine = await AssignmentsOf(e.Id).Where(a => a.ClassId == classId).ToListAsync(ct);
        var moving = mine.SingleOrDefault(a => a.WorkshopId == fromWorkshopId);
        var c = await db.SchoolClasses.AsNoTracking().SingleOrDefaultAsync(x => x.Id == classId, ct);
        var to = await db.Workshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == toWorkshopId && w.EventId == e.Id, ct);
        var slot = await db.SessionSlots.AsNoTracking().SingleOrDefaultAsync(s => s.Id == toSlotId, ct);
        if (moving is null || c is null || to is null || slot is null || to.DayId != c.DayId || slot.DayId != c.DayId
            || (moving.WorkshopId == toWorkshopId && moving.SlotId == toSlotId))
            return (new Refusal(WorkshopDayMessages.MoveUnknown), false);
        if (toWorkshopId != fromWorkshopId && mine.Any(a => a.WorkshopId == toWorkshopId))
            return (new Refusal(WorkshopDayMessages.MoveTwice), false);
        var start = Minutes(slot.StartsAt);
        var end = start + to.DurationMinutes;
        if (start < Minutes(c.Arrival) || end > Minutes(c.Departure))
            return (new Refusal(WorkshopDayMessages.MoveOutsideWindow), false);
        var others = mine.Where(a => a != moving).Select(a => (a.WorkshopId, a.SlotId)).ToList();
        var durations = await db.Workshops.AsNoTracking().Where(w => w.EventId == e.Id).ToDictionaryAsync(w => w.Id, w => w.DurationMinutes, ct);
        var starts = await db.SessionSlots.AsNoTracking().Where(s => s.DayId == c.DayId).ToDictionaryAsync(s => s.Id, s => Minutes(s.StartsAt), ct);
        if (others.Any(o => starts[o.SlotId] < end && start < starts[o.SlotId] + durations[o.WorkshopId]))
            return (new Refusal(WorkshopDayMessages.MoveOverlaps), false);
        var taken = await db.ClassAssignments.Where(a => a.WorkshopId == toWorkshopId && a.SlotId == toSlotId && a.ClassId != classId)
            .Join(db.SchoolClasses, a => a.ClassId, x => x.Id, (a, x) => x.Pupils).SumAsync(ct);
        if (taken + c.Pupils > to.CapacityPerSession)
            return (new Refusal(WorkshopDayMessages.MoveFull, taken, to.CapacityPerSession, c.Pupils), false);
        (moving.WorkshopId, moving.SlotId) = (toWorkshopId, toSlotId);
        foreach (var a in mine)
            a.Pinned = true;
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, WorkshopDayAuditActions.ClassMoved, nameof(SchoolClass), classId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { @event = e.Slug, from = fromWorkshopId, to = toWorkshopId, slot = toSlotId }, e.PactId);
        await db.SaveChangesAsync(ct);
        return (null, false);
    }

    public async Task<(Refusal? Refusal, bool Forbidden)> PublishAsync(int eventId, CancellationToken ct)
    {
        var e = await db.WorkshopDayEvents.SingleOrDefaultAsync(x => x.Id == eventId, ct);
        if (e is null || !WorkshopDayAccess.MayCoordinate(await scopes.GetAsync(ct), e.PactId))
            return (null, true);
        if (e.AllocatedAt is null)
            return (new Refusal(WorkshopDayMessages.NotAllocated), false);
        if (e.PublishedAt is not null)
            return (new Refusal(WorkshopDayMessages.AlreadyPublished), false);
        e.PublishedAt = clock.GetUtcNow().UtcDateTime;
        db.RecordEvent(e.PublishedAt.Value, WorkshopDayAuditActions.Published, nameof(WorkshopDayEvent), e.Slug, new { allocatedAt = e.AllocatedAt }, e.PactId);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request (or instance) published first: the event's version moved on under this one.
            return (new Refusal(WorkshopDayMessages.AlreadyPublished), false);
        }
        return (null, false);
    }

    /// <summary>The event's schedule, optionally of one school (by name, case-insensitive).</summary>
    public async Task<List<ScheduleRow>> ScheduleAsync(int eventId, string? school, CancellationToken ct)
    {
        var rows = await AssignmentsOf(eventId).AsNoTracking()
            .Join(db.SchoolClasses, a => a.ClassId, c => c.Id, (a, c) => new { a, c })
            .Join(db.SchoolRegistrations, x => x.c.RegistrationId, r => r.Id, (x, r) => new { x.a, x.c, r.School })
            .Join(db.Workshops, x => x.a.WorkshopId, w => w.Id, (x, w) => new { x.a, x.c, x.School, w })
            .Join(db.SessionSlots, x => x.a.SlotId, s => s.Id, (x, s) => new { x.a, x.c, x.School, x.w, s })
            .Join(db.EventDays, x => x.s.DayId, d => d.Id, (x, d) => new { x.a, x.c, x.School, x.w, x.s, d.Date })
            .ToListAsync(ct);
        return rows.Where(x => string.IsNullOrWhiteSpace(school) || string.Equals(x.School, school.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(x => new ScheduleRow(x.c.Id, x.School, x.c.Name, x.c.Pupils, x.Date, x.w.Id, x.w.Title, x.w.Provider, x.s.Id, x.s.StartsAt,
                x.s.StartsAt.AddMinutes(x.w.DurationMinutes), x.c.Preferences.IndexOf(x.w.Id) is var i and >= 0 ? i + 1 : null, x.a.Pinned))
            .OrderBy(r => r.School).ThenBy(r => r.Class).ThenBy(r => r.Date).ThenBy(r => r.StartsAt).ToList();
    }

    /// <summary>Per school: rank points earned against the best possible, from the stored schedule.</summary>
    public async Task<List<SchoolSatisfaction>> SatisfactionAsync(WorkshopDayEvent e, CancellationToken ct)
    {
        var problem = await ProblemAsync(e, ct);
        var rows = await ScheduleAsync(e.Id, null, ct);
        var byClass = rows.ToLookup(r => r.ClassId);
        var schools = await db.SchoolRegistrations.AsNoTracking().Where(r => r.EventId == e.Id).ToDictionaryAsync(r => r.Id, r => r.School, ct);
        return problem.Classes.GroupBy(c => c.School).Select(g => new SchoolSatisfaction(schools[g.Key], g.Count(), g.Sum(c => c.Pupils),
                g.Sum(c => byClass[c.Id].Sum(r => AllocationProblem.Weight(c, r.WorkshopId))), g.Sum(problem.BestPossible),
                g.Count(c => c.Preferences.Count > 0 && byClass[c.Id].Any(r => r.WorkshopId == c.Preferences[0]))))
            .OrderBy(s => s.Share).ThenBy(s => s.School).ToList();
    }

    private IQueryable<ClassAssignment> AssignmentsOf(int eventId) =>
        db.ClassAssignments.Where(a => db.Workshops.Any(w => w.Id == a.WorkshopId && w.EventId == eventId));

    public static int Minutes(TimeOnly t) => t.Hour * 60 + t.Minute;
}
