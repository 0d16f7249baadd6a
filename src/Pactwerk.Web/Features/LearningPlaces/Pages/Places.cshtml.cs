using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// The public list of learning places with the API's filters (<see cref="LearningPlaceQuery"/>): a region of any region set
/// or a municipality, a sector and a period; per place its seats free today. No learners, no supervisors.
/// </summary>
[AllowAnonymous]
public sealed class PlacesModel(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "sector")] public string? Sector { get; set; }
    [BindProperty(SupportsGet = true, Name = "van")] public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "tot")] public string? To { get; set; }

    public IReadOnlyList<LearningPlaceDto> Places { get; private set; } = [];
    public Dictionary<int, int?> FreeToday { get; private set; } = [];
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }
    /// <summary>Whether the reader may offer places (acts for an organisation, or administers).</summary>
    public bool MayOffer { get; private set; }
    public IReadOnlyList<LookupItem> RegionChoices { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        MayOffer = scope.IsSignedIn && (scope.IsAdministrator || LearningPlaceAccess.OrganisationsOf(scope).Count > 0);
        RegionChoices = await Regions.RegionLookup.AllAsync(db, ct);
        switch (await LearningPlaceQuery.FilterAsync(db, Region, Sector, From, To, ct))
        {
            case LearningPlaceQuery.Outcome.Places(var query):
                Places = await LearningPlacesApi.DescribeAsync(db, query, ct);
                FreeToday = await LearningPlacePageText.FreeTodayAsync(db, Places, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
                break;
            case LearningPlaceQuery.Outcome.NoRegion(var message):
                Refuse("regio", message, StatusCodes.Status404NotFound);
                break;
            case LearningPlaceQuery.Outcome.Invalid(var field, var message):
                Refuse(field == "sector" ? "sector" : "van", message, StatusCodes.Status400BadRequest);
                break;
        }
    }

    private void Refuse(string field, string message, int status)
    {
        Error = LearningPlaceMessages.Localise(t, message);
        ErrorField = field;
        Response.StatusCode = status;
    }

    public Picker RegionPicker() => new("regio", "regio", t["Regio of gemeente"].Value, "/api/v1/lookup/regions")
    {
        Options = Picker.SelectOrText(RegionChoices), EmptyLabel = t["Alle regio's"].Value, MaxLength = 100,
        Chosen = Picker.Labelled([Region ?? ""], RegionChoices), Text = Region,
        Hint = t["Zoek op naam of code; zonder JavaScript een code, zoals TP-OOST, PV23 of GM0193."].Value,
        ErrorId = ErrorField == "regio" ? "fout-regio" : null,
    };
}
