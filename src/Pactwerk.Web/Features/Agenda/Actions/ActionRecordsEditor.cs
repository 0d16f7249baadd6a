using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

public sealed class FundingInput
{
    [Required(ErrorMessage = "Geef de financier."), StringLength(300, ErrorMessage = "De naam van de financier is te lang (hoogstens 300 tekens).")]
    public string Funder { get; set; } = "";
    [Required(ErrorMessage = "Geef het bedrag."), Range(typeof(decimal), "0", "999999999999.99", ParseLimitsInInvariantCulture = true, ErrorMessage = "Het bedrag is 0 euro of meer (en minder dan een biljoen).")]
    public decimal? Amount { get; set; }
    [Required(ErrorMessage = "Geef de begindatum van de financiering.")]
    public DateOnly? StartsOn { get; set; }
    /// <summary>Inclusive last day.</summary>
    [Required(ErrorMessage = "Geef de einddatum van de financiering.")]
    public DateOnly? EndsOn { get; set; }
    /// <summary>The version of the source the editor started from; needed to change one, ignored when one is added.</summary>
    public int? Version { get; set; }
}

public sealed class OutputInput
{
    [Required(ErrorMessage = "Geef het jaar.")]
    public int? Year { get; set; }
    [Required(ErrorMessage = "Kies de eenheid.")]
    public OutputUnit? Unit { get; set; }
    [Required(ErrorMessage = "Geef het aantal."), Range(typeof(decimal), "0", "999999999999.99", ParseLimitsInInvariantCulture = true, ErrorMessage = "Het aantal is 0 of meer (en minder dan een biljoen).")]
    public decimal? Quantity { get; set; }
    [StringLength(1000, ErrorMessage = "De toelichting is te lang (hoogstens 1000 tekens).")]
    public string? Note { get; set; }
}

/// <summary>
/// Funding sources and reported outputs of an action: the same editors as the action itself
/// (<see cref="PactActionEditor.MayEditAsync"/>), checked input, every change audited by the DbContext.
/// </summary>
public sealed class ActionRecordsEditor(PactwerkDb db, PactActionEditor actions, TimeProvider clock, IAuditActor actor)
{
    public const string NoRights = "Je mag de financiering en resultaten van deze actie niet wijzigen.";
    public const string VersionMissing = "Geef de versie van de financieringsbron waarvan je uitging (version), zodat een wijziging van iemand anders niet verloren gaat.";

    public async Task<EditOutcome<FundingSource>> AddFundingAsync(int actionId, FundingInput input, CancellationToken ct)
    {
        if (await EditableActionAsync(actionId, ct) is { } refused)
            return Convert<FundingSource>(refused);
        if (Check(input) is { } invalid)
            return invalid;
        var source = new FundingSource { ActionId = actionId, Funder = "" };
        Apply(source, input);
        db.FundingSources.Add(source);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<FundingSource>.Saved(source);
    }

    public async Task<EditOutcome<FundingSource>> UpdateFundingAsync(int actionId, int fundingId, FundingInput input, CancellationToken ct)
    {
        if (await EditableActionAsync(actionId, ct) is { } refused)
            return Convert<FundingSource>(refused);
        var source = await db.FundingSources.SingleOrDefaultAsync(f => f.Id == fundingId && f.ActionId == actionId, ct);
        if (source is null)
            return new EditOutcome<FundingSource>.NotFound();
        if (Check(input) is { } invalid)
            return invalid;
        if (input.Version is not { } version)
            return new EditOutcome<FundingSource>.Invalid(new Dictionary<string, string[]> { [nameof(input.Version)] = [VersionMissing] });
        Apply(source, input);
        return await EditSupport.SaveVersionedAsync(db, source, fundingId, version, () => CurrentFundingAsync(fundingId, source, ct), ct);
    }

    /// <summary>Removes a funding source, only when nobody changed it after <paramref name="version"/>.</summary>
    public async Task<EditOutcome<FundingSource>> RemoveFundingAsync(int actionId, int fundingId, int? version, CancellationToken ct)
    {
        if (await EditableActionAsync(actionId, ct) is { } refused)
            return Convert<FundingSource>(refused);
        var source = await db.FundingSources.SingleOrDefaultAsync(f => f.Id == fundingId && f.ActionId == actionId, ct);
        if (source is null)
            return new EditOutcome<FundingSource>.NotFound();
        if (version is not { } started)
            return new EditOutcome<FundingSource>.Invalid(new Dictionary<string, string[]> { ["Version"] = [VersionMissing] });
        db.FundingSources.Remove(source);
        return await EditSupport.SaveVersionedAsync(db, source, fundingId, started, () => CurrentFundingAsync(fundingId, source, ct), ct);
    }

    /// <summary>The source as it is now, after someone else's save; as the editor saw it when it is gone meanwhile.</summary>
    private async Task<FundingSource> CurrentFundingAsync(int fundingId, FundingSource seen, CancellationToken ct) =>
        await db.FundingSources.AsNoTracking().SingleOrDefaultAsync(f => f.Id == fundingId, ct) ?? seen;

    /// <summary>
    /// Records an output as reported now by the signed-in user, for a year within the action's period.
    /// An action has one figure per year and unit: reporting again for them corrects that figure
    /// (quantity, note, who and when), so a correction is never counted on top of the first report.
    /// </summary>
    public async Task<EditOutcome<OutputReport>> ReportOutputAsync(int actionId, OutputInput input, CancellationToken ct)
    {
        var action = await db.PactActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null)
            return new EditOutcome<OutputReport>.NotFound();
        if (!await actions.MayEditAsync(action, ct))
            return new EditOutcome<OutputReport>.Forbidden("Je mag geen resultaten rapporteren voor deze actie.");
        var errors = EditSupport.Validate(input);
        if (input.Unit is { } unit && !Enum.IsDefined(unit))
            errors[nameof(input.Unit)] = [$"Onbekende eenheid. Kies uit: {string.Join(", ", Enum.GetNames<OutputUnit>())}."];
        if (input.Year is { } year && RefuseYear(action, year) is { } refusal)
            errors[nameof(input.Year)] = [refusal];
        if (errors.Count > 0)
            return new EditOutcome<OutputReport>.Invalid(errors);
        try
        {
            return new EditOutcome<OutputReport>.Saved(await SaveReportAsync(actionId, input, ct));
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Someone reported the same year and unit at the same moment: this report corrects theirs.
            db.ChangeTracker.Clear();
            return new EditOutcome<OutputReport>.Saved(await SaveReportAsync(actionId, input, ct));
        }
    }

    private async Task<OutputReport> SaveReportAsync(int actionId, OutputInput input, CancellationToken ct)
    {
        var (year, unit) = (input.Year!.Value, input.Unit!.Value);
        var output = await db.ActionOutputs.SingleOrDefaultAsync(o => o.ActionId == actionId && o.Year == year && o.Unit == unit, ct);
        var previous = output?.Quantity;
        if (output is null)
        {
            output = new ActionOutput { ActionId = actionId, Year = year, Unit = unit, ReportedBy = "" };
            db.ActionOutputs.Add(output);
        }
        output.Quantity = input.Quantity!.Value;
        output.Note = Values.Blank(input.Note);
        output.ReportedBy = actor.Name;
        output.ReportedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return new OutputReport(output, previous);
    }

    /// <summary>Removes a wrongly reported output; the audit trail keeps what it said.</summary>
    public async Task<EditOutcome<ActionOutput>> RemoveOutputAsync(int actionId, int outputId, CancellationToken ct)
    {
        if (await EditableActionAsync(actionId, ct) is { } refused)
            return Convert<ActionOutput>(refused);
        var output = await db.ActionOutputs.SingleOrDefaultAsync(o => o.Id == outputId && o.ActionId == actionId, ct);
        if (output is null)
            return new EditOutcome<ActionOutput>.NotFound();
        db.ActionOutputs.Remove(output);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<ActionOutput>.Saved(output);
    }

    /// <summary>An output belongs to a year of the action's period; an action without an end runs until this year.</summary>
    private string? RefuseYear(PactAction action, int year)
    {
        if (action.StartsOn is not { } start)
            return "Deze actie heeft nog geen begindatum; leg eerst de looptijd vast en rapporteer dan de resultaten.";
        var last = action.EndsOn?.Year ?? clock.Today().Year;
        return year < start.Year || year > last
            ? $"Het jaar {year} valt buiten de looptijd van de actie ({start.Year}–{last}); rapporteer resultaten voor een jaar daarbinnen."
            : null;
    }

    private async Task<EditOutcome<PactAction>?> EditableActionAsync(int actionId, CancellationToken ct)
    {
        var action = await db.PactActions.AsNoTracking().SingleOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null)
            return new EditOutcome<PactAction>.NotFound();
        return await actions.MayEditAsync(action, ct) ? null : new EditOutcome<PactAction>.Forbidden(NoRights);
    }

    private static EditOutcome<T> Convert<T>(EditOutcome<PactAction> outcome) => outcome switch
    {
        EditOutcome<PactAction>.Forbidden f => new EditOutcome<T>.Forbidden(f.Reason),
        _ => new EditOutcome<T>.NotFound(),
    };

    private static EditOutcome<FundingSource>? Check(FundingInput input)
    {
        var errors = EditSupport.Validate(input);
        if (input.StartsOn is { } start && input.EndsOn is { } end && end < start)
            errors[nameof(input.EndsOn)] = ["De financiering kan niet eindigen voordat ze begint."];
        return errors.Count > 0 ? new EditOutcome<FundingSource>.Invalid(errors) : null;
    }

    private static void Apply(FundingSource source, FundingInput input)
    {
        source.Funder = input.Funder.Trim();
        source.Amount = input.Amount!.Value;
        source.StartsOn = input.StartsOn!.Value;
        source.EndsOn = input.EndsOn!.Value;
    }
}
