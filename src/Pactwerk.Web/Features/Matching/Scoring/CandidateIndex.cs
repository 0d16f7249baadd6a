using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Matching.Scoring;

/// <summary>
/// The app's one <see cref="MatchingIndex"/>: loaded from the database on first use and kept fresh by the editors, which
/// call <see cref="RefreshCandidateAsync"/> or <see cref="RefreshPlaceAsync"/> after each change they save. Only
/// consenting candidates are in it.
/// </summary>
public sealed class CandidateIndex(IServiceScopeFactory scopes)
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private readonly Lock gate = new();
    private MatchingIndex? index;

    private async Task<MatchingIndex> LoadedAsync(CancellationToken ct)
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
            var fresh = new MatchingIndex();
            foreach (var candidate in await LoadCandidatesAsync(db, null, ct))
                fresh.PutCandidate(candidate);
            foreach (var place in await LoadPlacesAsync(db, null, ct))
                fresh.PutPlace(place);
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
            if (profile is null)
                loaded.RemoveCandidate(candidateId);
            else
                loaded.PutCandidate(profile);
        }
    }

    public async Task RefreshPlaceAsync(PactwerkDb db, int placeId, CancellationToken ct)
    {
        var loaded = await LoadedAsync(ct);
        var profile = (await LoadPlacesAsync(db, placeId, ct)).SingleOrDefault();
        lock (gate)
        {
            if (profile is null)
                loaded.RemovePlace(placeId);
            else
                loaded.PutPlace(profile);
        }
    }

    /// <summary>The candidates for a place, best first; empty when the place asks nothing.</summary>
    public async Task<List<Match>> RankCandidatesAsync(int placeId, int limit, CancellationToken ct)
    {
        var loaded = await LoadedAsync(ct);
        lock (gate)
            return loaded.Place(placeId) is { } place ? loaded.RankCandidates(place, limit) : [];
    }

    /// <summary>The places for a candidate, best first; empty when the candidate does not consent.</summary>
    public async Task<List<Match>> RankPlacesAsync(int candidateId, int limit, CancellationToken ct)
    {
        var loaded = await LoadedAsync(ct);
        lock (gate)
            return loaded.Candidate(candidateId) is { } candidate ? loaded.RankPlaces(candidate, limit) : [];
    }

    public async Task<bool> IsRankableAsync(int candidateId, CancellationToken ct)
    {
        var loaded = await LoadedAsync(ct);
        lock (gate)
            return loaded.HasCandidate(candidateId);
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

    private static async Task<List<PlaceProfile>> LoadPlacesAsync(PactwerkDb db, int? only, CancellationToken ct)
    {
        var query = db.Set<PlaceRequirement>().AsNoTracking();
        if (only is { } id)
            query = query.Where(r => r.LearningPlaceId == id);
        var rows = await query.ToListAsync(ct);
        return rows.GroupBy(r => r.LearningPlaceId)
            .Select(g => new PlaceProfile(g.Key, g.OrderBy(r => r.CompetenceId).Select(r => new Requirement(r.CompetenceId, r.Required, r.Weight, r.MinimumLevel)).ToList()))
            .ToList();
    }
}
