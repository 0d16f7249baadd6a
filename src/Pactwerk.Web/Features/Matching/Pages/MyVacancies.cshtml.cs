using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The employer vacancies ranked for the signed-in candidate, as the API's <c>/candidates/{id}/vacancies</c>: the same
/// explanation as for places. Closed vacancies are left out by the ranking itself, not here.
/// </summary>
public sealed class MyVacanciesModel(CandidateProfiles profiles, Rankings rankings, PactwerkDb db) : MyOpeningsPage<VacancyMatchDto>(profiles)
{
    /// <summary>The employers' names, so a candidate sees at once whose vacancy it is.</summary>
    public IReadOnlyDictionary<int, string> Employers { get; private set; } = new Dictionary<int, string>();

    protected override async Task<IReadOnlyList<VacancyMatchDto>> RankAsync(int candidateId, CancellationToken ct) =>
        await rankings.VacanciesForAsync(candidateId, ct);

    protected override async Task OnRankedAsync(CancellationToken ct)
    {
        var ids = Matches.Select(m => m.OrganisationId).Distinct().ToList();
        Employers = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
    }
}
