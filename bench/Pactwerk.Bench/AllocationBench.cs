using System.Globalization;
using System.Text;
using System.Text.Json;
using Pactwerk.Web.Features.WorkshopDays;

/// <summary>
/// The workshop-day allocation on a Driedaagse-sized instance: CP-SAT (<see cref="WorkshopAllocator"/>) against a greedy
/// first-come allocation in the same run, both checked for capacity by a plain count here.
/// </summary>
internal static class AllocationBench
{
    public static int Run(string[] args, string repository)
    {
        int pupils = 0, workshops = 0, days = 0, seconds = 10, seed = 2018;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var ok = int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0;
            switch (args[i])
            {
                case "--pupils" when ok: pupils = n; break;
                case "--workshops" when ok: workshops = n; break;
                case "--days" when ok: days = n; break;
                case "--seconds" when ok: seconds = n; break;
                case "--seed" when ok: seed = n; break;
                default: pupils = 0; i = args.Length; break;
            }
        }
        if (pupils < 100 || workshops < days || days < 1 || args.Length % 2 != 0)
        {
            Console.Error.WriteLine("allocation --pupils N (≥ 100) --workshops W --days D [--seconds 10] [--seed 2018]");
            return 2;
        }
        var problem = Instance(pupils, workshops, days, seed);
        Console.WriteLine($"Instance: {problem.Classes.Count} classes, {problem.Classes.Sum(c => c.Pupils)} pupils, {problem.Classes.Select(c => c.School).Distinct().Count()} schools, " +
                          $"{problem.Workshops.Count} workshops, {problem.Slots.Count} slots, {problem.WorkshopsPerClass} workshops per class, {Environment.ProcessorCount} cores");

        var greedyClock = System.Diagnostics.Stopwatch.StartNew();
        var greedy = FirstComeAllocator.Place(problem);
        greedyClock.Stop();
        var solved = WorkshopAllocator.Solve(problem, TimeSpan.FromSeconds(seconds));
        // The same budget without the fairness level: what "no school left behind" costs in total points, and whether
        // the solver's bound is tight even without it (if not, the gap is the bound's, not the schedule's).
        var unfair = WorkshopAllocator.Solve(problem, TimeSpan.FromSeconds(seconds), fair: false);

        var rows = new[]
        {
            Row("CP-SAT (worst school first, then total)", problem, solved.Placements, solved.Elapsed),
            Row("CP-SAT without fairness (total only)", problem, unfair.Placements, unfair.Elapsed),
            Row("greedy first-come", problem, greedy, greedyClock.Elapsed),
        };
        var gap = solved.Gap;
        Console.WriteLine($"CP-SAT status {solved.Status}: objective {solved.Objective}, bound {solved.Bound}, gap {gap:P2}, worst school {solved.WorstSchoolPerMille / 10.0:F1} %, time {solved.Elapsed.TotalSeconds:F2} s");
        Console.WriteLine($"{"method",-42} {"time s",8} {"placed",8} {"1st choices",12} {"points",8} {"worst school",13} {"over capacity",14}");
        foreach (var r in rows)
            Console.WriteLine($"{r.Method,-42} {r.Seconds,8:F2} {r.PlacedShare,8:P1} {r.FirstChoices,12} {r.Points,8} {r.WorstSchool,13:P1} {r.OverCapacity,14}");
        Console.WriteLine($"Without fairness: objective {unfair.Objective}, bound {unfair.Bound}, gap {unfair.Gap:P2}; fairness costs at most {(unfair.Bound - solved.Objective) / (double)unfair.Bound:P1} and at least {Math.Max(0, unfair.Objective - solved.Objective) / (double)Math.Max(1, unfair.Objective):P1} of the total");
        var ratio = rows[2].FirstChoices == 0 ? double.NaN : rows[0].FirstChoices / (double)rows[2].FirstChoices;
        Console.WriteLine($"First choices CP-SAT / greedy: {ratio:F2}; goal: gap ≤ 1 % in < 10 s → {(solved.Placements.Count > 0 && gap <= 0.01 && solved.Elapsed.TotalSeconds < 10 ? "met" : "NOT met")}");

        var results = Path.Combine(repository, "bench", "results");
        Directory.CreateDirectory(results);
        File.WriteAllText(Path.Combine(results, $"allocation-{pupils}-{workshops}-{days}.json"), JsonSerializer.Serialize(new
        {
            pupils = problem.Classes.Sum(c => c.Pupils), classes = problem.Classes.Count, workshops, days, slots = problem.Slots.Count, cores = Environment.ProcessorCount,
            status = solved.Status.ToString(), objective = solved.Objective, bound = solved.Bound, gap, seconds = solved.Elapsed.TotalSeconds,
            worstSchoolPerMille = solved.WorstSchoolPerMille, firstChoiceRatio = ratio, unfairObjective = unfair.Objective, unfairBound = unfair.Bound, methods = rows,
        }, new JsonSerializerOptions { WriteIndented = true }));
        return rows.Any(r => r.OverCapacity > 0) && rows[0].OverCapacity > 0 ? 1 : 0;
    }

    private sealed record Result(string Method, double Seconds, double PlacedShare, int FirstChoices, int Points, double WorstSchool, int OverCapacity);

    private static Result Row(string method, AllocationProblem problem, IReadOnlyList<Placement> placements, TimeSpan time)
    {
        var classes = problem.Classes.ToDictionary(c => c.Id);
        var capacity = problem.Workshops.ToDictionary(w => w.Id, w => w.Capacity);
        var over = placements.GroupBy(p => (p.WorkshopId, p.SlotId)).Count(g => g.Sum(p => classes[p.ClassId].Pupils) > capacity[g.Key.WorkshopId]);
        var firsts = problem.Classes.Count(c => c.Preferences.Count > 0 && placements.Any(p => p.ClassId == c.Id && p.WorkshopId == c.Preferences[0]));
        var points = placements.Sum(p => AllocationProblem.Weight(classes[p.ClassId], p.WorkshopId));
        var worst = problem.Classes.GroupBy(c => c.School).Min(g =>
        {
            var ids = g.Select(c => c.Id).ToHashSet();
            return placements.Where(p => ids.Contains(p.ClassId)).Sum(p => AllocationProblem.Weight(classes[p.ClassId], p.WorkshopId)) / (double)g.Sum(problem.BestPossible);
        });
        return new Result(method, time.TotalSeconds, placements.Count / (double)(problem.Classes.Count * problem.WorkshopsPerClass), firsts, points, worst, over);
    }

    /// <summary>
    /// A Driedaagse-like instance: classes of 18–32 pupils, four slots a day (09:00, 10:15, 11:30, 13:00) of 60-minute
    /// workshops for one or two classes; most classes stay all day, some come later or leave earlier; preferences
    /// drawn with a strong skew to popular workshops (programming and bricklaying fill first), schools of 2–6 classes.
    /// </summary>
    public static AllocationProblem Instance(int pupils, int workshopCount, int days, int seed)
    {
        var random = new Random(seed);
        var starts = new[] { 9 * 60, 10 * 60 + 15, 11 * 60 + 30, 13 * 60 };
        var slots = Enumerable.Range(0, days).SelectMany(d => starts.Select((s, i) => new AllocationSlot(d * 10 + i + 1, d + 1, s))).ToList();
        var workshops = Enumerable.Range(0, workshopCount).Select(i => new AllocationWorkshop(i + 1, i % days + 1, random.Next(2) == 0 ? 32 : 64, 60)).ToList();
        var classes = new List<AllocationClass>();
        var (school, left, total) = (1, random.Next(2, 7), 0);
        while (total < pupils)
        {
            var size = Math.Min(random.Next(18, 33), Math.Max(18, pupils - total));
            var day = classes.Count % days + 1;
            var ofDay = workshops.Where(w => w.Day == day).ToList();
            // Popularity: the weight of the k-th workshop of the day falls off like 1/(k+1).
            var preferences = new List<int>();
            while (preferences.Count < 5)
            {
                var pick = ofDay[Math.Min(ofDay.Count - 1, (int)Math.Floor(Math.Pow(random.NextDouble(), 2.2) * ofDay.Count))].Id;
                if (!preferences.Contains(pick))
                    preferences.Add(pick);
            }
            var (arrival, departure) = random.Next(6) switch { 0 => (10 * 60 + 15, 14 * 60 + 15), 1 => (9 * 60, 12 * 60 + 45), _ => (9 * 60, 14 * 60 + 15) };
            classes.Add(new AllocationClass(classes.Count + 1, school, size, day, arrival, departure, preferences));
            total += size;
            if (--left == 0)
                (school, left) = (school + 1, random.Next(2, 7));
        }
        return new AllocationProblem(classes, workshops, slots, 3, []);
    }
}
