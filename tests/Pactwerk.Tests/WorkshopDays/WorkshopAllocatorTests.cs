using Pactwerk.Web.Features.WorkshopDays;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// The optimiser against an independent checker of every rule, and on tiny instances against brute force: every
/// possible schedule enumerated, the fairest (worst school first) and then the best total taken.
/// </summary>
public sealed class WorkshopAllocatorTests
{
    private static AllocationProblem Tiny(int seed, int perClass = 2, IReadOnlyList<Placement>? pins = null)
    {
        var random = new Random(seed);
        var workshops = Enumerable.Range(1, 3).Select(i => new AllocationWorkshop(i, 1, random.Next(20, 50), i == 3 ? 90 : 60)).ToList();
        var slots = new[] { new AllocationSlot(1, 1, 9 * 60), new AllocationSlot(2, 1, 10 * 60), new AllocationSlot(3, 1, 11 * 60) };
        var classes = Enumerable.Range(1, 3).Select(i => new AllocationClass(i, (i + 1) / 2, random.Next(15, 26), 1, 9 * 60, i == 3 ? 11 * 60 + 30 : 12 * 60,
            workshops.Select(w => w.Id).OrderBy(_ => random.Next()).Take(random.Next(2, 4)).ToList())).ToList();
        return new AllocationProblem(classes, workshops, slots, perClass, pins ?? []);
    }

    /// <summary>Every schedule: per class every set of sessions of the right size, combined across classes; the best by worst school then points, or by points alone when not <paramref name="fair"/>.</summary>
    private static (int Worst, int Points)? BruteForce(AllocationProblem problem, bool fair = true)
    {
        (int, int)? best = null;
        foreach (var schedule in AllSchedules(problem))
        {
            var score = (AllocationChecker.WorstSchool(problem, schedule), AllocationChecker.Points(problem, schedule));
            if (best is null || (fair ? score.CompareTo(best.Value) > 0 : score.Item2 > best.Value.Item2))
                best = score;
        }
        return best;
    }

    private static IEnumerable<List<Placement>> Subsets(List<Placement> items, int size, int from = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }
        for (var i = from; i <= items.Count - size; i++)
            foreach (var rest in Subsets(items, size - 1, i + 1))
                yield return [items[i], .. rest];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void On_a_tiny_instance_the_solver_finds_the_brute_force_optimum_and_breaks_no_rule(int seed)
    {
        var problem = Tiny(seed);
        var result = WorkshopAllocator.Solve(problem, TimeSpan.FromSeconds(5));
        var expected = BruteForce(problem);
        Assert.NotNull(expected);
        Assert.Equal(AllocationStatus.Optimal, result.Status);
        Assert.Empty(AllocationChecker.Violations(problem, result.Placements));
        Assert.Equal(expected.Value.Worst, AllocationChecker.WorstSchool(problem, result.Placements));
        Assert.Equal(expected.Value.Points, AllocationChecker.Points(problem, result.Placements));
        Assert.Equal(expected.Value.Points, result.Objective);
        Assert.Equal(result.Objective, result.Bound);
        Assert.Equal(expected.Value.Worst, result.WorstSchoolPerMille);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Without_fairness_the_solver_finds_the_largest_total_which_is_never_below_the_fair_one(int seed)
    {
        var problem = Tiny(seed);
        var unfair = WorkshopAllocator.Solve(problem, TimeSpan.FromSeconds(5), fair: false);
        Assert.Equal(AllocationStatus.Optimal, unfair.Status);
        Assert.Empty(AllocationChecker.Violations(problem, unfair.Placements));
        Assert.Equal(BruteForce(problem, fair: false)!.Value.Points, AllocationChecker.Points(problem, unfair.Placements));
        Assert.True(unfair.Objective >= BruteForce(problem)!.Value.Points);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(3, 4)]
    public void Each_day_is_solved_on_its_own_and_a_school_that_comes_on_two_days_is_held_fair_on_each(int seed1, int seed2)
    {
        // Two tiny days with the same schools: the combined schedule is each day's brute-force optimum (worst school
        // that day first, then the day's total), and the reported total and bound are the days' sums.
        var first = Tiny(seed1);
        var second = OnDay(Tiny(seed2), day: 2, offset: 10);
        var both = new AllocationProblem([.. first.Classes, .. second.Classes], [.. first.Workshops, .. second.Workshops], [.. first.Slots, .. second.Slots], 2, []);

        var result = WorkshopAllocator.Solve(both, TimeSpan.FromSeconds(5));

        Assert.Equal(AllocationStatus.Optimal, result.Status);
        Assert.Empty(AllocationChecker.Violations(both, result.Placements));
        foreach (var day in new[] { first, second })
        {
            var ids = day.Classes.Select(c => c.Id).ToHashSet();
            var mine = result.Placements.Where(p => ids.Contains(p.ClassId)).ToList();
            Assert.Equal(BruteForce(day)!.Value, (AllocationChecker.WorstSchool(day, mine), AllocationChecker.Points(day, mine)));
        }
        Assert.Equal(BruteForce(first)!.Value.Points + BruteForce(second)!.Value.Points, result.Objective);
        Assert.Equal(result.Objective, result.Bound);
        Assert.Equal(AllocationChecker.WorstSchool(both, result.Placements), result.WorstSchoolPerMille);
    }

    /// <summary>The same instance on another day, with its ids moved up so they do not clash with the first day's.</summary>
    private static AllocationProblem OnDay(AllocationProblem p, int day, int offset) =>
        new([.. p.Classes.Select(c => c with { Id = c.Id + offset, Day = day, Preferences = [.. c.Preferences.Select(w => w + offset)] })],
            [.. p.Workshops.Select(w => w with { Id = w.Id + offset, Day = day })], [.. p.Slots.Select(s => s with { Id = s.Id + offset, Day = day })],
            p.WorkshopsPerClass, []);

    [Fact]
    public void A_pinned_placement_is_kept_and_the_rest_still_keeps_every_rule()
    {
        var free = Tiny(5);
        var first = WorkshopAllocator.Solve(free, TimeSpan.FromSeconds(5));
        // Pin class 1 to a session it did not get, one that some valid schedule has (brute force says which).
        var pin = free.Workshops.SelectMany(w => free.Slots.Select(s => new Placement(1, w.Id, s.Id)))
            .First(p => !first.Placements.Contains(p) && BruteForce(free with { Pinned = [p] }) is not null);
        var pinned = free with { Pinned = [pin] };
        var result = WorkshopAllocator.Solve(pinned, TimeSpan.FromSeconds(5));
        Assert.Contains(pin, result.Placements);
        Assert.Empty(AllocationChecker.Violations(pinned, result.Placements));
        Assert.Equal(BruteForce(pinned)!.Value.Points, AllocationChecker.Points(pinned, result.Placements));
    }

    [Fact]
    public void More_pupils_than_places_is_reported_as_infeasible_and_places_nothing()
    {
        var workshops = new[] { new AllocationWorkshop(1, 1, 30, 60), new AllocationWorkshop(2, 1, 30, 60) };
        var slots = new[] { new AllocationSlot(1, 1, 540), new AllocationSlot(2, 1, 600) };
        // Three classes of 25 and two sessions' worth of room per workshop: the third cannot be placed.
        var classes = Enumerable.Range(1, 3).Select(i => new AllocationClass(i, i, 25, 1, 540, 720, [1, 2])).ToList();
        var result = WorkshopAllocator.Solve(new AllocationProblem(classes, workshops, slots, 2, []), TimeSpan.FromSeconds(5));
        Assert.Equal(AllocationStatus.Infeasible, result.Status);
        Assert.Empty(result.Placements);
    }

    [Fact]
    public void Fairness_gives_a_small_school_its_first_choice_before_a_large_school_gets_all_of_its_own_at_an_equal_total()
    {
        // One slot; the popular workshop has room for two of the three classes, and all three want it first. Every choice
        // gives the same total (5 + 5 + 4), but leaving out school 2's only class leaves it at 80 % while school 1 would
        // keep 90 % with one of its two classes moved: worst-school-first must give school 2 its first choice.
        var workshops = new[] { new AllocationWorkshop(1, 1, 50, 60), new AllocationWorkshop(2, 1, 100, 60) };
        var slots = new[] { new AllocationSlot(1, 1, 540) };
        var classes = new[]
        {
            new AllocationClass(1, 1, 25, 1, 540, 600, [1, 2]), new AllocationClass(2, 1, 25, 1, 540, 600, [1, 2]),
            new AllocationClass(4, 2, 25, 1, 540, 600, [1, 2]),
        };
        var problem = new AllocationProblem(classes, workshops, slots, 1, []);
        var result = WorkshopAllocator.Solve(problem, TimeSpan.FromSeconds(5));
        Assert.Contains(new Placement(4, 1, 1), result.Placements);
        Assert.Equal(900, result.WorstSchoolPerMille);
        Assert.Empty(AllocationChecker.Violations(problem, result.Placements));
        Assert.Equal(BruteForce(problem)!.Value, (AllocationChecker.WorstSchool(problem, result.Placements), AllocationChecker.Points(problem, result.Placements)));
    }

    [Fact]
    public void Out_of_time_the_coordinator_still_gets_a_valid_schedule_with_an_honest_bound()
    {
        // Roomy enough that the first-come rule places everyone; a budget too short for the solver to prove anything.
        var random = new Random(5);
        var workshops = Enumerable.Range(1, 24).Select(i => new AllocationWorkshop(i, 1, 64, 60)).ToList();
        var slots = Enumerable.Range(0, 4).Select(i => new AllocationSlot(i + 1, 1, 9 * 60 + i * 75)).ToList();
        var classes = Enumerable.Range(1, 40).Select(i => new AllocationClass(i, (i + 2) / 3, random.Next(18, 33), 1, 9 * 60, 14 * 60 + 15,
            workshops.Select(w => w.Id).OrderBy(_ => random.Next()).Take(5).ToList())).ToList();
        var problem = new AllocationProblem(classes, workshops, slots, 3, []);

        var result = WorkshopAllocator.Solve(problem, TimeSpan.FromMilliseconds(1));

        Assert.Equal(AllocationStatus.Feasible, result.Status);
        Assert.Empty(AllocationChecker.Violations(problem, result.Placements));
        Assert.Equal(AllocationChecker.Points(problem, result.Placements), result.Objective);
        Assert.Equal(AllocationChecker.WorstSchool(problem, result.Placements), result.WorstSchoolPerMille);
        // The bound is never below what was found, and never above every class getting its three best choices.
        Assert.InRange(result.Bound, result.Objective, classes.Count * (5 + 4 + 3));
    }

    /// <summary>Every valid schedule of a tiny instance: per class every set of sessions of the right size that breaks no rule for that class alone, combined across classes, kept when the whole breaks no rule (capacity, pins).</summary>
    private static List<List<Placement>> AllSchedules(AllocationProblem problem)
    {
        var options = problem.Classes.Select(c =>
        {
            var sessions = problem.Workshops.SelectMany(w => problem.Slots.Select(s => new Placement(c.Id, w.Id, s.Id))).ToList();
            var alone = problem with { Classes = [c], Pinned = [] };
            return Subsets(sessions, problem.WorkshopsPerClass).Where(o => AllocationChecker.Violations(alone, o).Count == 0).ToList();
        }).ToList();
        var all = new List<List<Placement>>();
        void Walk(int i, List<Placement> chosen)
        {
            if (i == options.Count)
            {
                if (AllocationChecker.Violations(problem, chosen).Count == 0)
                    all.Add([.. chosen]);
                return;
            }
            foreach (var option in options[i])
            {
                chosen.AddRange(option);
                Walk(i + 1, chosen);
                chosen.RemoveRange(chosen.Count - option.Count, option.Count);
            }
        }
        Walk(0, []);
        return all;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    public void Local_search_from_the_worst_valid_schedule_reaches_the_brute_force_best_total_at_the_fairness_level_and_never_breaks_a_rule(int seed)
    {
        var problem = Tiny(seed);
        var all = AllSchedules(problem);
        var fair = BruteForce(problem)!.Value;
        // Without a level: from the schedule with the fewest points to the most any schedule has.
        var worstStart = all.MinBy(s => AllocationChecker.Points(problem, s))!;
        var free = ScheduleImprover.Improve(problem, worstStart, 0, 200_000, TimeSpan.FromMinutes(1));
        Assert.Empty(AllocationChecker.Violations(problem, free));
        Assert.Equal(all.Max(s => AllocationChecker.Points(problem, s)), AllocationChecker.Points(problem, free));

        // At the fairest level: from the poorest schedule that reaches it, to the brute force's best total at that level,
        // and no school ever below it.
        var fairStart = all.Where(s => AllocationChecker.WorstSchool(problem, s) >= fair.Worst).MinBy(s => AllocationChecker.Points(problem, s))!;
        var held = ScheduleImprover.Improve(problem, fairStart, fair.Worst, 200_000, TimeSpan.FromMinutes(1));
        Assert.Empty(AllocationChecker.Violations(problem, held));
        Assert.True(AllocationChecker.WorstSchool(problem, held) >= fair.Worst);
        Assert.Equal(fair.Points, AllocationChecker.Points(problem, held));
    }

    [Fact]
    public void Local_search_on_a_full_day_keeps_every_rule_pin_and_school_level_and_only_gains()
    {
        // A Driedaagse-sized day where the first-come rule places everyone, with two pins; the level is the start's own
        // worst school, so no school may end below where it started.
        var random = new Random(7);
        var workshops = Enumerable.Range(1, 24).Select(i => new AllocationWorkshop(i, 1, i % 3 == 0 ? 32 : 64, 60)).ToList();
        var slots = Enumerable.Range(0, 4).Select(i => new AllocationSlot(i + 1, 1, 9 * 60 + i * 75)).ToList();
        var classes = Enumerable.Range(1, 40).Select(i => new AllocationClass(i, (i + 2) / 3, random.Next(18, 33), 1, 9 * 60, 14 * 60 + 15,
            workshops.Select(w => w.Id).OrderBy(w => random.NextDouble() * (w % 5 + 1)).Take(5).ToList())).ToList();
        var unpinned = new AllocationProblem(classes, workshops, slots, 3, []);
        var start = FirstComeAllocator.Place(unpinned);
        var problem = unpinned with { Pinned = [start[0], start[10]] };
        Assert.Empty(AllocationChecker.Violations(problem, start));
        var level = AllocationChecker.WorstSchool(problem, start);

        var improved = ScheduleImprover.Improve(problem, start, level, 2_000_000, TimeSpan.FromMinutes(1));

        Assert.Empty(AllocationChecker.Violations(problem, improved));
        Assert.True(AllocationChecker.WorstSchool(problem, improved) >= level);
        Assert.True(AllocationChecker.Points(problem, improved) > AllocationChecker.Points(problem, start),
            $"{AllocationChecker.Points(problem, improved)} points after, {AllocationChecker.Points(problem, start)} before");
        // The same input and seed give the same schedule: a coordinator who re-runs sees the same starting point.
        Assert.Equal(improved, ScheduleImprover.Improve(problem, start, level, 2_000_000, TimeSpan.FromMinutes(1)));
    }
}
