namespace Pactwerk.Web.Features.Matching.Scoring;

/// <summary>
/// Candidates and places indexed by competence (inverted lists), so a ranking scores only the pairs that share at least
/// one competence instead of every pair; a pair sharing none scores nothing and is not ranked. Holds only consenting
/// candidates: whoever withdraws is removed and so can never be ranked. Not thread-safe by itself; the caller locks.
/// </summary>
public sealed class MatchingIndex
{
    private readonly Dictionary<int, CompetenceProfile> candidates = [];
    private readonly Dictionary<int, PlaceProfile> places = [];
    private readonly Dictionary<int, HashSet<int>> candidatesByCompetence = [];
    private readonly Dictionary<int, HashSet<int>> placesByCompetence = [];

    public int CandidateCount => candidates.Count;
    public int PlaceCount => places.Count;

    public void PutCandidate(CompetenceProfile candidate)
    {
        RemoveCandidate(candidate.Id);
        candidates[candidate.Id] = candidate;
        foreach (var competence in candidate.Levels.Keys)
            Postings(candidatesByCompetence, competence).Add(candidate.Id);
    }

    public void RemoveCandidate(int id)
    {
        if (!candidates.Remove(id, out var old))
            return;
        foreach (var competence in old.Levels.Keys)
            candidatesByCompetence[competence].Remove(id);
    }

    public void PutPlace(PlaceProfile place)
    {
        RemovePlace(place.Id);
        places[place.Id] = place;
        foreach (var r in place.Requirements)
            Postings(placesByCompetence, r.CompetenceId).Add(place.Id);
    }

    public void RemovePlace(int id)
    {
        if (!places.Remove(id, out var old))
            return;
        foreach (var r in old.Requirements)
            placesByCompetence[r.CompetenceId].Remove(id);
    }

    public bool HasCandidate(int id) => candidates.ContainsKey(id);
    public PlaceProfile? Place(int id) => places.GetValueOrDefault(id);
    public CompetenceProfile? Candidate(int id) => candidates.GetValueOrDefault(id);

    /// <summary>The candidates for a place, best first, at most <paramref name="limit"/>.</summary>
    public List<Match> RankCandidates(PlaceProfile place, int limit)
    {
        var seen = new HashSet<int>();
        var matches = new List<Match>();
        foreach (var r in place.Requirements)
            if (candidatesByCompetence.TryGetValue(r.CompetenceId, out var ids))
                foreach (var id in ids)
                    if (seen.Add(id))
                        matches.Add(Scorer.Score(candidates[id], place));
        return Best(matches, limit);
    }

    /// <summary>
    /// The places for a candidate, best first, at most <paramref name="limit"/>; with <paramref name="include"/>, only the places
    /// it lets in, left out before the cut so that they never take the place of one that counts.
    /// </summary>
    public List<Match> RankPlaces(CompetenceProfile candidate, int limit, Func<int, bool>? include = null)
    {
        var seen = new HashSet<int>();
        var matches = new List<Match>();
        foreach (var competence in candidate.Levels.Keys)
            if (placesByCompetence.TryGetValue(competence, out var ids))
                foreach (var id in ids)
                    if (seen.Add(id) && (include is null || include(id)))
                        matches.Add(Scorer.Score(candidate, places[id]));
        return Best(matches, limit);
    }

    private static List<Match> Best(List<Match> matches, int limit)
    {
        matches.Sort(Scorer.Compare);
        if (matches.Count > limit)
            matches.RemoveRange(limit, matches.Count - limit);
        return matches;
    }

    private static HashSet<int> Postings(Dictionary<int, HashSet<int>> index, int competence)
    {
        if (!index.TryGetValue(competence, out var set))
            index[competence] = set = [];
        return set;
    }
}
