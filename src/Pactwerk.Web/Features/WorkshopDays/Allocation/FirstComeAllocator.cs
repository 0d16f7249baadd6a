namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>The allocation a registration desk would make by hand; the optimiser starts from it and the bench compares against it.</summary>
public static class FirstComeAllocator
{
    /// <summary>
    /// First come, first served, as a registration desk would: classes in the order they registered, each taking its
    /// preferences in rank order in the earliest session that still has room and fits, then any workshop with room.
    /// </summary>
    public static List<Placement> Place(AllocationProblem problem)
    {
        var fill = new Dictionary<(int, int), int>();
        var placements = new List<Placement>();
        var pinned = problem.Pinned.ToLookup(p => p.ClassId);
        var workshops = problem.Workshops.ToDictionary(w => w.Id);
        var slots = problem.Slots.OrderBy(s => s.Start).ToList();
        foreach (var c in problem.Classes.OrderBy(c => c.Id))
        {
            var mine = pinned[c.Id].Select(p => (W: workshops[p.WorkshopId], S: slots.Single(s => s.Id == p.SlotId))).ToList();
            foreach (var (w, s) in mine)
                fill[(w.Id, s.Id)] = fill.GetValueOrDefault((w.Id, s.Id)) + c.Pupils;
            var candidates = c.Preferences.Select(id => workshops[id]).Concat(problem.Workshops.Where(w => w.Day == c.Day && !c.Preferences.Contains(w.Id)).OrderBy(w => w.Id));
            foreach (var w in candidates.Where(w => mine.All(m => m.W.Id != w.Id)))
            {
                if (mine.Count == problem.WorkshopsPerClass)
                    break;
                var slot = slots.FirstOrDefault(s => AllocationProblem.Fits(c, w, s) && fill.GetValueOrDefault((w.Id, s.Id)) + c.Pupils <= w.Capacity
                    && mine.All(m => AllocationProblem.EndOf(m.W, m.S) <= s.Start || AllocationProblem.EndOf(w, s) <= m.S.Start));
                if (slot is null)
                    continue;
                mine.Add((w, slot));
                fill[(w.Id, slot.Id)] = fill.GetValueOrDefault((w.Id, slot.Id)) + c.Pupils;
            }
            placements.AddRange(mine.Select(m => new Placement(c.Id, m.W.Id, m.S.Id)));
        }
        return placements;
    }

}
