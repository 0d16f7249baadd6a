using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Agenda.PactAction>;

namespace Pactwerk.Web.Features.Agenda;

public sealed class PartnerInput
{
    public int OrganisationId { get; set; }
    /// <summary>The organisation's id as the GET names it: the same as <see cref="OrganisationId"/>.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("id"), System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public int? Id { get => null; set { if (value is { } id) OrganisationId = id; } }
    [Required(ErrorMessage = "Geef de rol van de partner."), StringLength(300, ErrorMessage = "De rol van een partner is te lang (hoogstens 300 tekens).")]
    public string Role { get; set; } = "";
}

/// <summary>
/// What an editor may set of an action; Version is the one they started from (0 for a new one).
/// Status, Objectives and Partners left out (null) stay as they are.
/// </summary>
public class PactActionInput
{
    [Required(ErrorMessage = "Geef een titel."), StringLength(300, ErrorMessage = "De titel is te lang (hoogstens 300 tekens).")]
    public string Title { get; set; } = "";
    [Required(ErrorMessage = "Geef een beschrijving."), StringLength(4000, ErrorMessage = "De beschrijving is te lang (hoogstens 4000 tekens).")]
    public string Summary { get; set; } = "";
    public PactActionKind Kind { get; set; }
    public ActionStatus? Status { get; set; }
    [StringLength(1000, ErrorMessage = "De reden is te lang (hoogstens 1000 tekens).")]
    public string? StopReason { get; set; }
    /// <summary>The owner organisation.</summary>
    public int? LeadOrganisationId { get; set; }
    /// <summary>Codes of the regions the action runs in (TP-OOST, PV23, GM0193), of any set; or the regions as the GET returns them.</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Web.Shared.ReadBackJson.Codes))]
    public List<string> Regions { get; set; } = [];
    /// <summary>Numbers of the pact's objectives; or the objectives as the GET returns them (their number counts, not their id).</summary>
    [System.Text.Json.Serialization.JsonConverter(typeof(Web.Shared.ReadBackJson.Numbers))]
    public List<int>? Objectives { get; set; }
    /// <summary>Each with its organisationId (or id, as the GET returns it) and role.</summary>
    public List<PartnerInput>? Partners { get; set; }
    public DateOnly? StartsOn { get; set; }
    public DateOnly? EndsOn { get; set; }
    [Range(typeof(decimal), "0", "999999999999.99", ParseLimitsInInvariantCulture = true, ErrorMessage = "Het budget is een bedrag van 0 euro of meer (en minder dan een biljoen).")]
    public decimal? Budget { get; set; }
    public int Version { get; set; }
}

/// <summary>A new action: the pact it belongs to (its code) and its fields.</summary>
public sealed class NewActionInput : PactActionInput
{
    public string Pact { get; set; } = "";
}

/// <summary>
/// Creates and changes actions, for the API and the edit pages alike: validates, checks the
/// editor's scope on the action as it is and as it would become, and refuses a stale version.
/// </summary>
public sealed class PactActionEditor(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public async Task<bool> MayEditAsync(PactAction action, CancellationToken ct)
    {
        var regionIds = action.Regions.Count > 0 ? action.Regions.Select(r => r.RegionId).ToList()
            : await db.ActionRegions.Where(r => r.ActionId == action.Id).Select(r => r.RegionId).ToListAsync(ct);
        return (await EditableAsync([new Editable(action.Id, action.PactId, regionIds, action.LeadOrganisationId)], ct)).Contains(action.Id);
    }

    public sealed record Editable(int Id, int PactId, IReadOnlyCollection<int> RegionIds, int? LeadOrganisationId);

    /// <summary>Which of these actions the current user may change; one look-up of municipalities for all of them.</summary>
    public async Task<IReadOnlySet<int>> EditableAsync(IReadOnlyCollection<Editable> actions, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return new HashSet<int>();
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, actions.SelectMany(a => a.RegionIds).Distinct().ToList(), ct);
        return actions.Where(a => scope.MayEdit(a.PactId, a.RegionIds.SelectMany(r => municipalities[r]).ToHashSet(), a.LeadOrganisationId))
            .Select(a => a.Id).ToHashSet();
    }

    /// <summary>Which actions of these the user may edit, for lists that already hold the region ids.</summary>
    public async Task<IReadOnlySet<int>> EditableAsync(IQueryable<PactAction> actions, CancellationToken ct)
    {
        var rows = await actions.Select(a => new { a.Id, a.PactId, a.LeadOrganisationId, Regions = a.Regions.Select(r => r.RegionId).ToList() }).ToListAsync(ct);
        return await EditableAsync(rows.Select(a => new Editable(a.Id, a.PactId, a.Regions, a.LeadOrganisationId)).ToList(), ct);
    }

    public async Task<Outcome> CreateAsync(string pactCode, PactActionInput input, CancellationToken ct)
    {
        var pact = await db.Pacts.SingleOrDefaultAsync(p => p.Code == pactCode, ct);
        if (pact is null)
            return new Outcome.Invalid(new Dictionary<string, string[]> { ["pact"] = [$"Er is geen pact met code '{pactCode}'."] });
        var action = new PactAction { PactId = pact.Id, Slug = "", Title = "", Summary = "" };
        var problem = await ApplyAsync(action, input, isNew: true, ct);
        if (problem is not null)
            return problem;
        action.Slug = await UniqueSlugAsync(pact.Id, action.Title, ct);
        db.PactActions.Add(action);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(action);
    }

    public async Task<Outcome> UpdateAsync(int id, PactActionInput input, CancellationToken ct)
    {
        var action = await db.PactActions.Include(a => a.Regions).Include(a => a.Objectives).Include(a => a.Partners)
            .SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
            return new Outcome.NotFound();
        if (!await MayEditAsync(action, ct))
            return new Outcome.Forbidden("Je mag deze actie niet wijzigen.");
        var problem = await ApplyAsync(action, input, isNew: false, ct);
        if (problem is not null)
            return problem;
        // The version the editor saw is what the update is conditional on.
        return await EditSupport.SaveVersionedAsync(db, action, id, input.Version,
            () => db.PactActions.AsNoTracking().SingleAsync(a => a.Id == id, ct), ct);
    }

    /// <summary>Checks the input and the editor's scope on the result; changes the action only when all is well.</summary>
    private async Task<Outcome?> ApplyAsync(PactAction action, PactActionInput input, bool isNew, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        if (!Enum.IsDefined(input.Kind))
            errors[nameof(input.Kind)] = ["Onbekende soort actie."];
        if (input.Status is { } status && !Enum.IsDefined(status))
            errors[nameof(input.Status)] = ["Onbekende status."];
        // A new action may be recorded in any state (the pact's earlier work is recorded afterwards); an existing one follows the workflow.
        else if (input.Status is { } to && PactAction.RefuseMove(isNew ? to : action.Status, to, input.StopReason) is { } refusal)
            errors[nameof(input.Status)] = [refusal];
        else if (input.Status == ActionStatus.Stopped && string.IsNullOrWhiteSpace(input.StopReason ?? action.StopReason))
            errors[nameof(input.StopReason)] = ["Geef de reden waarom de actie stopt."];
        if (input.StartsOn is { } start && input.EndsOn is { } end && end < start)
            errors[nameof(input.EndsOn)] = ["De actie kan niet eindigen voordat ze begint."];

        var codes = (input.Regions ?? []).Select(c => (c ?? "").Trim().ToUpperInvariant()).Where(c => c.Length > 0).Distinct().ToList();
        var regions = await db.Regions.Where(r => codes.Contains(r.Code) && r.ValidTo == null).ToListAsync(ct);
        if (codes.Count == 0)
            errors[nameof(input.Regions)] = ["Kies ten minste één regio."];
        else if (codes.Except(regions.Select(r => r.Code)).ToList() is { Count: > 0 } unknown)
            errors[nameof(input.Regions)] = [$"Er is geen regio met code {string.Join(", ", unknown.Select(c => $"'{c}'"))}."];

        if (input.LeadOrganisationId is { } owner && !await db.Organisations.AnyAsync(o => o.Id == owner, ct))
            errors[nameof(input.LeadOrganisationId)] = [$"Er is geen organisatie met nummer {owner}."];

        List<Objective>? objectives = null;
        if (input.Objectives is { } numbers)
        {
            objectives = await db.Objectives.Where(o => o.PactId == action.PactId && numbers.Contains(o.Number)).ToListAsync(ct);
            if (numbers.Except(objectives.Select(o => o.Number)).ToList() is { Count: > 0 } unknown)
                errors[nameof(input.Objectives)] = [$"Dit pact heeft geen doel met nummer {string.Join(", ", unknown)}."];
        }
        if (input.Partners is { } partners)
        {
            var ids = partners.Select(p => p.OrganisationId).ToList();
            var known = await db.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
            if (ids.Except(known).ToList() is { Count: > 0 } unknown)
                errors[nameof(input.Partners)] = [$"Er is geen organisatie met nummer {string.Join(", ", unknown)}."];
            else if (ids.Count != ids.Distinct().Count())
                errors[nameof(input.Partners)] = ["Een organisatie staat twee keer bij de partners."];
            else if (partners.FirstOrDefault(p => EditSupport.Validate(p).Count > 0) is { } bad)
                errors[nameof(input.Partners)] = EditSupport.Validate(bad).SelectMany(e => e.Value).ToArray();
        }
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);

        // The editor must be allowed on what the action becomes: its regions and its owner.
        var scope = await scopes.GetAsync(ct);
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, regions.Select(r => r.Id).ToList(), ct);
        if (!scope.MayEdit(action.PactId, municipalities.Values.SelectMany(m => m).ToHashSet(), input.LeadOrganisationId))
            return new Outcome.Forbidden(input.LeadOrganisationId != action.LeadOrganisationId && !isNew
                ? "Je mag deze actie niet aan die organisatie geven of in die regio's laten lopen."
                : $"Je mag geen acties beheren in {string.Join(", ", regions.Select(r => r.Name))}.");

        action.Title = input.Title.Trim();
        action.Summary = input.Summary.Trim();
        action.Kind = input.Kind;
        if (isNew)
            action.RecordIn(input.Status ?? ActionStatus.Idea, input.StopReason);
        else if (input.Status is { } next && next != action.Status)
            action.MoveTo(next, input.StopReason);
        action.LeadOrganisationId = input.LeadOrganisationId;
        action.StartsOn = input.StartsOn;
        action.EndsOn = input.EndsOn;
        // A closed action has ended: without an end date its reports would be due for ever.
        var today = clock.Today();
        if (action.IsClosed && action.EndsOn is null && (action.StartsOn is null || action.StartsOn <= today))
            action.EndsOn = today;
        action.Budget = input.Budget;
        Replace(action.Regions, regions.Select(r => new ActionRegion { RegionId = r.Id, Region = r }), r => r.RegionId);
        if (objectives is not null)
            Replace(action.Objectives, objectives.Select(o => new ActionObjective { ObjectiveId = o.Id, Objective = o }), o => o.ObjectiveId);
        if (input.Partners is { } given)
        {
            Replace(action.Partners, given.Select(p => new ActionPartner { OrganisationId = p.OrganisationId, Role = p.Role.Trim() }), p => p.OrganisationId);
            foreach (var partner in action.Partners)
                partner.Role = given.Single(p => p.OrganisationId == partner.OrganisationId).Role.Trim();
        }
        // A change only to the links leaves the action row itself unchanged, yet it is a new version.
        if (!isNew && db.Entry(action).State == EntityState.Unchanged && db.ChangeTracker.HasChanges())
            db.Entry(action).Property(a => a.Version).IsModified = true;
        return null;
    }

    /// <summary>Keeps the links that stay (so the audit trail shows only real changes), removes and adds the rest.</summary>
    private static void Replace<T>(List<T> current, IEnumerable<T> wanted, Func<T, int> key)
    {
        var want = wanted.ToList();
        current.RemoveAll(c => want.All(w => key(w) != key(c)));
        current.AddRange(want.Where(w => current.All(c => key(c) != key(w))));
    }

    private async Task<string> UniqueSlugAsync(int pactId, string title, CancellationToken ct)
    {
        var slug = Slugs.From(title);
        var taken = await db.PactActions.Where(a => a.PactId == pactId && a.Slug.StartsWith(slug)).Select(a => a.Slug).ToListAsync(ct);
        var candidate = slug;
        for (var n = 2; taken.Contains(candidate); n++)
            candidate = $"{slug}-{n}";
        return candidate;
    }
}
