using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The published practices most like a practice that took place in other landsdelen (of any pact):
/// a lead in Noord learns what worked in Zuidoost, not what their neighbour did. The score adds
/// shared objectives (as a share of both), the same sector, the same target group and the cosine
/// similarity of the stemmed texts.
/// </summary>
/// <remarks>
/// Scoring one practice compares it with every published practice, so the lists are kept
/// (<see cref="PracticeRelatedCache"/>) and kept up to date when a practice is saved
/// (<see cref="KeepCurrentAsync"/>, right after the commit), not on the next read: only the lists
/// that held the changed practice are scored again in full; every other list only compares its
/// last entry with the changed practice. Term vectors and the other traits scored on are kept per
/// practice and version, so this reads and stems only the practice that changed.
/// </remarks>
public sealed class PracticeRelated(PactwerkDb db, PracticeAreaCache areaCache, PracticeVectorCache vectors, PracticeTraitsCache traits,
    PracticeRelatedCache cache, ILogger<PracticeRelated> logger)
{
    /// <summary>What a practice is scored on.</summary>
    private sealed record Subject(int Id, string? Sector, string? TargetGroup, int[] Regions, int[] Objectives, PracticeVectorCache.TermVector Vector);

    /// <summary>The related practices of a practice (published or not) as its page shows them.</summary>
    public async Task<IReadOnlyList<RelatedPractice>> OfAsync(Practice p, CancellationToken ct)
    {
        var entry = await EntryAsync(ct);
        var best = entry.Lists.TryGetValue((p.Id, p.Version), out var found) ? found
            : entry.Lists[(p.Id, p.Version)] = await ScoreAsync(new Subject(p.Id, p.Sector, p.TargetGroup, p.Regions.Select(r => r.RegionId).ToArray(),
                p.Objectives.Select(o => o.ObjectiveId).ToArray(), vectors.Vector(p)), entry, ct);
        var ids = best.Select(b => b.Id).ToList();
        var pacts = await db.Pacts.ToDictionaryAsync(x => x.Id, x => x.Code, ct);
        // Published only, and only what is still there: a list computed a moment ago may name a
        // practice that has since gone back to draft or been removed.
        var shown = await db.Set<Practice>().Where(x => ids.Contains(x.Id) && x.Status == PracticeStatus.Published)
            .Select(x => new { x.Id, x.PactId, x.Title, x.Summary, Regions = x.Regions.Select(r => r.RegionId).ToList() }).ToDictionaryAsync(x => x.Id, ct);
        return best.Where(b => shown.ContainsKey(b.Id)).Select(b => new RelatedPractice(b.Id, pacts[shown[b.Id].PactId], shown[b.Id].Title, shown[b.Id].Summary,
            entry.Areas.LandsdelenOf(shown[b.Id].Regions).Select(l => l.Code).ToList(), b.Value, b.SharedObjectives, b.SameSector, b.SameTargetGroup, b.TextSimilarity)).ToList();
    }

    /// <summary>
    /// Brings the kept lists up to date after a practice was saved (published, withdrawn or changed); call it after the
    /// commit. The lists of the state before are carried over when that state differs from the new one in this practice
    /// alone; otherwise (another change came in between some other way) the lists are made again on their first read.
    /// A failure here loses nothing but speed, so it is logged, not thrown at the save that has already been committed.
    /// </summary>
    public async Task KeepCurrentAsync(int changedId, CancellationToken ct)
    {
        await cache.Updates.WaitAsync(ct);
        try
        {
            var before = cache.Current;
            var (areas, published, stamp) = await StateAsync(ct);
            if (before is not null && before.Holds(areas, stamp))
                return; // nothing a list depends on changed (a draft was saved)
            var after = new PracticeRelatedCache.Entry(areas, published, stamp);
            var kept = await traits.GetAsync(db, published.Select(x => (x.Key, x.Value)).ToList(), ct);
            var texts = await vectors.GetAsync(db, kept.Select(x => (x.Key, x.Value.Version)).ToList(), ct);
            Subject Of(int id) => new(id, kept[id].Sector, kept[id].TargetGroup, kept[id].Regions, kept[id].Objectives, texts[id]);
            var changed = published.ContainsKey(changedId) && kept.ContainsKey(changedId) ? Of(changedId) : null;
            if (before is not null && before.Areas == areas && SameBut(before.Published, published, changedId))
                foreach (var ((id, version), list) in before.Lists)
                {
                    // Lists of drafts are left to their next read: a draft's traits are not kept.
                    if (id == changedId || !published.TryGetValue(id, out var now) || now != version || !kept.ContainsKey(id))
                        continue;
                    if (list.Any(s => s.Id == changedId))
                        after.Lists[(id, version)] = await ScoreAsync(Of(id), after, ct); // it may have dropped: score against all
                    else if (changed is not null && Score(Of(id), Near(Of(id), areas), changed) is { } score)
                        after.Lists[(id, version)] = Best(list.Append(score));
                    else
                        after.Lists[(id, version)] = list;
                }
            if (changed is not null)
                after.Lists[(changedId, published[changedId])] = await ScoreAsync(changed, after, ct);
            cache.Replace(after);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Related practices not brought up to date after practice {PracticeId} changed; they are made again on their next read", changedId);
        }
        finally
        {
            cache.Updates.Release();
        }
    }

    /// <summary>Whether two sets of published practices hold the same ids and versions apart from one practice.</summary>
    private static bool SameBut(IReadOnlyDictionary<int, int> a, IReadOnlyDictionary<int, int> b, int except) =>
        a.Count(x => x.Key != except) == b.Count(x => x.Key != except)
        && a.All(x => x.Key == except || (b.TryGetValue(x.Key, out var v) && v == x.Value));

    private async Task<PracticeRelatedCache.Entry> EntryAsync(CancellationToken ct)
    {
        var (areas, published, stamp) = await StateAsync(ct);
        return cache.For(areas, published, stamp);
    }

    private async Task<(PracticeAreas Areas, IReadOnlyDictionary<int, int> Published, string Stamp)> StateAsync(CancellationToken ct)
    {
        var areas = await areaCache.GetAsync(db, ct);
        var stamp = await db.Set<Practice>().Where(x => x.Status == PracticeStatus.Published).OrderBy(x => x.Id).Select(x => new { x.Id, x.Version }).ToListAsync(ct);
        var hash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
            System.Runtime.InteropServices.MemoryMarshal.AsBytes(stamp.SelectMany(x => new[] { x.Id, x.Version }).ToArray().AsSpan())));
        return (areas, stamp.ToDictionary(x => x.Id, x => x.Version), hash);
    }

    /// <summary>Scores a practice against every other published practice of the entry's state, from what is kept of each in memory.</summary>
    private async Task<IReadOnlyList<PracticeRelatedCache.Score>> ScoreAsync(Subject subject, PracticeRelatedCache.Entry entry, CancellationToken ct)
    {
        var others = entry.Published.Where(x => x.Key != subject.Id).Select(x => (x.Key, x.Value)).ToList();
        var kept = await traits.GetAsync(db, others, ct);
        var texts = await vectors.GetAsync(db, kept.Select(x => (x.Key, x.Value.Version)).ToList(), ct);
        var near = Near(subject, entry.Areas);
        return Best(kept.Select(k => Score(subject, near, new Subject(k.Key, k.Value.Sector, k.Value.TargetGroup, k.Value.Regions, k.Value.Objectives, texts[k.Key])))
            .OfType<PracticeRelatedCache.Score>());
    }

    private static IReadOnlyList<PracticeRelatedCache.Score> Best(IEnumerable<PracticeRelatedCache.Score> scores) =>
        scores.OrderByDescending(r => r.Value).ThenBy(r => r.Id).Take(PracticeDetails.RelatedCount).ToList();

    /// <summary>
    /// Whether a region is near a practice: one of its regions or in one of its landsdelen. A practice with
    /// any region near is not "elsewhere".
    /// </summary>
    private static Func<int, bool> Near(Subject subject, PracticeAreas areas)
    {
        var own = areas.LandsdelenOf(subject.Regions).Select(l => l.Id).ToHashSet();
        return r => subject.Regions.Contains(r) || areas.LandsdelenOfRegion(r).Any(l => own.Contains(l.Id));
    }

    /// <summary>How related <paramref name="other"/> is to <paramref name="subject"/>; null when it is not elsewhere or has nothing in common.</summary>
    private static PracticeRelatedCache.Score? Score(Subject subject, Func<int, bool> near, Subject other)
    {
        if (other.Regions.Any(near))
            return null;
        var shared = other.Objectives.Count(subject.Objectives.Contains);
        var union = subject.Objectives.Union(other.Objectives).Count();
        var text = subject.Vector.Cosine(other.Vector);
        var sameSector = other.Sector is not null && other.Sector == subject.Sector;
        var sameGroup = other.TargetGroup is not null && other.TargetGroup == subject.TargetGroup;
        var score = 2.0 * (union == 0 ? 0 : (double)shared / union) + (sameSector ? 1 : 0) + (sameGroup ? 1 : 0) + 3.0 * text;
        var result = new PracticeRelatedCache.Score(other.Id, Math.Round(score, 4), shared, sameSector, sameGroup, Math.Round(text, 4));
        return result.Value > 0 ? result : null;
    }
}
