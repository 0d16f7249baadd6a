namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>A class to place: its school, size, day, the window it is at the venue (minutes since midnight) and its ranked workshops (first = rank 1).</summary>
public sealed record AllocationClass(int Id, int School, int Pupils, int Day, int Arrival, int Departure, IReadOnlyList<int> Preferences);

/// <summary>A workshop on one day: room for <paramref name="Capacity"/> pupils in each of its sessions, each lasting <paramref name="Duration"/> minutes.</summary>
public sealed record AllocationWorkshop(int Id, int Day, int Capacity, int Duration);

/// <summary>A time slot of a day (minutes since midnight); every workshop of that day runs once in it, from its start for the workshop's duration.</summary>
public sealed record AllocationSlot(int Id, int Day, int Start);

/// <summary>One workshop session given to a class.</summary>
public sealed record Placement(int ClassId, int WorkshopId, int SlotId);

/// <summary>What the optimiser places: the classes, workshops and slots, the number of workshops each class follows, and the placements pinned by hand.</summary>
public sealed record AllocationProblem(IReadOnlyList<AllocationClass> Classes, IReadOnlyList<AllocationWorkshop> Workshops, IReadOnlyList<AllocationSlot> Slots,
    int WorkshopsPerClass, IReadOnlyList<Placement> Pinned)
{
    /// <summary>The points a class earns for a workshop by its rank: rank 1 earns 5, rank 5 earns 1, a workshop it did not ask for 0.</summary>
    public static int Weight(AllocationClass c, int workshopId)
    {
        for (var i = 0; i < c.Preferences.Count && i < 5; i++)
            if (c.Preferences[i] == workshopId)
                return 5 - i;
        return 0;
    }

    /// <summary>The most a class can earn: its best <see cref="WorkshopsPerClass"/> preferences all given.</summary>
    public int BestPossible(AllocationClass c) =>
        c.Preferences.Take(5).Select((_, i) => 5 - i).Take(WorkshopsPerClass).Sum();

    /// <summary>The minute a session ends: the slot's start plus the workshop's duration.</summary>
    public static int EndOf(AllocationWorkshop w, AllocationSlot s) => s.Start + w.Duration;

    /// <summary>Whether the class can be in this session: same day, and the session lies within its arrival and departure.</summary>
    public static bool Fits(AllocationClass c, AllocationWorkshop w, AllocationSlot s) =>
        w.Day == c.Day && s.Day == c.Day && s.Start >= c.Arrival && EndOf(w, s) <= c.Departure && w.Capacity >= c.Pupils;
}

public enum AllocationStatus { Optimal, Feasible, Infeasible, NoSolutionInTime }

/// <summary>
/// The optimiser's answer: the placements, the total rank points (objective) against the solver's proven
/// bound on it, the worst school's share of its best possible points in per mille, and the time taken.
/// </summary>
public sealed record AllocationResult(AllocationStatus Status, IReadOnlyList<Placement> Placements, long Objective, long Bound, int WorstSchoolPerMille, TimeSpan Elapsed)
{
    /// <summary>The relative distance between the objective and the bound (0 when proven optimal).</summary>
    public double Gap => Bound <= 0 ? 0 : (Bound - Objective) / (double)Bound;
}
