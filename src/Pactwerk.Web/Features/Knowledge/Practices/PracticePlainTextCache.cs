using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The plain text of practices (everything searchable but the title, the Markdown rendered and
/// stripped), kept per practice and version: a search shows snippets of the same practices again
/// and again, and rendering seven Markdown sections per hit cost more than the search itself.
/// Every change of a practice raises its version, so a kept text is used only for the version it
/// was made from; an older one is made again on the next read.
/// </summary>
public sealed class PracticePlainTextCache
{
    /// <summary>More practices than any pact holds; past it the cache starts afresh rather than grow without end.</summary>
    private const int MaxKept = 50_000;

    private readonly ConcurrentDictionary<int, (int Version, string Text)> _texts = new();

    public async Task<Dictionary<int, string>> GetAsync(PactwerkDb db, IReadOnlyList<(int Id, int Version)> practices, CancellationToken ct)
    {
        var result = new Dictionary<int, string>(practices.Count);
        var missing = new List<int>();
        foreach (var (id, version) in practices)
        {
            if (_texts.TryGetValue(id, out var kept) && kept.Version == version)
                result[id] = kept.Text;
            else
                missing.Add(id);
        }
        if (missing.Count == 0)
            return result;
        if (_texts.Count + missing.Count > MaxKept)
            _texts.Clear();
        var loaded = await db.Set<Practice>().AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(ct);
        foreach (var p in loaded)
        {
            var text = PracticeIndex.BodyText(p);
            _texts[p.Id] = (p.Version, text);
            result[p.Id] = text;
        }
        return result;
    }
}
