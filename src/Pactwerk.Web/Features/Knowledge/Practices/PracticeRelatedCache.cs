using System.Collections.Concurrent;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// The related practices per practice and version, valid for one set of published practices (ids
/// and versions) and one state of the reference data. <see cref="PracticeRelated"/> carries the
/// lists over to the next set when a practice is saved, so a view after a change finds its list
/// ready; a set that changed some other way starts empty and lists are made on their first read.
/// </summary>
public sealed class PracticeRelatedCache
{
    public sealed record Score(int Id, double Value, int SharedObjectives, bool SameSector, bool SameTargetGroup, double TextSimilarity);

    /// <summary>
    /// Lists for one state. Stamp: a hash of the ids and versions of all published practices, so any
    /// publish, withdrawal or change shows (a count or a sum could be equal by chance).
    /// </summary>
    public sealed class Entry(PracticeAreas areas, IReadOnlyDictionary<int, int> published, string stamp)
    {
        public PracticeAreas Areas { get; } = areas;
        /// <summary>Version per published practice id.</summary>
        public IReadOnlyDictionary<int, int> Published { get; } = published;
        public string Stamp { get; } = stamp;
        public ConcurrentDictionary<(int Id, int Version), IReadOnlyList<Score>> Lists { get; } = new();
        public bool Holds(PracticeAreas areas, string stamp) => Areas == areas && Stamp == stamp;
    }

    private volatile Entry? _current;

    /// <summary>One update at a time: each carries the lists of the state before it over to its own.</summary>
    public SemaphoreSlim Updates { get; } = new(1, 1);

    public Entry? Current => _current;

    /// <summary>The entry for this state; a new, empty one when the state moved on.</summary>
    public Entry For(PracticeAreas areas, IReadOnlyDictionary<int, int> published, string stamp)
    {
        var entry = _current;
        if (entry is null || !entry.Holds(areas, stamp))
            _current = entry = new Entry(areas, published, stamp);
        return entry;
    }

    public void Replace(Entry entry) => _current = entry;
}
