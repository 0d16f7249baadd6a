using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Web.Features.Matching.Scoring;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The places ranked for the signed-in candidate, as the API's ranking for a candidate: each with what matched at what level,
/// what is missing, and the voucher courses that close the gap.
/// </summary>
[Authorize]
public sealed class MyPlacesModel(CandidateProfiles profiles, Rankings rankings) : PageModel
{
    public bool HasProfile { get; private set; }
    public bool Consents { get; private set; }
    public IReadOnlyList<PlaceMatchDto> Places { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await profiles.MineAsync(ct) is { } mine)
        {
            HasProfile = true;
            Consents = mine.Consents;
            if (Consents)
                Places = await rankings.PlacesForAsync(mine.Id, ct);
        }
        return Page();
    }
}
