using System.Diagnostics;
using Google.OrTools.Sat;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// Places classes into workshop sessions with Google OR-Tools CP-SAT. One boolean per (class, session the class
/// fits); hard rules: exactly <see cref="AllocationProblem.WorkshopsPerClass"/> sessions per class, no two of a
/// class's sessions overlap in time, no session holds more pupils than the workshop's capacity, no class in the
/// same workshop twice, pinned placements kept.
/// </summary>
/// <remarks>
/// <para>Each day is its own problem: a class comes on one day and a day's workshops run only that day, so the days
/// are solved one after the other, each with its share of the time budget (what a day leaves unused goes to the
/// next). A model a third of the size lets CP-SAT prove its bound within seconds, where the whole event's model left
/// a gap of 7–8 % in 10 s.</para>
/// <para>Fairness is lexicographic, in two solves per day. First the worst-off school's satisfaction on that day
/// (the rank points of its classes that day as a share, in per mille, of the points they could at best earn) is
/// maximised; then, with every school held at least at that level, the total of rank points. A single weighted sum
/// would let a few large schools' first choices outweigh a small school left with only its last choices — exactly
/// what the pact wants to avoid — while "worst school first" guarantees that no school is sacrificed and still uses
/// all remaining room for the total. Fairness per school and day is stricter than per school alone: a school that
/// comes on two days is not left with its last choices on either, so a small group on one day is never traded for
/// the school's larger group on another. The recorded objective and bound are the days' sums of the second solves,
/// so the gap says how far the total may still be from the best total at those fairness levels.</para>
/// <para>Between the two solves <see cref="ScheduleImprover"/> improves the fairness phase's schedule by local search at
/// the same fairness level, and the second solve starts from that. With the fairness level held, CP-SAT's own search
/// needed about three times the 10 s budget to find a schedule within 1 % of its bound on a Driedaagse-sized event;
/// the local search finds one as good in a fraction of a second (measured in <c>bench -- allocation</c>), so the second
/// solve's time goes to better schedules near it and to the bound.</para>
/// </remarks>
public static class WorkshopAllocator
{
    /// <summary>The share of the time budget the fairness phase may use; it usually proves its optimum well before.</summary>
    public static double PhaseOneShare { get; set; } = 0.3;
    /// <summary>The share of a day's budget the local search may use before the second solve (it usually needs far less).</summary>
    public static double ImproverShare { get; set; } = 0.15;
    /// <summary>Local-search steps per class: about six million for a Driedaagse day of forty classes, half a second on this machine (a third of that left the second solve further from the best: bench -- allocation).</summary>
    public static int ImproverStepsPerClass { get; set; } = 150_000;
    /// <summary>CP-SAT workers at least (its portfolio pairs search strategies with bound-proving workers).</summary>
    public static int Workers { get; set; } = int.TryParse(Environment.GetEnvironmentVariable("PACTWERK_CPSAT_WORKERS"), out var n) && n > 0 ? n : 2;

    /// <param name="fair">False leaves the worst school's level out (the total alone is maximised): for the bench, which measures what fairness costs.</param>
    public static AllocationResult Solve(AllocationProblem problem, TimeSpan timeLimit, int workers = 0, bool fair = true)
    {
        var clock = Stopwatch.StartNew();
        var days = problem.Classes.GroupBy(c => c.Day).OrderBy(g => g.Key).ToList();
        var results = new List<AllocationResult>();
        var classesLeft = problem.Classes.Count;
        foreach (var day in days)
        {
            var share = (timeLimit - clock.Elapsed) * ((double)day.Count() / classesLeft);
            classesLeft -= day.Count();
            var ids = day.Select(c => c.Id).ToHashSet();
            var ofDay = new AllocationProblem([.. day], [.. problem.Workshops.Where(w => w.Day == day.Key)], [.. problem.Slots.Where(s => s.Day == day.Key)],
                problem.WorkshopsPerClass, [.. problem.Pinned.Where(p => ids.Contains(p.ClassId))]);
            var result = SolveDay(ofDay, share > TimeSpan.FromMilliseconds(1) ? share : TimeSpan.FromMilliseconds(1), workers, fair);
            if (result.Status is AllocationStatus.Infeasible or AllocationStatus.NoSolutionInTime)
                return result with { Elapsed = clock.Elapsed };
            results.Add(result);
        }
        List<Placement> placements = [.. results.SelectMany(r => r.Placements)];
        return new AllocationResult(results.All(r => r.Status == AllocationStatus.Optimal) ? AllocationStatus.Optimal : AllocationStatus.Feasible,
            placements, results.Sum(r => r.Objective), results.Sum(r => r.Bound), WorstSchool(problem, placements), clock.Elapsed);
    }

    /// <summary>One day's classes, workshops and slots: the model and its two solves.</summary>
    private static AllocationResult SolveDay(AllocationProblem problem, TimeSpan timeLimit, int workers, bool fair)
    {
        var clock = Stopwatch.StartNew();
        var workshops = problem.Workshops.ToDictionary(w => w.Id);
        var slotsByDay = problem.Slots.GroupBy(s => s.Day).ToDictionary(g => g.Key, g => g.ToList());
        var pinned = problem.Pinned.ToHashSet();

        var model = new CpModel();
        var x = new List<(AllocationClass Class, AllocationWorkshop Workshop, AllocationSlot Slot, BoolVar Var)>();
        foreach (var c in problem.Classes)
            foreach (var w in problem.Workshops.Where(w => w.Day == c.Day))
                foreach (var s in slotsByDay.GetValueOrDefault(c.Day, []))
                    if (AllocationProblem.Fits(c, w, s) || pinned.Contains(new Placement(c.Id, w.Id, s.Id)))
                        x.Add((c, w, s, model.NewBoolVar("")));

        foreach (var perClass in x.GroupBy(v => v.Class.Id))
        {
            model.Add(LinearExpr.Sum(perClass.Select(v => v.Var)) == problem.WorkshopsPerClass);
            foreach (var perWorkshop in perClass.GroupBy(v => v.Workshop.Id))
                model.Add(LinearExpr.Sum(perWorkshop.Select(v => v.Var)) <= 1);
            // Intervals on a line overlap only if some start lies inside both: one "at most one" per start covers every overlap.
            foreach (var start in perClass.Select(v => v.Slot.Start).Distinct())
            {
                var covering = perClass.Where(v => v.Slot.Start <= start && start < AllocationProblem.EndOf(v.Workshop, v.Slot)).Select(v => v.Var).ToList();
                if (covering.Count > 1)
                    model.AddAtMostOne(covering);
            }
        }
        var placeable = x.Select(v => v.Class.Id).ToHashSet();
        if (problem.Classes.Any(c => !placeable.Contains(c.Id)))
            return new AllocationResult(AllocationStatus.Infeasible, [], 0, 0, 0, clock.Elapsed);
        foreach (var session in x.GroupBy(v => (v.Workshop.Id, v.Slot.Id)))
        {
            var capacity = workshops[session.Key.Item1].Capacity;
            model.Add(LinearExpr.WeightedSum(session.Select(v => v.Var), session.Select(v => (long)v.Class.Pupils)) <= capacity);
            // The same rule in counts: k + 1 classes of more than capacity / (k + 1) pupils never fit. The pupils sum alone
            // lets the LP relaxation put fractions of classes in a session; these cuts give the solver a bound near the
            // true optimum, which is what lets it prove a schedule good within seconds.
            for (var k = 1; k < session.Count(); k++)
            {
                var big = session.Where(v => v.Class.Pupils * (k + 1) > capacity).Select(v => v.Var).ToList();
                if (big.Count <= k)
                    break;
                if (k == 1)
                    model.AddAtMostOne(big);
                else
                    model.Add(LinearExpr.Sum(big) <= k);
            }
        }
        foreach (var v in x.Where(v => pinned.Contains(new Placement(v.Class.Id, v.Workshop.Id, v.Slot.Id))))
            model.Add(v.Var == 1);

        var weighted = x.Where(v => AllocationProblem.Weight(v.Class, v.Workshop.Id) > 0).ToList();
        var total = LinearExpr.WeightedSum(weighted.Select(v => v.Var), weighted.Select(v => (long)AllocationProblem.Weight(v.Class, v.Workshop.Id)));

        // Phase 1: the worst school's share, per mille. S_school * 1000 >= worst * Best_school for every school that asked for something.
        var worst = model.NewIntVar(0, 1000, "worst");
        foreach (var school in problem.Classes.GroupBy(c => c.School))
        {
            var best = school.Sum(problem.BestPossible);
            if (best == 0)
                continue;
            var ids = school.Select(c => c.Id).ToHashSet();
            var mine = weighted.Where(v => ids.Contains(v.Class.Id)).ToList();
            model.Add(LinearExpr.WeightedSum(mine.Select(v => v.Var), mine.Select(v => 1000L * AllocationProblem.Weight(v.Class, v.Workshop.Id))) >= LinearExpr.Term(worst, best));
        }
        if (!fair)
            model.Add(worst == 0);
        model.Maximize(worst);
        // Start the search from the first-come schedule: most of it is usually valid, and CP-SAT repairs the rest.
        var firstCome = FirstComeAllocator.Place(problem);
        var hinted = firstCome.ToHashSet();
        foreach (var v in x)
            model.AddHint(v.Var, hinted.Contains(new Placement(v.Class.Id, v.Workshop.Id, v.Slot.Id)));
        var solver = new CpSolver();
        // CP-SAT's portfolio needs several workers to pair its search strategies with bound-proving LP workers; 8 is its own default.
        var workerCount = workers > 0 ? workers : Math.Max(Environment.ProcessorCount, Workers);
        solver.StringParameters = $"max_time_in_seconds:{(timeLimit.TotalSeconds * PhaseOneShare).ToString(System.Globalization.CultureInfo.InvariantCulture)},num_workers:{workerCount},random_seed:1";
        var first = solver.Solve(model);
        // No schedule yet in the fairness phase's share: it may use the rest of the budget, leaving none for the total.
        if (first == CpSolverStatus.Unknown && timeLimit - clock.Elapsed > TimeSpan.FromSeconds(0.5))
        {
            solver.StringParameters = $"max_time_in_seconds:{(timeLimit - clock.Elapsed).TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)},num_workers:{workerCount},random_seed:1";
            first = solver.Solve(model);
        }
        if (first is CpSolverStatus.Infeasible or CpSolverStatus.ModelInvalid)
            return new AllocationResult(AllocationStatus.Infeasible, [], 0, 0, 0, clock.Elapsed);
        if (first is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            // No schedule from the solver in the whole budget (a loaded machine): the first-come schedule is still a
            // valid one when it places every class within capacity, and better than none; its bound is the plain
            // "every class its best choices", so the gap stays honest.
            return IsComplete(problem, firstCome)
                ? new AllocationResult(AllocationStatus.Feasible, firstCome, Points(problem, firstCome), problem.Classes.Sum(problem.BestPossible), WorstSchool(problem, firstCome), clock.Elapsed)
                : new AllocationResult(AllocationStatus.NoSolutionInTime, [], 0, 0, 0, clock.Elapsed);
        }
        var worstValue = (int)solver.Value(worst);

        // Phase 2: every school at least at the worst level found, the total of rank points as high as possible.
        model.Add(worst >= worstValue);
        model.Maximize(total);
        // Start from the first solution improved by local search, so the second solve never ends with less than it and
        // spends its time on what only it can do: better schedules near a good one, and the bound that proves how good.
        var firstPlacements = ScheduleImprover.Improve(problem,
            [.. x.Where(v => solver.BooleanValue(v.Var)).Select(v => new Placement(v.Class.Id, v.Workshop.Id, v.Slot.Id))],
            worstValue, ImproverStepsPerClass * problem.Classes.Count, timeLimit * ImproverShare);
        var hint = firstPlacements.ToHashSet();
        model.ClearHints();
        foreach (var v in x)
            model.AddHint(v.Var, hint.Contains(new Placement(v.Class.Id, v.Workshop.Id, v.Slot.Id)));
        var remaining = Math.Max(0.5, timeLimit.TotalSeconds - clock.Elapsed.TotalSeconds);
        solver.StringParameters = $"max_time_in_seconds:{remaining.ToString(System.Globalization.CultureInfo.InvariantCulture)},num_workers:{workerCount},random_seed:1,{PhaseTwoSubsolvers(workerCount)}";
        var second = solver.Solve(model);
        // The second solve found nothing better in its time (not even its hint again): the improved fairness-phase schedule stands.
        if (second is not (CpSolverStatus.Optimal or CpSolverStatus.Feasible))
        {
            var bound = second == CpSolverStatus.Unknown && double.IsFinite(solver.BestObjectiveBound) && solver.BestObjectiveBound > 0
                ? (long)Math.Floor(solver.BestObjectiveBound + 1e-6) : problem.Classes.Sum(problem.BestPossible);
            return new AllocationResult(AllocationStatus.Feasible, firstPlacements, Points(problem, firstPlacements), bound, WorstSchool(problem, firstPlacements), clock.Elapsed);
        }
        var placements = x.Where(v => solver.BooleanValue(v.Var)).Select(v => new Placement(v.Class.Id, v.Workshop.Id, v.Slot.Id)).ToList();
        // The objective is counted from the placements themselves, not taken from the solver's response: under a time
        // limit on a loaded machine the response once reported 8 points fewer than its own solution earned, and the
        // coordinator's figure must be the schedule's. The fairness phase's schedule stands if it is the better one.
        var (chosen, points) = Points(problem, placements) is var secondPoints && secondPoints >= Points(problem, firstPlacements)
            ? (placements, secondPoints) : (firstPlacements, Points(problem, firstPlacements));
        var proven = Math.Max(points, (long)Math.Floor(solver.BestObjectiveBound + 1e-6));
        return new AllocationResult(second == CpSolverStatus.Optimal && chosen == placements ? AllocationStatus.Optimal : AllocationStatus.Feasible, chosen,
            points, proven, WorstSchool(problem, chosen), clock.Elapsed);
    }

    /// <summary>
    /// The second solve's full-problem workers: both prove bounds. With two workers CP-SAT's own portfolio gives one to
    /// its default LP search and the other to neighbourhood searches, which look for better schedules; the local search
    /// has already found one within a point or two of the best (bench -- allocation, per day), so what decides the gap is
    /// the bound. <c>max_lp</c> (the fuller linear relaxation with its cuts) and <c>lb_tree_search</c> (a search that
    /// raises the bound node by node) brought the event's bound from 1,106–1,107 to 1,099–1,103 in the same 9 s and the
    /// gap under 1 % in 21 of 24 runs, where the default met it in about half. They still find schedules (the hint first),
    /// and a machine with more cores gives its further workers to CP-SAT's neighbourhood searches as before.
    /// </summary>
    private static string PhaseTwoSubsolvers(int workers) =>
        $"subsolvers:\"max_lp\",subsolvers:\"lb_tree_search\",num_full_subsolvers:{Math.Min(2, workers)}";

    private static long Points(AllocationProblem problem, IReadOnlyList<Placement> placements)
    {
        var classes = problem.Classes.ToDictionary(c => c.Id);
        return placements.Sum(p => (long)AllocationProblem.Weight(classes[p.ClassId], p.WorkshopId));
    }

    private static int WorstSchool(AllocationProblem problem, IReadOnlyList<Placement> placements) =>
        problem.Classes.GroupBy(c => c.School).Select(g => (Best: g.Sum(problem.BestPossible), Ids: g.Select(c => c.Id).ToHashSet()))
            .Where(g => g.Best > 0).Select(g => (int)(Points(problem, placements.Where(p => g.Ids.Contains(p.ClassId)).ToList()) * 1000 / g.Best))
            .DefaultIfEmpty(1000).Min();

    /// <summary>Every class its full number of workshops, no session over capacity, every pin kept (overlaps and repeats the first-come rule never makes).</summary>
    private static bool IsComplete(AllocationProblem problem, IReadOnlyList<Placement> placements)
    {
        var pupils = problem.Classes.ToDictionary(c => c.Id, c => c.Pupils);
        var capacity = problem.Workshops.ToDictionary(w => w.Id, w => w.Capacity);
        return problem.Classes.All(c => placements.Count(p => p.ClassId == c.Id) == problem.WorkshopsPerClass)
            && placements.GroupBy(p => (p.WorkshopId, p.SlotId)).All(g => g.Sum(p => pupils[p.ClassId]) <= capacity[g.Key.WorkshopId])
            && problem.Pinned.All(placements.Contains);
    }
}
