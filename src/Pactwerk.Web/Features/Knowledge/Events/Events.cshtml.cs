using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>Upcoming events, filtered by pact and region, with the calendar feeds; internal meetings only for their members.</summary>
[AllowAnonymous]
public sealed class EventsModel(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record PactChoice(string Code, string Name);

    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }
    [BindProperty(SupportsGet = true)] public string? Region { get; set; }
    public IReadOnlyList<EventDto> Events { get; private set; } = [];
    public IReadOnlyList<PactChoice> Pacts { get; private set; } = [];
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    /// <summary>The pacts the reader may plan events for.</summary>
    public IReadOnlyList<PactChoice> Managed { get; private set; } = [];
    /// <summary>The archive (/evenementen/archief): events that are over, the last first.</summary>
    public bool Archive { get; private set; }
    public IReadOnlyList<LookupItem> Regions { get; private set; } = [];

    /// <summary>The region filter: a picker that falls back to a text field for a code or a name.</summary>
    public Picker RegionPicker() => new("Region", nameof(Region), t["Regio"].Value, "/api/v1/lookup/regions")
    {
        Options = Picker.SelectOrText(Regions), EmptyLabel = t["Heel Nederland"].Value, MaxLength = 100, Text = Region,
        Chosen = Picker.Labelled([Region ?? ""], Regions), Hint = t["Zoek op naam of code; zonder JavaScript een code of naam."].Value,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Pacts = await db.Pacts.OrderBy(p => p.Name).Select(p => new PactChoice(p.Code, p.Name)).ToListAsync(ct);
        var scope = await scopes.GetAsync(ct);
        var ids = await db.Pacts.Select(p => new { p.Id, p.Code }).ToListAsync(ct);
        Managed = Pacts.Where(p => EventAccess.MayManage(scope, ids.Single(i => i.Code == p.Code).Id)).ToList();
        Archive = RouteData.Values.TryGetValue("archive", out var archive) && archive is "archief";
        var today = DateOnly.FromDateTime(EventTimes.ToLocal(clock.GetUtcNow().UtcDateTime).DateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // A region name typed without script becomes its code; one that fits several regions is asked again rather than guessed.
        Regions = await RegionLookup.AllAsync(db, ct);
        var (region, ambiguous) = Lookup.Read([Region], Regions, t);
        Region = region.Count == 0 ? null : string.Join(", ", region);
        if (ambiguous.Count > 0)
        {
            Errors = new Dictionary<string, string[]> { ["region"] = [.. ambiguous] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var (filter, errors) = await EventsApi.ParseFilterAsync(db, Pact, Region, Archive ? null : today, null, ct);
        if (filter is null)
        {
            Errors = KnowledgeMessages.Localise(t, errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        if (Archive)
            filter = filter with { EndedBefore = clock.GetUtcNow().UtcDateTime };
        Events = await EventQueries.ListAsync(db, scope, filter, ct);
        if (Archive)
            Events = Events.Reverse().ToList();
        return Page();
    }
}
