using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching.Scoring;

public sealed record CourseDto(int Id, string Title, int Level);

/// <summary>One requirement in an explanation: the candidate's level against the minimum, and the voucher courses that close a gap.</summary>
public sealed record RequirementExplanation(int CompetenceId, string Code, string Name, bool Required, int Weight, int MinimumLevel, int Level,
    RequirementFit Fit, string? Evidence, IReadOnlyList<CourseDto> Courses);

/// <summary>A ranked candidate for a place: blind (no name, age or gender) unless the reader may see who it is.</summary>
public sealed record CandidateMatchDto(int Rank, int CandidateId, string? Name, double Score, bool MeetsAllRequired, IReadOnlyList<RequirementExplanation> Explanation);

/// <summary>A vacancy ranked for a candidate, with the same explanation as a place.</summary>
public sealed record VacancyMatchDto(int Rank, int VacancyId, string Title, int OrganisationId, DateOnly OpenUntil, double Score, bool MeetsAllRequired,
    IReadOnlyList<RequirementExplanation> Explanation);

public sealed record PlaceMatchDto(int Rank, int LearningPlaceId, string Title, int OrganisationId, double Score, bool MeetsAllRequired, IReadOnlyList<RequirementExplanation> Explanation);

/// <summary>Rankings from the index, with their explanations read from the database for the few that are shown.</summary>
public sealed class Rankings(PactwerkDb db, CandidateIndex index, TimeProvider clock)
{
    public const int Limit = 50;

    public Task<List<CandidateMatchDto>> CandidatesForAsync(int placeId, bool withNames, CancellationToken ct) =>
        CandidatesForAsync(Opening.Place(placeId), withNames, ct);

    /// <summary>The candidates for a place or a vacancy: one path, so both are ranked and explained alike.</summary>
    public async Task<List<CandidateMatchDto>> CandidatesForAsync(Opening opening, bool withNames, CancellationToken ct)
    {
        var matches = await index.RankCandidatesAsync(opening, Limit, ct);
        var ids = matches.Select(m => m.CandidateId).ToList();
        var evidence = await db.Set<CandidateCompetence>().AsNoTracking().Where(c => ids.Contains(c.CandidateId))
            .ToDictionaryAsync(c => (c.CandidateId, c.CompetenceId), c => c.Evidence, ct);
        var names = withNames
            ? await db.Set<CandidatePersonalDetails>().AsNoTracking().Where(d => ids.Contains(d.CandidateId)).ToDictionaryAsync(d => d.CandidateId, d => d.Name, ct)
            : [];
        var explain = await ExplainerAsync(matches, ct);
        return matches.Select((m, i) => new CandidateMatchDto(i + 1, m.CandidateId, withNames ? names.GetValueOrDefault(m.CandidateId) : null, Math.Round(m.Score, 1),
            m.MeetsAllRequired, explain(m, evidence))).ToList();
    }

    /// <summary>The learning places for a candidate that are still offered today, best first.</summary>
    public async Task<List<PlaceMatchDto>> PlacesForAsync(int candidateId, CancellationToken ct) =>
        (await OpeningsForAsync(OpeningKind.LearningPlace, candidateId, ct)).Select(r => new PlaceMatchDto(r.Rank, r.Opening.Opening.Id, r.Opening.Title,
            r.Opening.OrganisationId, Math.Round(r.Match.Score, 1), r.Match.MeetsAllRequired, r.Explanation)).ToList();

    /// <summary>The vacancies for a candidate that are still open today, best first.</summary>
    public async Task<List<VacancyMatchDto>> VacanciesForAsync(int candidateId, CancellationToken ct) =>
        (await OpeningsForAsync(OpeningKind.Vacancy, candidateId, ct)).Select(r => new VacancyMatchDto(r.Rank, r.Opening.Opening.Id, r.Opening.Title,
            r.Opening.OrganisationId, r.Opening.LastDay!.Value, Math.Round(r.Match.Score, 1), r.Match.MeetsAllRequired, r.Explanation)).ToList();

    private sealed record RankedOpening(int Rank, OpeningSummary Opening, Match Match, List<RequirementExplanation> Explanation);

    /// <summary>
    /// The one path for ranking openings of either kind for a candidate. Only openings open today (the app's clock) take part,
    /// decided before the best <see cref="Limit"/> are taken, so a closed one can never push an open one off the list.
    /// </summary>
    private async Task<List<RankedOpening>> OpeningsForAsync(OpeningKind kind, int candidateId, CancellationToken ct)
    {
        var open = await Openings.OpenIdsAsync(db, kind, Openings.Today(clock), ct);
        var matches = await index.RankOpeningsAsync(kind, candidateId, Limit, open.Contains, ct);
        var openings = await Openings.OfKindAsync(db, kind, matches.Select(m => m.PlaceId).ToList(), ct);
        var evidence = await db.Set<CandidateCompetence>().AsNoTracking().Where(c => c.CandidateId == candidateId)
            .ToDictionaryAsync(c => (c.CandidateId, c.CompetenceId), c => c.Evidence, ct);
        var explain = await ExplainerAsync(matches, ct);
        // An opening removed since the open ids were read is left out rather than shown without a title.
        return matches.Where(m => openings.ContainsKey(m.PlaceId))
            .Select((m, i) => new RankedOpening(i + 1, openings[m.PlaceId], m, explain(m, evidence))).ToList();
    }

    private async Task<Func<Match, Dictionary<(int, int), string?>, List<RequirementExplanation>>> ExplainerAsync(List<Match> matches, CancellationToken ct)
    {
        var competenceIds = matches.SelectMany(m => m.Outcomes).Select(o => o.Requirement.CompetenceId).Distinct().ToList();
        var competences = await db.Competences.AsNoTracking().Where(c => competenceIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var courses = (await db.Set<CourseCompetence>().AsNoTracking().Where(l => competenceIds.Contains(l.CompetenceId))
                .Join(db.VoucherCourses, l => l.CourseId, c => c.Id, (l, c) => new { l.CompetenceId, c.Id, c.Title, l.Level }).ToListAsync(ct))
            .ToLookup(c => c.CompetenceId);
        return (m, evidence) => m.Outcomes.Select(o => new RequirementExplanation(o.Requirement.CompetenceId, competences[o.Requirement.CompetenceId].Code,
            competences[o.Requirement.CompetenceId].NameNl, o.Requirement.Required, o.Requirement.Weight, o.Requirement.MinimumLevel, o.Level, o.Fit,
            evidence.GetValueOrDefault((m.CandidateId, o.Requirement.CompetenceId)),
            // A course closes the gap only when it teaches up to the minimum, and the candidate is not there yet.
            o.Fit == RequirementFit.Met ? [] : courses[o.Requirement.CompetenceId].Where(c => c.Level >= o.Requirement.MinimumLevel)
                .OrderBy(c => c.Title, StringComparer.Ordinal).Select(c => new CourseDto(c.Id, c.Title, c.Level)).ToList())).ToList();
    }
}
