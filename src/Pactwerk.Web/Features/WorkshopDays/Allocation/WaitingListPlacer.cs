using Google.OrTools.Sat;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// Places one waiting class into a published (or allocated) schedule without moving anybody else: a small CP-SAT model
/// over the sessions of its day that lie within its arrival and departure and still have room for all its pupils.
/// Exactly the event's number of workshops, no workshop twice, no two sessions overlapping, as many rank points as
/// possible. Null when the class cannot get its full number of workshops; a class never gets part of a day.
/// </summary>
public static class WaitingListPlacer
{
    /// <param name="room">Pupils a session can still take, by (workshop, slot); a session missing from it is empty.</param>
    public static List<Placement>? Place(AllocationClass c, IReadOnlyList<AllocationWorkshop> workshops, IReadOnlyList<AllocationSlot> slots,
        IReadOnlyDictionary<(int Workshop, int Slot), int> room, int perClass)
    {
        var model = new CpModel();
        var x = new List<(AllocationWorkshop Workshop, AllocationSlot Slot, BoolVar Var)>();
        foreach (var w in workshops)
            foreach (var s in slots)
                if (AllocationProblem.Fits(c, w, s) && room.GetValueOrDefault((w.Id, s.Id), w.Capacity) >= c.Pupils)
                    x.Add((w, s, model.NewBoolVar("")));
        if (x.Select(v => v.Workshop.Id).Distinct().Count() < perClass)
            return null;
        model.Add(LinearExpr.Sum(x.Select(v => v.Var)) == perClass);
        foreach (var perWorkshop in x.GroupBy(v => v.Workshop.Id))
            model.AddAtMostOne(perWorkshop.Select(v => v.Var));
        // As in the allocator: intervals overlap only if some start lies inside both.
        foreach (var start in x.Select(v => v.Slot.Start).Distinct())
        {
            var covering = x.Where(v => v.Slot.Start <= start && start < AllocationProblem.EndOf(v.Workshop, v.Slot)).Select(v => v.Var).ToList();
            if (covering.Count > 1)
                model.AddAtMostOne(covering);
        }
        model.Maximize(LinearExpr.WeightedSum(x.Select(v => v.Var), x.Select(v => (long)AllocationProblem.Weight(c, v.Workshop.Id))));
        // A single class over at most a few hundred sessions: one worker proves the optimum in milliseconds.
        var solver = new CpSolver { StringParameters = "max_time_in_seconds:5,num_workers:1,random_seed:1" };
        var status = solver.Solve(model);
        return status is CpSolverStatus.Optimal or CpSolverStatus.Feasible
            ? x.Where(v => solver.BooleanValue(v.Var)).Select(v => new Placement(c.Id, v.Workshop.Id, v.Slot.Id)).ToList()
            : null;
    }
}
