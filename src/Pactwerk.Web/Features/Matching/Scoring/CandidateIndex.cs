using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching.Scoring;

/// <summary>What can be matched: a learning place or an employer vacancy. The two keep their own ids.</summary>
public enum OpeningKind
{
    LearningPlace,
    Vacancy,
}

/// <summary>One opening, by kind and id: what a ranking of candidates is for.</summary>
public readonly record struct Opening(OpeningKind Kind, int Id)
{
    public static Opening Place(int id) => new(OpeningKind.LearningPlace, id);
    public static Opening Vacancy(int id) => new(OpeningKind.Vacancy, id);
}

/// <summary>
/// The app's matching indexes, one <see cref="MatchingIndex"/> per <see cref="OpeningKind"/> (places and vacancies number
/// their ids apart, so each kind has its own), holding the same consenting candidates and scored by the one
/// <see cref="Scorer"/>: a vacancy is ranked exactly as a place is. Loaded from the database on first use and kept fresh
/// by the editors, which call <see cref="RefreshCandidateAsync"/> or <see cref="RefreshOpeningAsync"/> after each change
/// they save.
/// </summary>
public sealed class CandidateIndex(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly Lock gate = new();
    private Dictionary<OpeningKind, MatchingIndex>? index;

    private async Task<Dictionary<OpeningKind, MatchingIndex>> LoadedAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref index) is { } loaded)
            return loaded;
        await loading.WaitAsync(ct);
        try
        {
            if (index is not null)
                return index;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PactwerkDb>();
            var candidates = await LoadCandidatesAsync(db, null, ct);
            var fresh = new Dictionary<OpeningKind, MatchingIndex>();
            foreach (var kind in Enum.GetValues<OpeningKind>())
            {
                var kindIndex = fresh[kind] = new MatchingIndex();
                foreach (var candidate in candidates)
                    kindIndex.PutCandidate(candidate);
                foreach (var opening in await LoadOpeningsAsync(db, kind, null, ct))
                    kindIndex.PutPlace(opening);
            }
            Volatile.Write(ref index, fresh);
            return fresh;
        }
        finally
        {
            loading.Release();
        }
    }

    public async Task RefreshCandidateAsync(PactwerkDb db, int candidateId, CancellationToken ct)
    {
        var loaded = await LoadedAsync(ct);
        var profile = (await LoadCandidatesAsync(db, candidateId, ct)).SingleOrDefault();
        lock (gate)
        {
            foreach (var kindIndex in loaded.Values)
            {
                if (profile is null)
                    kindIndex.RemoveCandidate(candidateId);
                else
                    kindIndex.PutCandidate(profile);
            }
        }
    }

    public Task RefreshPlaceAsync(PactwerkDb db, int placeId, CancellationToken ct) => RefreshOpeningAsync(db, Opening.Place(placeId), ct);

    public async Task RefreshOpeningAsync(PactwerkDb db, Opening opening, CancellationToken ct)
    {
        var loaded = (await LoadedAsync(ct))[opening.Kind];
        var profile = (await LoadOpeningsAsync(db, opening.Kind, opening.Id, ct)).SingleOrDefault();
        lock (gate)
        {
            if (profile is null)
                loaded.RemovePlace(opening.Id);
            else
                loaded.PutPlace(profile);
        }
    }

    /// <summary>The candidates for an opening, best first; empty when it asks nothing.</summary>
    public async Task<List<Match>> RankCandidatesAsync(Opening opening, int limit, CancellationToken ct)
    {
        var loaded = (await LoadedAsync(ct))[opening.Kind];
        lock (gate)
            return loaded.Place(opening.Id) is { } place ? loaded.RankCandidates(place, limit) : [];
    }

    /// <summary>
    /// The openings of a kind for a candidate that <paramref name="include"/> lets in, best first; empty when the candidate
    /// does not consent. The filter applies before the best <paramref name="limit"/> are taken.
    /// </summary>
    public async Task<List<Match>> RankOpeningsAsync(OpeningKind kind, int candidateId, int limit, Func<int, bool> include, CancellationToken ct)
    {
        var loaded = (await LoadedAsync(ct))[kind];
        lock (gate)
            return loaded.Candidate(candidateId) is { } candidate ? loaded.RankPlaces(candidate, limit, include) : [];
    }

    public async Task<bool> IsRankableAsync(int candidateId, CancellationToken ct)
    {
        var loaded = await LoadedAsync(ct);
        lock (gate)
            return loaded[OpeningKind.LearningPlace].HasCandidate(candidateId);
    }

    private static async Task<List<CompetenceProfile>> LoadCandidatesAsync(PactwerkDb db, int? only, CancellationToken ct)
    {
        var query = db.Set<Candidate>().AsNoTracking();
        if (only is { } id)
            query = query.Where(c => c.Id == id);
        var rows = await query.Select(c => new { c.Id, c.ConsentGivenAt, c.ConsentWithdrawnAt, Levels = c.CandidateCompetences.Select(x => new { x.CompetenceId, x.Level }).ToList() })
            .ToListAsync(ct);
        return rows.Where(c => Candidate.Consenting(c.ConsentGivenAt, c.ConsentWithdrawnAt))
            .Select(c => new CompetenceProfile(c.Id, c.Levels.ToDictionary(x => x.CompetenceId, x => x.Level))).ToList();
    }

    private static async Task<List<PlaceProfile>> LoadOpeningsAsync(PactwerkDb db, OpeningKind kind, int? only, CancellationToken ct)
    {
        List<(int Opening, CompetenceRequirement Requirement)> rows;
        if (kind == OpeningKind.LearningPlace)
        {
            var query = db.Set<PlaceRequirement>().AsNoTracking();
            if (only is { } id)
                query = query.Where(r => r.LearningPlaceId == id);
            rows = (await query.ToListAsync(ct)).Select(r => (r.LearningPlaceId, (CompetenceRequirement)r)).ToList();
        }
        else
        {
            var query = db.Set<VacancyRequirement>().AsNoTracking();
            if (only is { } id)
                query = query.Where(r => r.VacancyId == id);
            rows = (await query.ToListAsync(ct)).Select(r => (r.VacancyId, (CompetenceRequirement)r)).ToList();
        }
        return rows.GroupBy(r => r.Opening)
            .Select(g => new PlaceProfile(g.Key, g.OrderBy(r => r.Requirement.CompetenceId)
                .Select(r => new Requirement(r.Requirement.CompetenceId, r.Requirement.Required, r.Requirement.Weight, r.Requirement.MinimumLevel)).ToList()))
            .ToList();
    }
}
