using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Network;

/// <summary>The directory: every organisation in any pact, filtered as the API filters.</summary>
[AllowAnonymous]
public sealed class OrganisationsModel(OrganisationDirectory directory, PactwerkDb db, OrganisationEditor editor) : PageModel
{
    public sealed record Choice(string Value, string Label);
    public sealed record RegionGroup(string Set, IReadOnlyList<Choice> Regions);

    /// <summary>From the query string only: Razor Pages keeps its own route value named "page", which is not a page number.</summary>
    [FromQuery]
    public DirectoryQuery Query { get; set; } = new();

    public DirectoryFilter? Filter { get; private set; }
    public DirectoryPage? Results { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<Choice> Pacts { get; private set; } = [];
    public IReadOnlyList<RegionGroup> RegionGroups { get; private set; } = [];
    public bool MayCreate { get; private set; }

    public string PactName(string code) => Pacts.FirstOrDefault(p => p.Value == code)?.Label ?? code;

    public int PageCount => Results is null ? 0 : Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Pacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new Choice(p.Code, p.Name)).ToListAsync(ct);
        var regions = await db.Regions.Where(r => r.ValidTo == null)
            .Select(r => new { r.Code, r.Name, Set = r.RegionSet.Name, r.RegionSet.SortOrder }).ToListAsync(ct);
        RegionGroups = regions.GroupBy(r => (r.SortOrder, r.Set)).OrderBy(g => g.Key.SortOrder)
            .Select(g => new RegionGroup(g.Key.Set, g.OrderBy(r => r.Name, Web.Shared.Values.Dutch).Select(r => new Choice(r.Code, r.Name)).ToList())).ToList();
        MayCreate = await editor.MayCreateAsync(ct);

        var (filter, errors) = await directory.ParseAsync(Query, ct);
        // A value the binder could not read (page=abc) is refused with the API's own wording, not silently ignored.
        foreach (var (key, entry) in ModelState.Where(m => m.Value is { Errors.Count: > 0 }))
            errors[key] = [$"Ongeldige waarde '{entry!.AttemptedValue}' voor {key.Replace("Query.", "", StringComparison.Ordinal).ToLowerInvariant()}."];
        if (filter is null || errors.Count > 0)
        {
            Errors = errors.SelectMany(e => e.Value).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Filter = filter;
        Results = await directory.PageAsync(filter, ct);
    }
}
