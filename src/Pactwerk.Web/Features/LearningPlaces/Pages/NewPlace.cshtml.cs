using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// Offers a learning place for an organisation the person acts for (an administrator for any), saved by
/// <see cref="LearningPlaceEditor"/> as the API's POST; then on to the place. Whoever acts for several organisations first
/// chooses one, since the place's supervisors are that organisation's.
/// </summary>
[Microsoft.AspNetCore.Authorization.Authorize]
public sealed class NewPlaceModel(PactwerkDb database, AccessScopeProvider scopes, LearningPlaceEditor editor, IStringLocalizer<SharedResource> t) : PlaceFormPage(database, t)
{
    [BindProperty(SupportsGet = true, Name = "organisatie")] public int? OrganisationId { get; set; }

    public IReadOnlyList<LookupItem> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        Kind = nameof(LearningPlaceKind.HolidayPlace);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await RefuseAsync(ct) is { } refused)
            return refused;
        if (OrganisationId is null)
        {
            ShowErrors(new() { ["organisatie"] = [LearningPlaceMessages.OrganisationMissing] });
            return Page();
        }
        switch (await editor.SaveAsync(null, ToInput(OrganisationId, null), ct))
        {
            case PlaceEditOutcome.Saved saved:
                return Redirect($"/leerplekken/{saved.Place.Id}");
            case PlaceEditOutcome.Invalid invalid:
                ShowErrors(invalid.Errors);
                return Page();
            default:
                return Forbid();
        }
    }

    /// <summary>A sign-in for the anonymous, a refusal for whoever acts for no organisation (or not for the one chosen); null when the page may be shown.</summary>
    private async Task<IActionResult?> RefuseAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return Challenge();
        var own = LearningPlaceAccess.OrganisationsOf(scope);
        if (!scope.IsAdministrator && own.Count == 0)
            return Forbid();
        Organisations = await Db.Organisations.AsNoTracking().Where(o => scope.IsAdministrator || own.Contains(o.Id)).OrderBy(o => o.Name)
            .Select(o => new LookupItem(o.Id.ToString(), o.Name, null)).ToListAsync(ct);
        if (OrganisationId is null && Organisations.Count == 1)
            OrganisationId = int.Parse(Organisations[0].Value, CultureInfo.InvariantCulture);
        if (OrganisationId is { } chosen)
        {
            if (!LearningPlaceAccess.ActsFor(scope, chosen, forChange: true))
                return Forbid();
            await LoadSupervisorsAsync(chosen, ct);
        }
        return null;
    }
}
