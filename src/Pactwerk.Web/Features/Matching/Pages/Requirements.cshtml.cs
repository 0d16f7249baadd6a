using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// What a place asks, for the place's organisation (and coordinators): per competence of the framework whether it is
/// required, desirable or not asked, with weight and minimum level, replaced as a whole by <see cref="PlaceRequirements"/>
/// as the API's PUT.
/// </summary>
[Authorize]
public sealed class RequirementsModel(PactwerkDb db, AccessScopeProvider scopes, PlaceRequirements requirements, IStringLocalizer<SharedResource> t) : PageModel
{
    [FromRoute] public int Id { get; set; }
    /// <summary>"vereist", "gewenst" or empty (not asked), by competence id.</summary>
    [BindProperty] public Dictionary<int, string?> Asked { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> Weight { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> MinimumLevel { get; set; } = [];

    public string Place { get; private set; } = "";
    public IReadOnlyList<RequirementRow> Rows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "opgeslagen")] bool saved, CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        RequirementsForm.Fill(await PlaceRequirements.DescribeAsync(db, Id, ct), Asked, Weight, MinimumLevel);
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        switch (await requirements.ReplaceAsync(Id, RequirementsForm.Read(Asked, Weight, MinimumLevel), ct))
        {
            case MatchingOutcome.Saved:
                return Redirect($"/leerplekken/{Id}/eisen?opgeslagen=true");
            case MatchingOutcome.Invalid invalid:
                MatchingPageText.AddErrors(Errors, invalid.Errors, t);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case MatchingOutcome.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    /// <summary>Not found, or a refusal for whoever neither acts for the place's organisation nor coordinates; null when the page may be shown.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        if (await db.Set<LearningPlaces.LearningPlace>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == Id, ct) is not { } place)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.EditsRequirementsFor(scope, place.OrganisationId))
            return Forbid();
        Place = place.Title;
        Rows = await RequirementsForm.RowsAsync(db, ct);
        return null;
    }
}
