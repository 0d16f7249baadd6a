using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Agenda.PactAction>;

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

    public async Task<EditOutcome<PactAction>> UpdateAsync(int id, PactActionInput input, CancellationToken ct)
    {
        var action = await db.PactActions.Include(a => a.Region).SingleOrDefaultAsync(a => a.Id == id, ct);
        if (action is null)
            return new Outcome.NotFound();
        if (!await MayEditAsync(action, ct))
            return new Outcome.Forbidden("Je mag dit initiatief niet wijzigen.");

        var errors = Validate(input);
        var code = (input.RegionCode ?? "").Trim().ToUpperInvariant();
        var region = code.Length == 0 ? null : await db.Regions.SingleOrDefaultAsync(r => r.Code == code && r.ValidTo == null, ct);
        if (region is null && !errors.ContainsKey(nameof(input.RegionCode)))
            errors[nameof(input.RegionCode)] = [$"Er is geen regio met code '{input.RegionCode}'."];
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);

        if (region!.Id != action.RegionId)
        {
            var scope = await scopes.GetAsync(ct);
            var target = await AccessScopeProvider.MunicipalitiesOfAsync(db, [region.Id], ct);
            if (!scope.MayEdit(action.PactId, target[region.Id], action.LeadOrganisationId))
                return new Outcome.Forbidden($"Je mag geen initiatieven in {region.Name} beheren.");
        }
        action.Title = input.Title.Trim();
        action.Summary = input.Summary.Trim();
        action.Kind = input.Kind;
        action.RegionId = region.Id;
        action.Region = region;
        action.StartYear = input.StartYear;
        // The version the editor saw is what the update is conditional on.
        return await EditSupport.SaveVersionedAsync(db, action, id, input.Version,
            () => db.PactActions.AsNoTracking().Include(a => a.Region).SingleAsync(a => a.Id == id, ct), ct);
    }

    private static Dictionary<string, string[]> Validate(PactActionInput input)
    {
        var errors = EditSupport.Validate(input);
        if (!Enum.IsDefined(input.Kind))
            errors[nameof(input.Kind)] = ["Onbekende soort initiatief."];
        return errors;
    }
}
