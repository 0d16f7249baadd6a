using Pactwerk.Web.Features.WorkshopDays;

namespace Pactwerk.Tests.WorkshopDays;

/// <summary>
/// A second, deliberately plain reading of the allocation rules, written apart from the solver's model: every
/// broken rule is named, so a test shows what went wrong. Also scores a schedule the way the pact reads it.
/// </summary>
public static class AllocationChecker
{
    public static List<string> Violations(AllocationProblem problem, IReadOnlyList<Placement> placements)
    {
        var errors = new List<string>();
        var classes = problem.Classes.ToDictionary(c => c.Id);
        var workshops = problem.Workshops.ToDictionary(w => w.Id);
        var slots = problem.Slots.ToDictionary(s => s.Id);
        foreach (var c in problem.Classes)
        {
            var mine = placements.Where(p => p.ClassId == c.Id).ToList();
            if (mine.Count != problem.WorkshopsPerClass)
                errors.Add($"class {c.Id} has {mine.Count} workshops, not {problem.WorkshopsPerClass}");
            if (mine.Select(p => p.WorkshopId).Distinct().Count() != mine.Count)
                errors.Add($"class {c.Id} is twice in a workshop");
            foreach (var p in mine)
            {
                var (w, s) = (workshops[p.WorkshopId], slots[p.SlotId]);
                if (w.Day != c.Day || s.Day != c.Day)
                    errors.Add($"class {c.Id} is placed on another day");
                if (s.Start < c.Arrival || s.Start + w.Duration > c.Departure)
                    errors.Add($"class {c.Id} is placed outside its window");
            }
            for (var i = 0; i < mine.Count; i++)
                for (var j = i + 1; j < mine.Count; j++)
                {
                    int a0 = slots[mine[i].SlotId].Start, a1 = a0 + workshops[mine[i].WorkshopId].Duration;
                    int b0 = slots[mine[j].SlotId].Start, b1 = b0 + workshops[mine[j].WorkshopId].Duration;
                    if (a0 < b1 && b0 < a1)
                        errors.Add($"class {c.Id} has overlapping sessions");
                }
        }
        foreach (var session in placements.GroupBy(p => (p.WorkshopId, p.SlotId)))
        {
            var pupils = session.Sum(p => classes[p.ClassId].Pupils);
            if (pupils > workshops[session.Key.WorkshopId].Capacity)
                errors.Add($"session {session.Key} holds {pupils} pupils, capacity {workshops[session.Key.WorkshopId].Capacity}");
        }
        foreach (var pin in problem.Pinned.Where(pin => !placements.Contains(pin)))
            errors.Add($"pin {pin} not kept");
        return errors;
    }

    /// <summary>Rank points: 5 for a first choice down to 1 for a fifth, counted straight from the preference lists.</summary>
    public static int Points(AllocationProblem problem, IReadOnlyList<Placement> placements) =>
        placements.Sum(p => problem.Classes.Single(c => c.Id == p.ClassId).Preferences.ToList().IndexOf(p.WorkshopId) is var i and >= 0 ? 5 - i : 0);

    /// <summary>The worst school's points as a share (per mille, rounded down) of its best possible points.</summary>
    public static int WorstSchool(AllocationProblem problem, IReadOnlyList<Placement> placements)
    {
        var worst = 1000;
        foreach (var school in problem.Classes.GroupBy(c => c.School))
        {
            var best = school.Sum(c => Enumerable.Range(0, Math.Min(c.Preferences.Count, 5)).Select(i => 5 - i).Take(problem.WorkshopsPerClass).Sum());
            if (best == 0)
                continue;
            var ids = school.Select(c => c.Id).ToHashSet();
            var got = Points(problem, placements.Where(p => ids.Contains(p.ClassId)).ToList());
            worst = Math.Min(worst, got * 1000 / best);
        }
        return worst;
    }
}
