using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// An action with everything about it; its editors add, change and remove funding sources and
/// report outputs here. Who may is decided by <see cref="ActionRecordsEditor"/>, the API's rules.
/// </summary>
[AllowAnonymous]
public sealed class ActionModel(ActionDetails details, ActionRecordsEditor records, ContinuityCheck continuity) : EditPageModel(inputPrefix: FundingForm)
{
    public ActionDetail Action { get; private set; } = null!;
    public int HorizonMonths => continuity.HorizonMonths;
    private const string FundingForm = "Funding.";
    private const string OutputForm = "Output.";

    [BindProperty] public FundingInput Funding { get; set; } = new();
    /// <summary>The funding source being changed; null when one is added.</summary>
    [BindProperty(SupportsGet = true)] public int? FundingId { get; set; }
    [BindProperty] public OutputInput Output { get; set; } = new();
    /// <summary>The output a report just corrected, to tell the reporter it replaced the earlier figure.</summary>
    [FromQuery(Name = "gecorrigeerd")] public int? CorrectedOutputId { get; set; }
    /// <summary>The messages of the funding form, when it was the one sent.</summary>
    public IDictionary<string, string[]> FundingErrors => InputPrefix == FundingForm ? Errors : new Dictionary<string, string[]>();
    /// <summary>The messages of the output form, when it was the one sent.</summary>
    public IDictionary<string, string[]> OutputErrors => InputPrefix == OutputForm ? Errors : new Dictionary<string, string[]>();

    public static string? ErrorId(IDictionary<string, string[]> errors, string field) => errors.ContainsKey(field) ? $"fout-{field}" : null;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
            return missing;
        if (FundingId is { } fundingId && Action.MayEdit && Action.Funding.FirstOrDefault(f => f.Id == fundingId) is { } source)
            Funding = new FundingInput { Funder = source.Funder, Amount = source.Amount, StartsOn = source.StartsOn, EndsOn = source.EndsOn, Version = source.Version };
        else
            FundingId = null;
        Output.Year ??= Action.OverdueYears.FirstOrDefault() is var y and > 0 ? y : Action.StartsOn?.Year;
        return Page();
    }

    public async Task<IActionResult> OnPostFundingAsync(int id, CancellationToken ct) =>
        await SaveAsync(() => FundingId is { } fundingId ? records.UpdateFundingAsync(id, fundingId, Funding, ct) : records.AddFundingAsync(id, Funding, ct),
            _ => $"/initiatieven/{id}#financiering", KeepEditingFunding) ?? await LoadAsync(id, ct) ?? Page();

    /// <param name="version">The version of the source the page showed; a removal of a source changed since is refused.</param>
    public async Task<IActionResult> OnPostRemoveFundingAsync(int id, int fundingId, int? version, CancellationToken ct)
    {
        FundingId = null;
        return await SaveAsync(() => records.RemoveFundingAsync(id, fundingId, version, ct), _ => $"/initiatieven/{id}#financiering", _ => { })
            ?? await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostOutputAsync(int id, CancellationToken ct)
    {
        InputPrefix = OutputForm;
        return await SaveAsync(() => records.ReportOutputAsync(id, Output, ct),
            r => r.Corrected ? $"/initiatieven/{id}?gecorrigeerd={r.Output.Id}#resultaten" : $"/initiatieven/{id}#resultaten") ?? await LoadAsync(id, ct) ?? Page();
    }

    public async Task<IActionResult> OnPostRemoveOutputAsync(int id, int outputId, CancellationToken ct)
    {
        InputPrefix = OutputForm;
        return await SaveAsync(() => records.RemoveOutputAsync(id, outputId, ct), _ => $"/initiatieven/{id}#resultaten") ?? await LoadAsync(id, ct) ?? Page();
    }

    /// <summary>The form keeps the editor's values, now on the current version so saving again overwrites.</summary>
    private void KeepEditingFunding(FundingSource current) => Funding.Version = current.Version;

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await details.FindAsync(id, ct) is not { } action)
            return NotFound();
        Action = action;
        return null;
    }
}
