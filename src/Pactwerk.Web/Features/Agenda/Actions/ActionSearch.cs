using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;
using static Pactwerk.Web.Shared.Values;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>The filters of the action lists as they arrive from a query string, unchecked.</summary>
public sealed class ActionQuery
{
    /// <summary>Pact code (techniekpact).</summary>
    public string? Pact { get; set; }
    /// <summary>The number of an objective within the pact; needs the pact.</summary>
    public int? Objective { get; set; }
    /// <summary>Code of a region of any set; includes every region that lies wholly inside it.</summary>
    public string? Region { get; set; }
    /// <summary>Organisation id: the owner or a partner.</summary>
    public int? Organisation { get; set; }
    public string? Kind { get; set; }
    public string? Status { get; set; }
    public bool? AtRisk { get; set; }
    /// <summary>Actions whose period overlaps this calendar year.</summary>
    public int? Year { get; set; }
}

/// <summary>Checked filters: every code resolved, the region turned into the regions that lie inside it.</summary>
public sealed record ActionFilter(
    (int Id, string Code, string Name)? Pact,
    (int Id, int Number, string Title)? Objective,
    (string Code, string Name, IReadOnlySet<int> Inside)? Region,
    (int Id, string Name)? Organisation,
    PactActionKind? Kind,
    ActionStatus? Status,
    bool? AtRisk,
    int? Year)
{
    public static readonly ActionFilter None = new(null, null, null, null, null, null, null, null);
}

public sealed record ActionRegionDto(string Code, string Name);
public sealed record ActionSummary(int Id, string Pact, string Slug, string Title, PactActionKind Kind, ActionStatus Status,
    IReadOnlyList<ActionRegionDto> Regions, int? LeadOrganisationId, string? LeadOrganisation, DateOnly? StartsOn, DateOnly? EndsOn, bool AtRisk);

/// <summary>
/// The action lists for the API and the pages alike: one place that reads the filters, so the
/// list, an objective's page, a region's register and the API show the same actions.
/// </summary>
public sealed class ActionSearch(PactwerkDb db, ContinuityCheck continuity)
{
    /// <summary>Checks the filters; on a mistake returns the errors per parameter, each naming the valid values.</summary>
    public async Task<(ActionFilter? Filter, Dictionary<string, string[]> Errors)> ParseAsync(ActionQuery query, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        PactActionKind? kind = null;
        if (Blank(query.Kind) is { } kindText)
        {
            if (TryParseName<PactActionKind>(kindText, out var k)) kind = k;
            else errors["kind"] = [$"Onbekende soort actie '{kindText}'. Kies uit: {string.Join(", ", Enum.GetNames<PactActionKind>())}."];
        }
        ActionStatus? status = null;
        if (Blank(query.Status) is { } statusText)
        {
            if (TryParseName<ActionStatus>(statusText, out var s)) status = s;
            else errors["status"] = [$"Onbekende status '{statusText}'. Kies uit: {string.Join(", ", Enum.GetNames<ActionStatus>())}."];
        }

        (int, string, string)? pact = null;
        if (Blank(query.Pact) is { } pactCode)
        {
            if (await Pacts.PactLookup.FindAsync(db, pactCode, ct) is { } found)
                pact = (found.Id, found.Code, found.Name);
            else
                errors["pact"] = [$"Onbekend pact '{pactCode}'. Kies uit: {string.Join(", ", await db.Pacts.OrderBy(p => p.Code).Select(p => p.Code).ToListAsync(ct))}."];
        }

        (int, int, string)? objective = null;
        if (query.Objective is { } number)
        {
            if (pact is { } p)
            {
                var objectives = await db.Objectives.Where(o => o.PactId == p.Item1).OrderBy(o => o.Number).Select(o => new { o.Id, o.Number, o.Title }).ToListAsync(ct);
                if (objectives.FirstOrDefault(o => o.Number == number) is { } o)
                    objective = (o.Id, o.Number, o.Title);
                else
                    errors["objective"] = [$"Het {p.Item3} heeft geen doel met nummer {number}. Kies uit: {(objectives.Count == 0 ? "(nog geen doelen)" : string.Join(", ", objectives.Select(x => x.Number)))}."];
            }
            else if (!errors.ContainsKey("pact"))
                errors["objective"] = ["Een doel is een nummer binnen een pact: geef ook het pact (bijvoorbeeld pact=techniekpact&objective=1)."];
        }

        (string, string, IReadOnlySet<int>)? region = null;
        if (Blank(query.Region) is { } regionCode)
        {
            var found = await db.Regions.Where(r => r.Code == regionCode.ToUpperInvariant() && r.ValidTo == null)
                .Select(r => new { r.Id, r.Code, r.Name }).SingleOrDefaultAsync(ct);
            if (found is null)
            {
                var codes = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind != RegionSetKind.Municipalities)
                    .OrderBy(r => r.Code).Select(r => r.Code).ToListAsync(ct);
                errors["region"] = [$"Er is geen regio met code '{regionCode}'. Kies uit: {string.Join(", ", codes)}, of de code van een gemeente (GM gevolgd door vier cijfers, zoals GM0363)."];
            }
            else
                region = (found.Code, found.Name, await RegionsInsideAsync(found.Id, ct));
        }

        (int, string)? organisation = null;
        if (query.Organisation is { } organisationId)
        {
            if (await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync(ct) is { } name)
                organisation = (organisationId, name);
            else
                errors["organisation"] = [$"Er is geen organisatie met nummer {organisationId}."];
        }
        if (query.Year is < 1900 or > 2200)
            errors["year"] = ["Een jaar ligt tussen 1900 en 2200."];

        return errors.Count > 0 ? (null, errors) : (new ActionFilter(pact, objective, region, organisation, kind, status, query.AtRisk, query.Year), errors);
    }

    /// <summary>The regions used by actions that lie wholly inside the given region.</summary>
    private async Task<IReadOnlySet<int>> RegionsInsideAsync(int regionId, CancellationToken ct) =>
        await AccessScopeProvider.RegionsInsideAsync(db, regionId, await db.ActionRegions.Select(r => r.RegionId).Distinct().ToListAsync(ct), ct);

    /// <summary>The matching actions by title, each with whether it is at continuity risk.</summary>
    public async Task<List<ActionSummary>> ListAsync(ActionFilter filter, CancellationToken ct)
    {
        var actions = Apply(filter);
        var rows = await actions.OrderBy(a => a.Title).ThenBy(a => a.Id).Select(a => new
            {
                a.Id, Pact = db.Pacts.Where(p => p.Id == a.PactId).Select(p => p.Code).First(), a.Slug, a.Title, a.Kind, a.Status,
                Regions = a.Regions.OrderBy(r => r.Region.Code).Select(r => new ActionRegionDto(r.Region.Code, r.Region.Name)).ToList(),
                a.LeadOrganisationId, LeadOrganisation = a.LeadOrganisation == null ? null : a.LeadOrganisation.Name, a.StartsOn, a.EndsOn,
            }).ToListAsync(ct);
        var funding = (await db.FundingSources.AsNoTracking().Where(f => actions.Select(a => a.Id).Contains(f.ActionId)).ToListAsync(ct))
            .ToLookup(f => f.ActionId);
        return rows.Select(a => new ActionSummary(a.Id, a.Pact, a.Slug, a.Title, a.Kind, a.Status, a.Regions, a.LeadOrganisationId, a.LeadOrganisation,
                a.StartsOn, a.EndsOn, continuity.RiskOf(a.Status, a.EndsOn, funding[a.Id].ToList()) is not null))
            .Where(a => filter.AtRisk is null || a.AtRisk == filter.AtRisk).ToList();
    }

    private IQueryable<PactAction> Apply(ActionFilter filter)
    {
        IQueryable<PactAction> actions = db.PactActions.AsNoTracking();
        if (filter.Pact is { } pact)
            actions = actions.Where(a => a.PactId == pact.Id);
        if (filter.Objective is { } objective)
            actions = actions.Where(a => a.Objectives.Any(o => o.ObjectiveId == objective.Id));
        if (filter.Region is { } region)
        {
            var inside = region.Inside.ToList();
            actions = actions.Where(a => a.Regions.Any(r => inside.Contains(r.RegionId)));
        }
        if (filter.Organisation is { } organisation)
            actions = actions.Where(a => a.LeadOrganisationId == organisation.Id || a.Partners.Any(p => p.OrganisationId == organisation.Id));
        if (filter.Kind is { } kind)
            actions = actions.Where(a => a.Kind == kind);
        if (filter.Status is { } status)
            actions = actions.Where(a => a.Status == status);
        if (filter.Year is { } year)
        {
            // An action without a start date has no known period and overlaps no year; without an end it goes on.
            var (first, last) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            actions = actions.Where(a => a.StartsOn != null && a.StartsOn <= last && (a.EndsOn == null || a.EndsOn >= first));
        }
        return actions;
    }

    /// <summary>The filters as a query string, for links that keep them.</summary>
    public static string QueryString(ActionFilter filter) => Microsoft.AspNetCore.Http.QueryString.Create(new List<KeyValuePair<string, string?>>
    {
        new("pact", filter.Pact?.Code), new("objective", filter.Objective?.Number.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("region", filter.Region?.Code), new("organisation", filter.Organisation?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("kind", filter.Kind?.ToString()), new("status", filter.Status?.ToString()),
        new("atRisk", filter.AtRisk is { } r ? (r ? "true" : "false") : null), new("year", filter.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    }.Where(p => p.Value is not null)).ToString();
}
