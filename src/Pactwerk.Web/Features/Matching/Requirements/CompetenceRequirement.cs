using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// What an opening asks — a learning place's <see cref="PlaceRequirement"/> or a vacancy's <see cref="VacancyRequirement"/>:
/// a competence, required or only desirable, with a weight and the minimum level. One shape, checked and replaced by
/// <see cref="RequirementSet"/>, scored by the one scorer.
/// </summary>
public abstract class CompetenceRequirement : Audit.IAudited
{
    public int Id { get; set; }
    public int CompetenceId { get; set; }
    public bool Required { get; set; }
    /// <summary>1 (nice) to 5 (essential).</summary>
    public int Weight { get; set; }
    public int MinimumLevel { get; set; }
}

/// <summary>The rules for a set of requirements, the same for places and vacancies: known competences, each once, weight 1–5, level 1–4.</summary>
public static class RequirementSet
{
    public const int MinWeight = 1;
    public const int MaxWeight = 5;

    /// <summary>The problems with the input, each naming its competence; empty when it may be saved.</summary>
    public static async Task<List<string>> CheckAsync(PactwerkDb db, IReadOnlyList<RequirementInput> input, CancellationToken ct)
    {
        var ids = input.Select(r => r.CompetenceId).Distinct().ToList();
        var known = (await db.Competences.Where(c => ids.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var errors = new List<string>();
        var seen = new HashSet<int>();
        foreach (var r in input)
        {
            if (!known.Contains(r.CompetenceId))
                errors.Add(MatchingMessages.Format(MatchingMessages.CompetenceUnknown, r.CompetenceId));
            else if (!seen.Add(r.CompetenceId))
                errors.Add(MatchingMessages.Format(MatchingMessages.CompetenceTwice, r.CompetenceId));
            if (r.Weight is < MinWeight or > MaxWeight)
                errors.Add(MatchingMessages.Format(MatchingMessages.WeightInvalid, r.CompetenceId));
            if (r.MinimumLevel is < CompetenceLevels.Min or > CompetenceLevels.Max)
                errors.Add(MatchingMessages.Format(MatchingMessages.LevelInvalid, r.CompetenceId));
        }
        return errors;
    }

    /// <summary>
    /// Makes <paramref name="current"/> what <paramref name="input"/> asks (checked first): rows not asked any more go, rows
    /// asked again take the new values, new ones are added. A row whose values stay the same is not touched, so an unchanged
    /// save writes nothing. Returns whether anything changed.
    /// </summary>
    public static bool Apply<T>(PactwerkDb db, IReadOnlyList<T> current, IReadOnlyList<RequirementInput> input, Func<T> create) where T : CompetenceRequirement
    {
        var wanted = input.ToDictionary(r => r.CompetenceId);
        var changed = false;
        foreach (var held in current)
        {
            if (!wanted.Remove(held.CompetenceId, out var change))
            {
                db.Remove(held);
                changed = true;
                continue;
            }
            if ((held.Required, held.Weight, held.MinimumLevel) == (change.Required, change.Weight, change.MinimumLevel))
                continue;
            (held.Required, held.Weight, held.MinimumLevel) = (change.Required, change.Weight, change.MinimumLevel);
            changed = true;
        }
        foreach (var added in wanted.Values)
        {
            var row = create();
            (row.CompetenceId, row.Required, row.Weight, row.MinimumLevel) = (added.CompetenceId, added.Required, added.Weight, added.MinimumLevel);
            db.Add(row);
            changed = true;
        }
        return changed;
    }
}
