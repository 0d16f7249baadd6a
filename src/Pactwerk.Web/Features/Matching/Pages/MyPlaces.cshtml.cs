using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The places ranked for the signed-in candidate, as the API's ranking for a candidate: each with what matched at what level,
/// what is missing, and the voucher courses that close the gap.
/// </summary>
public sealed class MyPlacesModel(CandidateProfiles profiles, Rankings rankings) : MyOpeningsPage<PlaceMatchDto>(profiles)
{
    protected override async Task<IReadOnlyList<PlaceMatchDto>> RankAsync(int candidateId, CancellationToken ct) =>
        await rankings.PlacesForAsync(candidateId, ct);
}
