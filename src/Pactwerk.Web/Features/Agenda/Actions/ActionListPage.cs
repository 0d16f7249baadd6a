using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// What the action lists share (/initiatieven, an objective's page, a region's register): the
/// API's filters as a GET form, the choices it offers, the count and the risk badge.
/// </summary>
public abstract class ActionListPage(PactwerkDb db, ActionSearch search, PactActionEditor editor) : PageModel
{
    public sealed record Choice(string Value, string Label);
    public sealed record Group(string Label, IReadOnlyList<Choice> Choices);

    protected PactwerkDb Db => db;

    /// <summary>From the query string only: Razor Pages keeps its own route values.</summary>
    [FromQuery] public ActionQuery Query { get; set; } = new();
    public ActionFilter? Filter { get; private set; }
    public IReadOnlyList<ActionSummary> Rows { get; private set; } = [];
    public IReadOnlySet<int> Editable { get; private set; } = new HashSet<int>();
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<Choice> Pacts { get; private set; } = [];
    public IReadOnlyList<Choice> Objectives { get; private set; } = [];
    public IReadOnlyList<Group> RegionGroups { get; private set; } = [];
    public IReadOnlyList<Choice> Organisations { get; private set; } = [];
    /// <summary>Filters the page fixes itself (the pact of an objective's page); the form does not offer them.</summary>
    public virtual IReadOnlySet<string> FixedFilters => new HashSet<string>();
    /// <summary>Where the form sends its filters.</summary>
    public abstract string FormAction { get; }

    /// <summary>Reads the filters, lets the page fix some of them, and lists the actions; a wrong filter gets a 400 with what is valid.</summary>
    protected async Task ListAsync(Action<ActionQuery> fix, CancellationToken ct)
    {
        var unreadable = ModelState.Where(m => m.Value is { Errors.Count: > 0 })
            .ToDictionary(m => m.Key, m => new[] { $"Ongeldige waarde '{m.Value!.AttemptedValue}' voor {m.Key.Replace("Query.", "", StringComparison.Ordinal).ToLowerInvariant()}." });
        fix(Query);
        var (filter, errors) = await search.ParseAsync(Query, ct);
        foreach (var (key, messages) in unreadable)
            errors[key] = messages;
        await ChoicesAsync(filter?.Pact?.Id, ct);
        if (filter is null || errors.Count > 0)
        {
            Errors = errors.SelectMany(e => e.Value).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Filter = filter;
        Rows = await search.ListAsync(filter, ct);
        var ids = Rows.Select(r => r.Id).ToList();
        Editable = User.Identity?.IsAuthenticated == true ? await editor.EditableAsync(db.PactActions.Where(a => ids.Contains(a.Id)), ct) : new HashSet<int>();
    }

    private async Task ChoicesAsync(int? pactId, CancellationToken ct)
    {
        Pacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new Choice(p.Code, p.Name)).ToListAsync(ct);
        Objectives = pactId is null ? []
            : await db.Objectives.Where(o => o.PactId == pactId).OrderBy(o => o.Number)
                .Select(o => new Choice(o.Number.ToString(), o.Number + ". " + o.Title)).ToListAsync(ct);
        // The regions that are not municipalities, by set; a municipality can be typed as its code in the API.
        var regions = await db.Regions.Where(r => r.ValidTo == null && r.RegionSet.Kind != Regions.RegionSetKind.Municipalities)
            .Select(r => new { r.Code, r.Name, Set = r.RegionSet.Name, r.RegionSet.SortOrder }).ToListAsync(ct);
        RegionGroups = regions.GroupBy(r => (r.SortOrder, r.Set)).OrderBy(g => g.Key.SortOrder)
            .Select(g => new Group(g.Key.Set, g.OrderBy(r => r.Name, Values.Dutch).Select(r => new Choice(r.Code, r.Name)).ToList())).ToList();
        // Only organisations that own or partner in an action: the rest would always give an empty list.
        Organisations = (await db.Organisations.Where(o => db.PactActions.Any(a => a.LeadOrganisationId == o.Id) || db.ActionPartners.Any(p => p.OrganisationId == o.Id))
            .Select(o => new Choice(o.Id.ToString(), o.Name)).ToListAsync(ct)).OrderBy(o => o.Label, Values.Dutch).ToList();
    }
}
