using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// The organisation changes a place with <see cref="LearningPlaceEditor"/>, as the API's PUT: with the version the form was
/// opened on, so a change made meanwhile by someone else is refused; an unchanged save writes nothing.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class EditPlaceModel(PactwerkDb database, AccessScopeProvider scopes, LearningPlaceEditor editor, IStringLocalizer<SharedResource> t) : PlaceFormPage(database, t)
{
    [FromRoute] public int Id { get; set; }
    [BindProperty] public int Version { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        var place = (await LearningPlacesApi.DescribeAsync(Db, Db.Set<LearningPlace>().Where(p => p.Id == Id), ct)).Single();
        var linked = await Db.Set<LearningPlaceSupervisor>().Where(l => l.LearningPlaceId == Id).Select(l => l.SupervisorId).ToListAsync(ct);
        Version = place.Version;
        Fill(place, linked);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        switch (await editor.SaveAsync(Id, ToInput(null, Version), ct))
        {
            case PlaceEditOutcome.Saved:
                return Redirect($"/leerplekken/{Id}");
            case PlaceEditOutcome.Invalid invalid:
                ShowErrors(invalid.Errors);
                return Page();
            case PlaceEditOutcome.Stale:
                Errors["title"] = [LearningPlaceMessages.Localise(Localiser, LearningPlaceMessages.Stale)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            case PlaceEditOutcome.NotFound:
                return NotFound();
            default:
                return Forbid();
        }
    }

    /// <summary>Not found, a sign-in, or a refusal for anyone who does not act for the place's organisation; null when the page may be shown.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var organisationId = await Db.Set<LearningPlace>().Where(p => p.Id == Id).Select(p => (int?)p.OrganisationId).SingleOrDefaultAsync(ct);
        if (organisationId is null)
            return NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return Challenge();
        if (!LearningPlaceAccess.ActsFor(scope, organisationId.Value, forChange: true))
            return Forbid();
        await LoadSupervisorsAsync(organisationId.Value, ct);
        return null;
    }
}
