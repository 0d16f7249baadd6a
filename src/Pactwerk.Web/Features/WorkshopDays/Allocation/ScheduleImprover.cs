namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// Improves a complete, valid schedule of one day by simulated annealing on small changes — a class moves one of its
/// workshops to another session, or two classes exchange sessions — keeping every hard rule (the class's number of
/// workshops, no overlap, no workshop twice, capacity, pins) and every school at or above a fairness level, and raising
/// the total of rank points. It is the solver's starting point, not its replacement: CP-SAT starts from what this finds
/// and proves how far it can still be from the best.
/// </summary>
/// <remarks>
/// Why: CP-SAT's bound on a day is near the optimum within seconds, but with the fairness level held its own search
/// needs about three times the budget to find a schedule that close. Thousands of cheap exchanges a millisecond find one
/// in well under a second, so the solver's time goes to improving and proving.
/// </remarks>
public static class ScheduleImprover
{
    /// <param name="start">A complete schedule that keeps every rule and holds every school at <paramref name="worstPerMille"/> or more.</param>
    /// <param name="budget">Wall time at most: on a loaded machine the cooling follows the clock, so a short budget still ends cold.</param>
    /// <returns>The best schedule met, never worse than <paramref name="start"/>; the same for the same input and seed when the budget is not reached.</returns>
    public static List<Placement> Improve(AllocationProblem problem, IReadOnlyList<Placement> start, int worstPerMille, int iterations, TimeSpan budget, int seed = 1)
    {
        var classes = problem.Classes.ToList();
        var classIndex = classes.Select((c, i) => (c.Id, i)).ToDictionary(t => t.Id, t => t.i);
        var workshops = problem.Workshops.ToList();
        var workshopIndex = workshops.Select((w, i) => (w.Id, i)).ToDictionary(t => t.Id, t => t.i);
        var slots = problem.Slots.ToList();
        var slotIndex = slots.Select((s, i) => (s.Id, i)).ToDictionary(t => t.Id, t => t.i);
        int nW = workshops.Count, nS = slots.Count, nC = classes.Count;
        var pinned = problem.Pinned.ToHashSet();

        // Sessions are (workshop, slot) pairs numbered w * nS + s.
        var fill = new int[nW * nS];
        var members = new List<int>[nW * nS];
        for (var i = 0; i < members.Length; i++)
            members[i] = [];
        var schedule = new List<int>[nC];
        var locked = new List<bool>[nC];
        for (var i = 0; i < nC; i++)
            (schedule[i], locked[i]) = ([], []);
        foreach (var p in start)
        {
            var c = classIndex[p.ClassId];
            var session = workshopIndex[p.WorkshopId] * nS + slotIndex[p.SlotId];
            schedule[c].Add(session);
            locked[c].Add(pinned.Contains(p));
            fill[session] += classes[c].Pupils;
            members[session].Add(c);
        }
        // The sessions each class may take at all (day, its window, a workshop that can hold it).
        var options = new int[nC][];
        var weight = new int[nC][];
        for (var c = 0; c < nC; c++)
        {
            var cls = classes[c];
            options[c] = [.. from w in Enumerable.Range(0, nW) from s in Enumerable.Range(0, nS)
                             where AllocationProblem.Fits(cls, workshops[w], slots[s]) select w * nS + s];
            weight[c] = [.. workshops.Select(w => AllocationProblem.Weight(cls, w.Id))];
        }
        var schoolOf = new int[nC];
        var schools = classes.Select(c => c.School).Distinct().ToList();
        for (var c = 0; c < nC; c++)
            schoolOf[c] = schools.IndexOf(classes[c].School);
        var schoolPoints = new long[schools.Count];
        var schoolFloor = new long[schools.Count];
        for (var k = 0; k < schools.Count; k++)
            schoolFloor[k] = (long)worstPerMille * classes.Where(c => c.School == schools[k]).Sum(problem.BestPossible);
        for (var c = 0; c < nC; c++)
            foreach (var session in schedule[c])
                schoolPoints[schoolOf[c]] += weight[c][session / nS];

        int Start(int session) => slots[session % nS].Start;
        int End(int session) => slots[session % nS].Start + workshops[session / nS].Duration;
        // Whether class c may hold `session` in place of its i-th session (and, when given, of nothing else changing).
        bool Compatible(int c, int i, int session)
        {
            var list = schedule[c];
            for (var j = 0; j < list.Count; j++)
            {
                if (j == i)
                    continue;
                var other = list[j];
                if (other / nS == session / nS || (Start(other) < End(session) && Start(session) < End(other)))
                    return false;
            }
            return true;
        }

        var random = new Random(seed);
        var best = schedule.Select(l => l.ToList()).ToArray();
        long total = schoolPoints.Sum(), bestTotal = total;
        double t0 = 2.0, t1 = 0.05;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var progress = 0.0;
        for (var it = 0; it < iterations && progress < 1; it++)
        {
            // The clock is read every 4,096 steps only: reading it costs as much as a step.
            if ((it & 4095) == 0)
                progress = Math.Max(it / (double)iterations, clock.Elapsed / budget);
            var temperature = t0 * Math.Pow(t1 / t0, Math.Max(progress, it / (double)iterations));
            var c = random.Next(nC);
            if (schedule[c].Count == 0)
                continue;
            var i = random.Next(schedule[c].Count);
            if (locked[c][i])
                continue;
            if (random.Next(8) == 0 && schedule[c].Count > 1)
            {
                // The class swaps the times of two of its workshops: neither move alone is possible when the times are taken.
                var j = random.Next(schedule[c].Count - 1);
                if (j >= i)
                    j++;
                if (locked[c][j])
                    continue;
                int a = schedule[c][i], b = schedule[c][j];
                int a2 = (a / nS) * nS + b % nS, b2 = (b / nS) * nS + a % nS;
                if (a2 == a || !AllocationProblem.Fits(classes[c], workshops[a2 / nS], slots[a2 % nS]) || !AllocationProblem.Fits(classes[c], workshops[b2 / nS], slots[b2 % nS])
                    || fill[a2] + classes[c].Pupils > workshops[a2 / nS].Capacity || fill[b2] + classes[c].Pupils > workshops[b2 / nS].Capacity)
                    continue;
                schedule[c][i] = a2;
                schedule[c][j] = b2;
                var clash = !Compatible(c, i, a2) || !Compatible(c, j, b2);
                schedule[c][i] = a;
                schedule[c][j] = b;
                if (clash)
                    continue;
                Move(c, i, a, a2);
                Move(c, j, b, b2);
                continue;
            }
            var from = schedule[c][i];
            var to = options[c][random.Next(options[c].Length)];
            if (to == from || !Compatible(c, i, to))
                continue;
            var gain = weight[c][to / nS] - weight[c][from / nS];
            var cap = workshops[to / nS].Capacity;
            if (fill[to] + classes[c].Pupils <= cap)
            {
                // A plain move into room that is free.
                if (!Accept(gain, temperature) || !FloorHolds(schoolOf[c], gain))
                    continue;
                Move(c, i, from, to);
                schoolPoints[schoolOf[c]] += gain;
                total += gain;
            }
            else
            {
                // An exchange: a class in the full session takes c's place.
                var occupants = members[to];
                var d = occupants[random.Next(occupants.Count)];
                var j = schedule[d].IndexOf(to);
                if (d == c || locked[d][j] || fill[to] - classes[d].Pupils + classes[c].Pupils > cap
                    || fill[from] - classes[c].Pupils + classes[d].Pupils > workshops[from / nS].Capacity
                    || !AllocationProblem.Fits(classes[d], workshops[from / nS], slots[from % nS]) || !Compatible(d, j, from))
                    continue;
                var gainD = weight[d][from / nS] - weight[d][to / nS];
                if (!Accept(gain + gainD, temperature))
                    continue;
                if (schoolOf[c] == schoolOf[d] ? !FloorHolds(schoolOf[c], gain + gainD) : !FloorHolds(schoolOf[c], gain) || !FloorHolds(schoolOf[d], gainD))
                    continue;
                Move(c, i, from, to);
                Move(d, j, to, from);
                schoolPoints[schoolOf[c]] += gain;
                schoolPoints[schoolOf[d]] += gainD;
                total += gain + gainD;
            }
            if (total > bestTotal)
            {
                bestTotal = total;
                for (var k = 0; k < nC; k++)
                {
                    best[k].Clear();
                    best[k].AddRange(schedule[k]);
                }
            }
        }
        return [.. Enumerable.Range(0, nC).SelectMany(c => best[c].Select(session =>
            new Placement(classes[c].Id, workshops[session / nS].Id, slots[session % nS].Id)))];

        bool Accept(int delta, double temperature) => delta >= 0 || random.NextDouble() < Math.Exp(delta / temperature);
        bool FloorHolds(int school, int delta) => (schoolPoints[school] + delta) * 1000 >= schoolFloor[school];
        void Move(int c, int i, int from, int to)
        {
            schedule[c][i] = to;
            fill[from] -= classes[c].Pupils;
            fill[to] += classes[c].Pupils;
            members[from].Remove(c);
            members[to].Add(c);
        }
    }
}
