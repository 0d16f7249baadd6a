using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>The practices: search with Dutch word forms, facets as filters, results with their snippets.</summary>
[AllowAnonymous]
public sealed class PracticesModel(PracticeSearch search, PactwerkDb db, Accounts.AccessScopeProvider scopes, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>From the query string only: Razor Pages keeps its own route value named "page".</summary>
    [FromQuery]
    public PracticeQuery Query { get; set; } = new();

    public PracticeResults? Results { get; private set; }
    public IReadOnlyList<string> Errors { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Pacts { get; private set; } = [];
    /// <summary>The pacts the reader may describe a practice for: the one searched in when they may, else all theirs.</summary>
    public IReadOnlyList<(string Code, string Name)> WritePacts { get; private set; } = [];

    public int PageCount => Results is null ? 0 : Math.Max(1, (Results.Total + Results.PageSize - 1) / Results.PageSize);

    public async Task OnGetAsync(CancellationToken ct)
    {
        var pacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new { p.Id, p.Code, p.Name }).ToListAsync(ct);
        Pacts = pacts.Select(p => (p.Code, p.Name)).ToList();
        var scope = await scopes.GetAsync(ct);
        // Practices are written by the agenda's editors: coordinators, regional leads and coordinators, partner editors of a pact.
        var mine = pacts.Where(p => !scope.ReadOnly && (scope.Coordinates(p.Id) || scope.Grants.Any(g => g.PactId == p.Id
            && g.Kind is Accounts.RoleKind.RegionalLead or Accounts.RoleKind.RegionalCoordinator or Accounts.RoleKind.PartnerEditor)))
            .Select(p => (p.Code, p.Name)).ToList();
        WritePacts = mine.Where(p => string.Equals(p.Code, Query.Pact?.Trim(), StringComparison.OrdinalIgnoreCase)).ToList() is { Count: 1 } searched ? searched : mine;
        var (results, errors) = await search.SearchAsync(Query, ct);
        foreach (var (key, entry) in ModelState.Where(m => m.Value is { Errors.Count: > 0 }))
            errors[key] = [KnowledgeMessages.Format(KnowledgeMessages.InvalidValue, entry!.AttemptedValue, key.Replace("Query.", "", StringComparison.Ordinal).ToLowerInvariant())];
        if (results is null || errors.Count > 0)
        {
            Errors = errors.SelectMany(e => e.Value).Select(m => KnowledgeMessages.Localise(t, m)).ToList();
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Results = results;
    }

    /// <summary>This search's address with one parameter changed (null removes it); the page starts again at 1.</summary>
    public string WithObjective(string pact, string number) => Build(new() { ["q"] = Query.Q, ["region"] = Query.Region, ["sector"] = Query.Sector, ["pact"] = pact, ["objective"] = number });

    public string With(string name, string? value, int? page = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["q"] = Query.Q, ["pact"] = Query.Pact, ["objective"] = Query.Objective?.ToString(), ["region"] = Query.Region, ["sector"] = Query.Sector,
        };
        values[name] = value;
        if (name == "pact" && value != Query.Pact)
            values["objective"] = null;
        if (page is > 1)
            values["page"] = page.ToString();
        return Build(values);
    }

    private static string Build(Dictionary<string, string?> values)
    {
        var query = string.Join("&", values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => $"{v.Key}={Uri.EscapeDataString(v.Value!)}"));
        return "/praktijken" + (query.Length > 0 ? "?" + query : "");
    }
}
