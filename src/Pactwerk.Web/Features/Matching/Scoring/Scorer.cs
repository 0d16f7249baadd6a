namespace Pactwerk.Web.Features.Matching.Scoring;

/// <summary>
/// What the scorer knows of a candidate: an id and competence levels, nothing else. Name, age, gender and origin cannot
/// enter a score because this type has no place for them.
/// </summary>
public sealed class CompetenceProfile(int id, IReadOnlyDictionary<int, int> levels)
{
    public int Id { get; } = id;
    /// <summary>Level (1–4) by competence id.</summary>
    public IReadOnlyDictionary<int, int> Levels { get; } = levels;
}

/// <summary>One thing a place asks: a competence, required or desirable, its weight (1–5) and minimum level (1–4).</summary>
public readonly record struct Requirement(int CompetenceId, bool Required, int Weight, int MinimumLevel);

public sealed class PlaceProfile(int id, IReadOnlyList<Requirement> requirements)
{
    public int Id { get; } = id;
    public IReadOnlyList<Requirement> Requirements { get; } = requirements;
}

public enum RequirementFit
{
    Met,
    BelowLevel,
    Missing,
}

/// <summary>How one requirement fared: the candidate's level (0 when they do not hold it) against the minimum.</summary>
public readonly record struct RequirementOutcome(Requirement Requirement, int Level, RequirementFit Fit);

/// <summary>
/// A candidate scored against a place. <see cref="Points"/> out of <see cref="MaxPoints"/> are whole numbers so that two
/// scores compare exactly, whatever order they were summed in.
/// </summary>
public sealed record Match(int CandidateId, int PlaceId, long Points, long MaxPoints, bool MeetsAllRequired, IReadOnlyList<RequirementOutcome> Outcomes)
{
    /// <summary>The score as a percentage, for people; ranking uses the exact fraction.</summary>
    public double Score => MaxPoints == 0 ? 0 : 100.0 * Points / MaxPoints;
}

/// <summary>
/// The one scoring rule. Each requirement weighs its weight; a competence held at or above the minimum earns the whole
/// weight, one held below it earns half the weight times level/minimum (a start that training can build on), a missing
/// one nothing. A candidate who meets every required competence ranks above one who does not; then the higher score;
/// then the lower id, so a ranking is the same every time.
/// </summary>
public static class Scorer
{
    /// <summary>
    /// Units of credit a met requirement earns per point of weight: 24 lets half of level/minimum (minimum 1–4) be a
    /// whole number (12·level/minimum), so scores are exact.
    /// </summary>
    public const int FullCredit = 24;

    public static Match Score(CompetenceProfile candidate, PlaceProfile place)
    {
        long points = 0, max = 0;
        var meetsAll = true;
        var outcomes = new RequirementOutcome[place.Requirements.Count];
        for (var i = 0; i < outcomes.Length; i++)
        {
            var r = place.Requirements[i];
            var level = candidate.Levels.TryGetValue(r.CompetenceId, out var l) ? l : 0;
            var fit = level >= r.MinimumLevel ? RequirementFit.Met : level > 0 ? RequirementFit.BelowLevel : RequirementFit.Missing;
            points += r.Weight * Credit(level, r.MinimumLevel);
            max += r.Weight * FullCredit;
            if (r.Required && fit != RequirementFit.Met)
                meetsAll = false;
            outcomes[i] = new RequirementOutcome(r, level, fit);
        }
        return new Match(candidate.Id, place.Id, points, max, meetsAll, outcomes);
    }

    private static int Credit(int level, int minimum) =>
        level >= minimum ? FullCredit : FullCredit / 2 * level / minimum;

    /// <summary>Better first: meets every required competence, then the higher fraction, then the lower ids.</summary>
    public static int Compare(Match a, Match b)
    {
        if (a.MeetsAllRequired != b.MeetsAllRequired)
            return a.MeetsAllRequired ? -1 : 1;
        // a.Points/a.MaxPoints against b.Points/b.MaxPoints, cross-multiplied so it stays exact.
        var byScore = (b.Points * a.MaxPoints).CompareTo(a.Points * b.MaxPoints);
        if (byScore != 0)
            return byScore;
        var byCandidate = a.CandidateId.CompareTo(b.CandidateId);
        return byCandidate != 0 ? byCandidate : a.PlaceId.CompareTo(b.PlaceId);
    }
}
