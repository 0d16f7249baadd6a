using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Agenda.Objective>;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>What a coordinator sets of an objective; Version is the one they started from (0 for a new one).</summary>
public sealed class ObjectiveInput
{
    [Range(1, 999, ErrorMessage = "Het nummer van een doel ligt tussen 1 en 999.")]
    public int Number { get; set; }
    [Required(ErrorMessage = "Geef een titel."), StringLength(300, ErrorMessage = "De titel is te lang (hoogstens 300 tekens).")]
    public string Title { get; set; } = "";
    [Required(ErrorMessage = "Geef een beschrijving."), StringLength(4000, ErrorMessage = "De beschrijving is te lang (hoogstens 4000 tekens).")]
    public string Description { get; set; } = "";
    /// <summary>Codes of the indicators that measure the objective.</summary>
    public List<string>? Indicators { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Creates and changes a pact's objectives. They frame the whole agenda of the pact, so only its
/// coordinators set them; a changed objective keeps its number (the plans refer to it).
/// </summary>
public sealed class ObjectiveEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public async Task<bool> MayEditAsync(int pactId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && scope.Coordinates(pactId);
    }

    public async Task<Outcome> CreateAsync(string pactCode, ObjectiveInput input, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, pactCode, ct);
        if (pact is null)
            return new Outcome.NotFound();
        if (!await MayEditAsync(pact.Id, ct))
            return new Outcome.Forbidden($"Alleen coördinatoren van het {pact.Name} stellen zijn doelen vast.");
        var objective = new Objective { PactId = pact.Id, Title = "", Description = "" };
        var errors = await ApplyAsync(objective, input, ct);
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);
        db.Objectives.Add(objective);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(objective);
    }

    public async Task<Outcome> UpdateAsync(int id, ObjectiveInput input, CancellationToken ct)
    {
        var objective = await db.Objectives.Include(o => o.Indicators).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (objective is null)
            return new Outcome.NotFound();
        if (!await MayEditAsync(objective.PactId, ct))
            return new Outcome.Forbidden("Alleen coördinatoren van het pact wijzigen zijn doelen.");
        var errors = await ApplyAsync(objective, input, ct);
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);
        // A change only to the indicators leaves the row itself unchanged, yet it is a new version.
        if (db.Entry(objective).State == EntityState.Unchanged && db.ChangeTracker.HasChanges())
            db.Entry(objective).Property(o => o.Version).IsModified = true;
        return await EditSupport.SaveVersionedAsync(db, objective, id, input.Version,
            () => db.Objectives.AsNoTracking().SingleAsync(o => o.Id == id, ct), ct);
    }

    private async Task<Dictionary<string, string[]>> ApplyAsync(Objective objective, ObjectiveInput input, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        if (await db.Objectives.AnyAsync(o => o.PactId == objective.PactId && o.Number == input.Number && o.Id != objective.Id, ct))
            errors[nameof(input.Number)] = [$"Dit pact heeft al een doel met nummer {input.Number}."];
        var codes = (input.Indicators ?? []).Select(c => (c ?? "").Trim()).Where(c => c.Length > 0).Distinct().ToList();
        var indicators = await db.Indicators.Where(i => codes.Contains(i.Code)).Select(i => new { i.Id, i.Code }).ToListAsync(ct);
        if (codes.Except(indicators.Select(i => i.Code)).ToList() is { Count: > 0 } unknown)
            errors[nameof(input.Indicators)] = [$"Er is geen indicator met code {string.Join(", ", unknown.Select(c => $"'{c}'"))}."];
        if (errors.Count > 0)
            return errors;

        objective.Number = input.Number;
        objective.Title = input.Title.Trim();
        objective.Description = input.Description.Trim();
        if (input.Indicators is not null)
        {
            objective.Indicators.RemoveAll(l => indicators.All(i => i.Id != l.IndicatorId));
            objective.Indicators.AddRange(indicators.Where(i => objective.Indicators.All(l => l.IndicatorId != i.Id))
                .Select(i => new ObjectiveIndicator { IndicatorId = i.Id }));
        }
        return errors;
    }
}
