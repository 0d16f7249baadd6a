using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Tests.Matching;

/// <summary>
/// The index's rankings against a brute-force scoring of every pair, written here from the rule as product.md states it
/// (met: the whole weight; below the minimum: half the weight times level/minimum; missing: nothing), in floating point
/// and without the engine's exact whole-number units.
/// </summary>
public sealed class ScoringTests
{
    private sealed record Expected(int Id, double Score, bool MeetsAll);

    private static Expected BruteForce(int candidateId, IReadOnlyDictionary<int, int> levels, IReadOnlyList<Requirement> requirements)
    {
        double earned = 0, total = 0;
        var meetsAll = true;
        foreach (var r in requirements)
        {
            var level = levels.GetValueOrDefault(r.CompetenceId);
            total += r.Weight;
            if (level >= r.MinimumLevel)
                earned += r.Weight;
            else
            {
                earned += r.Weight * 0.5 * level / r.MinimumLevel;
                if (r.Required)
                    meetsAll = false;
            }
        }
        return new Expected(candidateId, total == 0 ? 0 : 100 * earned / total, meetsAll);
    }

    private static int Order(Expected a, Expected b) =>
        a.MeetsAll != b.MeetsAll ? (a.MeetsAll ? -1 : 1)
        : Math.Abs(a.Score - b.Score) > 1e-9 ? b.Score.CompareTo(a.Score)
        : a.Id.CompareTo(b.Id);

    private static (List<CompetenceProfile> Candidates, List<PlaceProfile> Places) Generate(int seed, int candidates, int places, int competences)
    {
        var random = new Random(seed);
        var people = Enumerable.Range(1, candidates).Select(id => new CompetenceProfile(id,
            Enumerable.Range(0, random.Next(0, 7)).Select(_ => random.Next(1, competences + 1)).Distinct().ToDictionary(c => c, _ => random.Next(1, 5)))).ToList();
        var offers = Enumerable.Range(1, places).Select(id => new PlaceProfile(id,
            Enumerable.Range(0, random.Next(1, 6)).Select(_ => random.Next(1, competences + 1)).Distinct()
                .Select(c => new Requirement(c, random.Next(2) == 0, random.Next(1, 6), random.Next(1, 5))).ToList())).ToList();
        return (people, offers);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Candidates_for_each_place_rank_as_a_brute_force_scoring_of_every_pair_does(int seed)
    {
        var (candidates, places) = Generate(seed, 400, 40, 30);
        var index = new MatchingIndex();
        candidates.ForEach(index.PutCandidate);
        places.ForEach(index.PutPlace);
        var compared = 0;
        foreach (var place in places)
        {
            var expected = candidates.Select(c => BruteForce(c.Id, c.Levels, place.Requirements)).Where(e => e.Score > 0).ToList();
            expected.Sort(Order);
            var ranked = index.RankCandidates(place, 50);
            Assert.Equal(expected.Take(50).Select(e => e.Id), ranked.Select(m => m.CandidateId));
            foreach (var (e, m) in expected.Zip(ranked))
            {
                Assert.Equal(e.Score, m.Score, 9);
                Assert.Equal(e.MeetsAll, m.MeetsAllRequired);
                compared++;
            }
        }
        Assert.True(compared > 500, $"only {compared} pairs compared");
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    public void Places_for_each_candidate_rank_as_a_brute_force_scoring_of_every_pair_does(int seed)
    {
        var (candidates, places) = Generate(seed, 100, 300, 25);
        var index = new MatchingIndex();
        candidates.ForEach(index.PutCandidate);
        places.ForEach(index.PutPlace);
        foreach (var candidate in candidates)
        {
            var expected = places.Select(p => BruteForce(p.Id, candidate.Levels, p.Requirements)).Where(e => e.Score > 0).ToList();
            expected.Sort(Order);
            Assert.Equal(expected.Take(50).Select(e => e.Id), index.RankPlaces(candidate, 50).Select(m => m.PlaceId));
        }
    }

    [Fact]
    public void A_worked_example_scores_as_counted_by_hand()
    {
        // Required A (weight 4, minimum 3) held at 3: 4 of 4. Desirable B (weight 2, minimum 4) held at 2: 2 × ½ × 2/4 = 0.5.
        // Required C (weight 2, minimum 1) missing: 0. Total 4.5 of 8 = 56.25 %, and a required competence is missing.
        var match = Scorer.Score(new CompetenceProfile(7, new Dictionary<int, int> { [1] = 3, [2] = 2 }),
            new PlaceProfile(9, [new Requirement(1, true, 4, 3), new Requirement(2, false, 2, 4), new Requirement(3, true, 2, 1)]));
        Assert.Equal(56.25, match.Score, 9);
        Assert.False(match.MeetsAllRequired);
        Assert.Equal([RequirementFit.Met, RequirementFit.BelowLevel, RequirementFit.Missing], match.Outcomes.Select(o => o.Fit));
    }

    [Fact]
    public void A_candidate_removed_from_the_index_is_never_ranked_again_and_a_changed_one_is_ranked_by_their_new_levels()
    {
        var index = new MatchingIndex();
        var place = new PlaceProfile(1, [new Requirement(5, true, 3, 2)]);
        index.PutPlace(place);
        index.PutCandidate(new CompetenceProfile(1, new Dictionary<int, int> { [5] = 4 }));
        index.PutCandidate(new CompetenceProfile(2, new Dictionary<int, int> { [5] = 1 }));
        Assert.Equal([1, 2], index.RankCandidates(place, 10).Select(m => m.CandidateId));

        index.RemoveCandidate(1);
        index.PutCandidate(new CompetenceProfile(2, new Dictionary<int, int> { [6] = 4 }));
        Assert.Empty(index.RankCandidates(place, 10));
        Assert.Empty(index.RankPlaces(new CompetenceProfile(1, new Dictionary<int, int> { [6] = 4 }), 10));
    }
}
