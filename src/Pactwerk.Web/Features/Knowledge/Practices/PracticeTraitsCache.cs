using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// What related practices are scored on besides the text (sector, target group, regions,
/// objectives) of published practices, kept per practice and version. Every change of a practice,
/// its lists included, raises its version, so after a change only that practice is read again:
/// the first view after a change no longer reads every published practice's regions and
/// objectives.
/// </summary>
public sealed class PracticeTraitsCache
{
    public sealed record Traits(int Version, string? Sector, string? TargetGroup, int[] Regions, int[] Objectives);

    private readonly ConcurrentDictionary<int, Traits> _traits = new();

    /// <summary>The traits of the given practices, reading those that are missing or of another version.</summary>
    public async Task<Dictionary<int, Traits>> GetAsync(PactwerkDb db, IReadOnlyList<(int Id, int Version)> practices, CancellationToken ct)
    {
        var missing = practices.Where(p => !_traits.TryGetValue(p.Id, out var t) || t.Version != p.Version).Select(p => p.Id).ToList();
        foreach (var chunk in missing.Chunk(500))
        {
            var rows = await db.Set<Practice>().AsNoTracking().Where(x => chunk.Contains(x.Id))
                .Select(x => new { x.Id, x.Version, x.Sector, x.TargetGroup, Regions = x.Regions.Select(r => r.RegionId).ToList(), Objectives = x.Objectives.Select(o => o.ObjectiveId).ToList() })
                .AsSplitQuery().ToListAsync(ct);
            foreach (var r in rows)
                _traits[r.Id] = new Traits(r.Version, r.Sector, r.TargetGroup, [.. r.Regions], [.. r.Objectives]);
        }
        var result = new Dictionary<int, Traits>(practices.Count);
        foreach (var (id, _) in practices)
            if (_traits.TryGetValue(id, out var t))
                result[id] = t; // a practice removed between the two reads is simply not scored
        return result;
    }
}
