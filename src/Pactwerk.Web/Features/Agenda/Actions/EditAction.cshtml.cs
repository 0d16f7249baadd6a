using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// New action (/initiatieven/nieuw?pact=techniekpact) or a change to one; who may is decided per
/// action by <see cref="PactActionEditor"/>, the same rules as the API.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EditActionModel(PactwerkDb db, PactActionEditor editor, AccessScopeProvider scopes, TimeProvider clock) : EditPageModel
{
    public sealed record Choice(int Id, string Label);
    /// <summary>Empty partner rows offered below the current partners.</summary>
    public const int BlankPartnerRows = 3;

    public int? Id { get; private set; }
    [BindProperty(SupportsGet = true)] public string? Pact { get; set; }
    public string PactName { get; private set; } = "";
    public string OriginalTitle { get; private set; } = "";
    [BindProperty] public PactActionInput Input { get; set; } = new();
    /// <summary>
    /// The regions as posted: one field of codes or names separated by commas (typed without script),
    /// or what the region picker posts in its place (the same).
    /// </summary>
    [BindProperty] public List<string> RegionCodes { get; set; } = [];
    /// <summary>Every organisation as a picker choice; the pickers fall back to a select of these, as the id is what is bound.</summary>
    public IReadOnlyList<LookupItem> Organisations { get; private set; } = [];
    public IReadOnlyList<LookupItem> Regions { get; private set; } = [];
    public IReadOnlyList<Choice> Objectives { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? id, CancellationToken ct)
    {
        Id = id;
        if (id is null)
        {
            if (await NewActionPactAsync(ct) is not { } pactId)
                return NotFound();
            return await MayCreateAsync(pactId, ct) ? await PageAsync(pactId, ct) : Forbid();
        }
        var action = await db.PactActions.AsNoTracking().AsSplitQuery().Include(a => a.Regions).ThenInclude(r => r.Region)
            .Include(a => a.Objectives).ThenInclude(o => o.Objective).Include(a => a.Partners).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
            return NotFound();
        if (!await editor.MayEditAsync(action, ct))
            return Forbid();
        OriginalTitle = action.Title;
        Input = new PactActionInput
        {
            Title = action.Title, Summary = action.Summary, Kind = action.Kind, Regions = action.Regions.Select(r => r.Region.Code).Order().ToList(),
            Status = action.Status, StopReason = action.StopReason, LeadOrganisationId = action.LeadOrganisationId,
            Objectives = action.Objectives.Select(o => o.Objective.Number).ToList(),
            Partners = action.Partners.Select(p => new PartnerInput { OrganisationId = p.OrganisationId, Role = p.Role }).ToList(),
            StartsOn = action.StartsOn, EndsOn = action.EndsOn, Budget = action.Budget, Version = action.Version,
        };
        return await PageAsync(action.PactId, ct);
    }

    public async Task<IActionResult> OnPostAsync(int? id, CancellationToken ct)
    {
        Id = id;
        int pactId;
        if (id is null)
        {
            if (await NewActionPactAsync(ct) is not { } newPact)
                return NotFound();
            if (!await MayCreateAsync(newPact, ct))
                return Forbid();
            pactId = newPact;
        }
        else
        {
            var current = await db.PactActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == id, ct);
            if (current is null)
                return NotFound();
            if (!await editor.MayEditAsync(current, ct))
                return Forbid();
            (pactId, OriginalTitle) = (current.PactId, current.Title);
        }
        // Names typed without script become codes; a name that fits several regions is asked again rather than guessed.
        var (regions, ambiguous) = Lookup.Read(RegionCodes, await RegionLookup.AllAsync(db, ct), Localiser);
        Input.Regions = regions;
        if (ambiguous.Count > 0)
        {
            foreach (var message in ambiguous)
                ModelState.AddModelError($"Input.{nameof(PactActionInput.Regions)}", message);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await PageAsync(pactId, ct);
        }
        // An unticked list is an empty one on a form; blank partner rows are the spare rows, not partners.
        Input.Objectives ??= [];
        Input.Partners = (Input.Partners ?? []).Where(p => p.OrganisationId != 0 || !string.IsNullOrWhiteSpace(p.Role)).ToList();
        // Refused on the regions or owner asked for (the editor may edit this action, or create in this pact): said at the field.
        return await SaveAsync(() => id is null ? editor.CreateAsync(Pact!, Input, ct) : editor.UpdateAsync(id.Value, Input, ct),
                a => $"/initiatieven/{a.Id}", current => Input.Version = current.Version, forbiddenAt: nameof(PactActionInput.Regions))
            ?? await PageAsync(pactId, ct);
    }

    private async Task<int?> NewActionPactAsync(CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, Pact, ct);
        (Pact, PactName) = (pact?.Code, pact?.Name ?? "");
        return pact?.Id;
    }

    /// <summary>Coordinators, regional leads and partner editors of the pact may start an action; the editor then checks its regions and owner.</summary>
    private async Task<bool> MayCreateAsync(int pactId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && (scope.Coordinates(pactId) || scope.Grants.Any(g => g.PactId == pactId
            && g.Kind is RoleKind.RegionalLead or RoleKind.RegionalCoordinator or RoleKind.PartnerEditor));
    }

    private async Task<IActionResult> PageAsync(int pactId, CancellationToken ct)
    {
        PactName = await db.Pacts.Where(p => p.Id == pactId).Select(p => p.Name).SingleAsync(ct);
        Organisations = await NetworkLookup.OrganisationsAsync(db, clock.Today(), ct);
        Regions = await RegionLookup.AllAsync(db, ct);
        Objectives = await db.Objectives.Where(o => o.PactId == pactId).OrderBy(o => o.Number).Select(o => new Choice(o.Number, o.Number + ". " + o.Title)).ToListAsync(ct);
        return Page();
    }

    /// <summary>The regions picker: chips for what is chosen, and without script the text as it was typed.</summary>
    public Picker RegionPicker() => new("Input_Regions", nameof(RegionCodes), Localiser["Regio's"].Value, "/api/v1/lookup/regions")
    {
        Multiple = true, Required = true, Options = Picker.SelectOrText(Regions), Chosen = Picker.Labelled(Input.Regions ?? [], Regions),
        Text = RegionCodes.Count == 0 ? null : string.Join(", ", RegionCodes),
        Hint = Localiser["Zoek op naam of code. Zonder JavaScript: codes of namen, gescheiden door komma's (bijvoorbeeld TP-OOST, PV23 of Amsterdam)."].Value,
        ErrorId = ErrorId(nameof(PactActionInput.Regions)),
    };

    /// <summary>An organisation picker posting an organisation's id; <paramref name="none"/> is what "no organisation" posts.</summary>
    public Picker OrganisationPicker(string id, string name, string label, int? chosen, string none, string? errorId = null) =>
        new(id, name, label, "/api/v1/lookup/organisations")
        {
            Options = Organisations, EmptyLabel = Localiser["Geen"].Value, EmptyValue = none, ErrorId = errorId,
            Chosen = chosen is null or 0 ? [] : Picker.Labelled([chosen.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)], Organisations),
        };
}
