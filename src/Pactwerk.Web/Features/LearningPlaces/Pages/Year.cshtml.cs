using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// The year view for everyone, as the API gives it (<see cref="LearningPlaceYear"/>): a row per place, a column per ISO week,
/// each cell a short text with a legend (the colour only repeats it), and per place the counts of empty and unsupervised
/// weeks, so an organisation sees its gap weeks at a glance. States only, as the API: the learners are people.
/// </summary>
[AllowAnonymous]
public sealed class YearModel(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Choice(string Value, string Name, string Group);

    [BindProperty(SupportsGet = true, Name = "organisatie")] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true, Name = "regio")] public string? Region { get; set; }
    [BindProperty(SupportsGet = true, Name = "jaar")] public string? Year { get; set; }

    public IReadOnlyList<PlaceYearDto>? Places { get; private set; }
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }
    public int Shown { get; private set; }
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    public IReadOnlyList<Choice> Regions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Organisations = await db.Organisations.AsNoTracking().Where(o => db.Set<LearningPlace>().Any(p => p.OrganisationId == o.Id))
            .OrderBy(o => o.Name).Select(o => new Choice(o.Id.ToString(CultureInfo.InvariantCulture), o.Name, "")).ToListAsync(ct);
        Regions = await db.Regions.AsNoTracking().Where(r => r.RegionSet.Code == ReferenceData.RegionSetCodes.Provinces
                || r.RegionSet.Code == ReferenceData.RegionSetCodes.TechniekpactLandsdelen || r.RegionSet.Code == ReferenceData.RegionSetCodes.LabourMarketRegions)
            .OrderBy(r => r.RegionSet.Name).ThenBy(r => r.Name).Select(r => new Choice(r.Code, r.Name, r.RegionSet.Name)).ToListAsync(ct);

        Year = Year?.Trim();
        Organisation = Organisation?.Trim();
        Region = Region?.Trim();
        if (string.IsNullOrEmpty(Year))
            Year = clock.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture);
        if (string.IsNullOrEmpty(Organisation) && string.IsNullOrEmpty(Region))
        {
            // Without a choice, the organisation the reader acts for, when there is exactly one; else the form alone.
            var own = LearningPlaceAccess.OrganisationsOf(await scopes.GetAsync(ct));
            if (own.Count != 1)
                return;
            Organisation = own[0].ToString(CultureInfo.InvariantCulture);
        }

        if (!int.TryParse(Year, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            Refuse("jaar", LearningPlaceMessages.YearInvalid);
            return;
        }
        int? organisation = null;
        if (!string.IsNullOrEmpty(Organisation))
        {
            if (!int.TryParse(Organisation, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                Refuse("organisatie", LearningPlaceMessages.YearScopeMissing);
                return;
            }
            organisation = id;
        }
        switch (await LearningPlaceYear.ScopeAsync(db, organisation, Region, year, ct))
        {
            case LearningPlaceYear.Scope.Invalid(var field, var message):
                Refuse(field == "year" ? "jaar" : "organisatie", message);
                break;
            case LearningPlaceYear.Scope.NotFound(var message):
                Error = LearningPlaceMessages.Localise(t, message);
                ErrorField = string.IsNullOrEmpty(Region) ? "organisatie" : "regio";
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case LearningPlaceYear.Scope.Places(var places):
                Shown = year;
                Places = await LearningPlaceYear.ForAsync(db, places, year, ct);
                break;
        }
    }

    private void Refuse(string field, string message)
    {
        Error = LearningPlaceMessages.Localise(t, message);
        ErrorField = field;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }

    /// <summary>A week's short text in the table; the legend spells each one out.</summary>
    public static string Short(WeekState state) => state switch
    {
        WeekState.Filled => "G",
        WeekState.Empty => "L",
        WeekState.Unsupervised => "ZB",
        _ => "–",
    };

    public static string Name(WeekState state) => state switch
    {
        WeekState.Filled => "gevuld",
        WeekState.Empty => "leeg",
        WeekState.Unsupervised => "zonder begeleiding",
        _ => "niet aangeboden",
    };

    /// <summary>The cell's class, which only repeats its text in colour.</summary>
    public static string Css(WeekState state) => "week-" + state.ToString().ToLowerInvariant();
}
