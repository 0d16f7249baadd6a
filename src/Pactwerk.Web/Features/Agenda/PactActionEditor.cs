using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>What an editor may change of an action; Version is the one they started from.</summary>
public sealed class PactActionInput
{
    [Required(ErrorMessage = "Geef een titel."), StringLength(300, ErrorMessage = "De titel is te lang (hoogstens 300 tekens).")]
    public string Title { get; set; } = "";
    [Required(ErrorMessage = "Geef een beschrijving."), StringLength(4000, ErrorMessage = "De beschrijving is te lang (hoogstens 4000 tekens).")]
    public string Summary { get; set; } = "";
    public PactActionKind Kind { get; set; }
    [Required(ErrorMessage = "Kies een regio."), StringLength(40)]
    public string RegionCode { get; set; } = "";
    [Range(1990, 2100, ErrorMessage = "Het startjaar ligt tussen 1990 en 2100.")]
    public int? StartYear { get; set; }
    public int Version { get; set; }
}

/// <summary>A change someone else saved after the editor's version.</summary>
public sealed record ChangeByOther(string Actor, DateTime At, IReadOnlyDictionary<string, JsonElement> Before, IReadOnlyDictionary<string, JsonElement> After);

public abstract record EditOutcome
{
    public sealed record Saved(PactAction Action) : EditOutcome;
    public sealed record NotFound : EditOutcome;
    public sealed record Forbidden(string Reason) : EditOutcome;
    public sealed record Invalid(IDictionary<string, string[]> Errors) : EditOutcome;
    public sealed record Stale(PactAction Current, IReadOnlyList<ChangeByOther> Changes) : EditOutcome;
}

/// <summary>
/// Changes an action, for the API and the edit page alike: validates, checks the editor's scope
/// on the action as it is and on the region it would move to, and refuses a stale version.
/// </summary>
public sealed class PactActionEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public async Task<bool> MayEditAsync(PactAction action, CancellationToken ct) =>
        (await EditableAsync([(action.Id, action.PactId, action.RegionId, action.LeadOrganisationId)], ct)).Contains(action.Id);

    /// <summary>Which of these actions the current user may change; one look-up of municipalities for all of them.</summary>
    public async Task<IReadOnlySet<int>> EditableAsync(IReadOnlyCollection<(int Id, int PactId, int RegionId, int? LeadOrganisationId)> actions, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn)
            return new HashSet<int>();
        var municipalities = await AccessScopeProvider.MunicipalitiesOfAsync(db, actions.Select(a => a.RegionId).Distinct().ToList(), ct);
        return actions.Where(a => scope.MayEdit(a.PactId, municipalities[a.RegionId], a.LeadOrganisationId)).Select(a => a.Id).ToHashSet();
    }

    public async Task<EditOutcome> UpdateAsync(int id, PactActionInput input, CancellationToken ct)
    {
        var action = await db.PactActions.Include(a => a.Region).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
            return new EditOutcome.NotFound();
        if (!await MayEditAsync(action, ct))
            return new EditOutcome.Forbidden("Je mag dit initiatief niet wijzigen.");

        var errors = Validate(input);
        var code = (input.RegionCode ?? "").Trim().ToUpperInvariant();
        var region = code.Length == 0 ? null : await db.Regions.SingleOrDefaultAsync(r => r.Code == code && r.ValidTo == null, ct);
        if (region is null && !errors.ContainsKey(nameof(input.RegionCode)))
            errors[nameof(input.RegionCode)] = [$"Er is geen regio met code '{input.RegionCode}'."];
        if (errors.Count > 0)
            return new EditOutcome.Invalid(errors);

        if (region!.Id != action.RegionId)
        {
            var scope = await scopes.GetAsync(ct);
            var target = await AccessScopeProvider.MunicipalitiesOfAsync(db, [region.Id], ct);
            if (!scope.MayEdit(action.PactId, target[region.Id], action.LeadOrganisationId))
                return new EditOutcome.Forbidden($"Je mag geen initiatieven in {region.Name} beheren.");
        }

        // The version the editor saw is what the update is conditional on.
        db.Entry(action).Property(a => a.Version).OriginalValue = input.Version;
        action.Title = input.Title.Trim();
        action.Summary = input.Summary.Trim();
        action.Kind = input.Kind;
        action.RegionId = region.Id;
        action.Region = region;
        action.StartYear = input.StartYear;
        try
        {
            await db.SaveChangesAsync(ct);
            return new EditOutcome.Saved(action);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.PactActions.AsNoTracking().Include(a => a.Region).SingleAsync(a => a.Id == id, ct);
            return new EditOutcome.Stale(current, await ChangesSinceAsync(id, input.Version, ct));
        }
    }

    private static Dictionary<string, string[]> Validate(PactActionInput input)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(input, new ValidationContext(input), results, validateAllProperties: true);
        if (!Enum.IsDefined(input.Kind))
            results.Add(new ValidationResult("Onbekende soort initiatief.", [nameof(input.Kind)]));
        return results.SelectMany(r => r.MemberNames.Select(m => (m, r.ErrorMessage ?? "Ongeldig.")))
            .GroupBy(e => e.m).ToDictionary(g => g.Key, g => g.Select(e => e.Item2).ToArray());
    }

    /// <summary>The audited updates that moved the action past the version the editor started from.</summary>
    private async Task<IReadOnlyList<ChangeByOther>> ChangesSinceAsync(int id, int version, CancellationToken ct)
    {
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(PactAction) && a.EntityId == key && a.Action == AuditActions.Updated)
            .OrderBy(a => a.Id).ToListAsync(ct);
        return entries.Select(e => new ChangeByOther(e.Actor, e.At, Parse(e.Before), Parse(e.After)))
            .Where(c => c.After.TryGetValue(nameof(PactAction.Version), out var v) && v.GetInt32() > version)
            .Select(c => c with
            {
                Before = c.Before.Where(p => p.Key != nameof(PactAction.Version)).ToDictionary(),
                After = c.After.Where(p => p.Key != nameof(PactAction.Version)).ToDictionary(),
            }).ToList();
    }

    private static Dictionary<string, JsonElement> Parse(string? json) =>
        json is null ? [] : JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? [];
}
