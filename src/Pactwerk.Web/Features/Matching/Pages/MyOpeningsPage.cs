using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// The signed-in candidate's own list of openings of one kind, ranked for them. It is always the reader's own profile (there
/// is no id in the address), so nobody reaches another person's list; without consent nothing is ranked at all, the rule the
/// API and the index keep too.
/// </summary>
[Authorize]
public abstract class MyOpeningsPage<TMatch>(CandidateProfiles profiles) : PageModel
{
    public bool HasProfile { get; private set; }
    public bool Consents { get; private set; }
    public IReadOnlyList<TMatch> Matches { get; private set; } = [];

    /// <summary>The ranking for the candidate, from <see cref="Scoring.Rankings"/> (open openings only, decided there).</summary>
    protected abstract Task<IReadOnlyList<TMatch>> RankAsync(int candidateId, CancellationToken ct);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await profiles.MineAsync(ct) is { } mine)
        {
            HasProfile = true;
            Consents = mine.Consents;
            if (Consents)
            {
                Matches = await RankAsync(mine.Id, ct);
                await OnRankedAsync(ct);
            }
        }
        return Page();
    }

    protected virtual Task OnRankedAsync(CancellationToken ct) => Task.CompletedTask;
}
