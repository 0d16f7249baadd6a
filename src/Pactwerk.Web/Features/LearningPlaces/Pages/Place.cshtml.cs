using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// One learning place: its public fields for everyone; for its organisation's staff and the pacts' coordinators also its
/// supervisors and placements, and a form to place a learner, decided by <see cref="Placements"/> as the API's POST so the
/// seats and the supervisors' capacity hold.
/// </summary>
[AllowAnonymous]
public sealed class PlaceModel(PactwerkDb db, AccessScopeProvider scopes, Placements placements, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record SupervisorRow(int Id, string Name, int Capacity);
    public sealed record PlacementRow(string Learner, DateOnly From, DateOnly To, string Supervisor, bool Invented);

    [FromRoute] public int Id { get; set; }
    [BindProperty] public string? Learner { get; set; }
    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public int? SupervisorId { get; set; }

    public LearningPlaceDto Place { get; private set; } = null!;
    public int? FreeToday { get; private set; }
    /// <summary>Staff of the organisation and coordinators: they see supervisors and placements.</summary>
    public bool SeesPlacements { get; private set; }
    public bool MayPlace { get; private set; }
    public bool MayEdit { get; private set; }
    public IReadOnlyList<SupervisorRow> Supervisors { get; private set; } = [];
    public IReadOnlyList<PlacementRow> PlacementRows { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    public bool Placed { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "geplaatst")] bool placed, CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        Placed = placed;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        switch (await placements.PlaceAsync(Id, new PlacementInput(Learner, From, To, SupervisorId), invented: false, ct))
        {
            case PlacementOutcome.Placed:
                return Redirect($"/leerplekken/{Id}?geplaatst=true#plaatsingen");
            case PlacementOutcome.NotFound:
                return NotFound();
            case PlacementOutcome.Forbidden:
                return (await scopes.GetAsync(ct)).IsSignedIn ? Forbid() : Challenge();
            case PlacementOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[field] = messages.Select(m => LearningPlaceMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case PlacementOutcome.Full full:
                Errors["learner"] = [LearningPlaceMessages.Localise(t, full.Message)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if ((await LearningPlacesApi.DescribeAsync(db, db.Set<LearningPlace>().Where(p => p.Id == Id), ct)).SingleOrDefault() is not { } place)
            return false;
        Place = place;
        FreeToday = (await LearningPlacePageText.FreeTodayAsync(db, [place], DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct))[place.Id];
        var scope = await scopes.GetAsync(ct);
        MayEdit = LearningPlaceAccess.ActsFor(scope, place.OrganisationId, forChange: true);
        MayPlace = LearningPlaceAccess.MayPlace(scope, place.OrganisationId);
        SeesPlacements = LearningPlaceAccess.ActsFor(scope, place.OrganisationId, forChange: false) || scope.Coordinates();
        if (!SeesPlacements)
            return true;
        // Ordered here: a query cannot order by a property of a record it constructs.
        Supervisors = (await db.Set<LearningPlaceSupervisor>().AsNoTracking().Where(l => l.LearningPlaceId == Id)
            .Join(db.Set<Supervisor>(), l => l.SupervisorId, s => s.Id, (l, s) => new SupervisorRow(s.Id, s.Name, s.Capacity)).ToListAsync(ct))
            .OrderBy(s => s.Name, StringComparer.Ordinal).ThenBy(s => s.Id).ToList();
        PlacementRows = (await db.Set<Placement>().AsNoTracking().Where(p => p.LearningPlaceId == Id)
            .Join(db.Set<Supervisor>(), p => p.SupervisorId, s => s.Id, (p, s) => new PlacementRow(p.Learner, p.From, p.To, s.Name, p.Invented)).ToListAsync(ct))
            .OrderBy(p => p.From).ThenBy(p => p.To).ToList();
        return true;
    }

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;
    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
