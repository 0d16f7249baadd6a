namespace Pactwerk.Monitoring;

/// <summary>
/// Every region as a dense index, with the municipalities (base units) each one is made of.
/// Region sets need not nest: a region is only ever its list of municipalities.
/// </summary>
public sealed class RegionIndex
{
    private readonly Dictionary<int, int> _indexById;
    private readonly int[][] _members;

    /// <param name="regions">Each region's id, and the ids of the municipalities it holds now
    /// (a municipality holds itself).</param>
    public RegionIndex(IReadOnlyList<(int RegionId, IReadOnlyList<int> MunicipalityIds)> regions)
    {
        _indexById = new Dictionary<int, int>(regions.Count);
        for (var i = 0; i < regions.Count; i++)
            _indexById.Add(regions[i].RegionId, i);
        _members = regions.Select(r => r.MunicipalityIds.Select(m => _indexById.TryGetValue(m, out var x) ? x
            : throw new ArgumentException($"Municipality {m} of region {r.RegionId} is not a region itself.")).Distinct().Order().ToArray()).ToArray();
        Count = regions.Count;
    }

    public int Count { get; }

    public bool TryIndexOf(int regionId, out int index) => _indexById.TryGetValue(regionId, out index);

    /// <summary>Dense indices of the municipalities of the region at <paramref name="index"/>.</summary>
    public ReadOnlySpan<int> MembersOf(int index) => _members[index];
}
