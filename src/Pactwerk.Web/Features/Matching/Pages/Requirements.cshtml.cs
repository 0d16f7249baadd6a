using System.Globalization;
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
    public sealed record Row(int Id, string Code, string Name);

    [FromRoute] public int Id { get; set; }
    /// <summary>"vereist", "gewenst" or empty (not asked), by competence id.</summary>
    [BindProperty] public Dictionary<int, string?> Asked { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> Weight { get; set; } = [];
    [BindProperty] public Dictionary<int, string?> MinimumLevel { get; set; } = [];

    public string Place { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "opgeslagen")] bool saved, CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        foreach (var r in await PlaceRequirements.DescribeAsync(db, Id, ct))
        {
            Asked[r.CompetenceId] = r.Required ? "vereist" : "gewenst";
            Weight[r.CompetenceId] = r.Weight.ToString(CultureInfo.InvariantCulture);
            MinimumLevel[r.CompetenceId] = r.MinimumLevel.ToString(CultureInfo.InvariantCulture);
        }
        Saved = saved;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        // A weight or level that is not a whole number goes to the writer as 0, so its own message names the competence.
        static int Whole(string? text) => int.TryParse(text?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0;
        var input = Asked.Where(a => a.Value is "vereist" or "gewenst")
            .Select(a => new RequirementInput(a.Key, a.Value == "vereist", Whole(Weight.GetValueOrDefault(a.Key)), Whole(MinimumLevel.GetValueOrDefault(a.Key)))).ToList();
        switch (await requirements.ReplaceAsync(Id, input, ct))
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
        Rows = (await db.Competences.AsNoTracking().OrderBy(c => c.Code).Select(c => new { c.Id, c.Code, c.NameNl, c.NameEn }).ToListAsync(ct))
            .Select(c => new Row(c.Id, c.Code, MatchingPageText.Name(c.NameNl, c.NameEn))).ToList();
        return null;
    }
}
