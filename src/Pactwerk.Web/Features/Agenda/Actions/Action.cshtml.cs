using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Agenda;

/// <summary>
/// An action with everything about it; its editors add, change and remove funding sources and
/// report outputs here. Who may is decided by <see cref="ActionRecordsEditor"/>, the API's rules.
/// </summary>
[AllowAnonymous]
public sealed class ActionModel(ActionDetails details, ActionRecordsEditor records, ContinuityCheck continuity, IStringLocalizer<SharedResource> t) : PageModel
{
    public ActionDetail Action { get; private set; } = null!;
    public int HorizonMonths => continuity.HorizonMonths;
    [BindProperty] public FundingInput Funding { get; set; } = new();
    /// <summary>The funding source being changed; null when one is added.</summary>
    [BindProperty(SupportsGet = true)] public int? FundingId { get; set; }
    [BindProperty] public OutputInput Output { get; set; } = new();
    /// <summary>The output a report just corrected, to tell the reporter it replaced the earlier figure.</summary>
    [FromQuery(Name = "gecorrigeerd")] public int? CorrectedOutputId { get; set; }
    /// <summary>What someone else changed in the funding source since the editor opened it.</summary>
    public IReadOnlyList<ChangeByOther>? FundingConflict { get; private set; }
    public IDictionary<string, string[]> FundingErrors { get; private set; } = new Dictionary<string, string[]>();
    public IDictionary<string, string[]> OutputErrors { get; private set; } = new Dictionary<string, string[]>();

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

    public async Task<IActionResult> OnPostFundingAsync(int id, CancellationToken ct)
    {
        var outcome = Unreadable(("Funding.Amount", Funding.Amount), ("Funding.StartsOn", Funding.StartsOn), ("Funding.EndsOn", Funding.EndsOn)) is { } bad
            ? new EditOutcome<FundingSource>.Invalid(bad)
            : FundingId is { } fundingId ? await records.UpdateFundingAsync(id, fundingId, Funding, ct) : await records.AddFundingAsync(id, Funding, ct);
        return await AnswerAsync(id, outcome, e => FundingErrors = e, _ => $"/initiatieven/{id}#financiering", ct, FundingStale);
    }

    /// <param name="version">The version of the source the page showed; a removal of a source changed since is refused.</param>
    public async Task<IActionResult> OnPostRemoveFundingAsync(int id, int fundingId, int? version, CancellationToken ct)
    {
        FundingId = null;
        return await AnswerAsync(id, await records.RemoveFundingAsync(id, fundingId, version, ct), e => FundingErrors = e, _ => $"/initiatieven/{id}#financiering", ct,
            stale => FundingConflict = stale.Changes);
    }

    public async Task<IActionResult> OnPostOutputAsync(int id, CancellationToken ct)
    {
        var outcome = Unreadable(("Output.Year", Output.Year), ("Output.Unit", Output.Unit), ("Output.Quantity", Output.Quantity)) is { } bad
            ? new EditOutcome<OutputReport>.Invalid(bad) : await records.ReportOutputAsync(id, Output, ct);
        return await AnswerAsync(id, outcome, e => OutputErrors = e,
            r => r.Corrected ? $"/initiatieven/{id}?gecorrigeerd={r.Output.Id}#resultaten" : $"/initiatieven/{id}#resultaten", ct);
    }

    public async Task<IActionResult> OnPostRemoveOutputAsync(int id, int outputId, CancellationToken ct) =>
        await AnswerAsync(id, await records.RemoveOutputAsync(id, outputId, ct), e => OutputErrors = e, _ => $"/initiatieven/{id}#resultaten", ct);

    /// <summary>The form shows what the other editor changed and keeps the editor's values, now on the current version so saving again overwrites.</summary>
    private void FundingStale(EditOutcome<FundingSource>.Stale stale)
    {
        FundingConflict = stale.Changes;
        Funding.Version = stale.Current.Version;
    }

    private async Task<IActionResult> AnswerAsync<T>(int id, EditOutcome<T> outcome, Action<IDictionary<string, string[]>> errors, Func<T, string> savedUrl,
        CancellationToken ct, Action<EditOutcome<T>.Stale>? stale = null)
    {
        if (EditPages.Answer(this, outcome, savedUrl,
                e => errors(e.ToDictionary(x => x.Key, x => x.Value.Select(m => t[m].Value).ToArray())), stale) is { } answer)
            return answer;
        return await LoadAsync(id, ct) ?? Page();
    }

    /// <summary>
    /// A value the binder could not read (an amount or a date that is not one) is refused at its
    /// field, not taken as left empty: a typed value that came out null was unreadable.
    /// </summary>
    private Dictionary<string, string[]>? Unreadable(params (string Key, object? Value)[] fields)
    {
        var errors = fields.Where(f => f.Value is null && ModelState.TryGetValue(f.Key, out var entry) && !string.IsNullOrWhiteSpace(entry.AttemptedValue))
            .ToDictionary(f => f.Key[(f.Key.IndexOf('.', StringComparison.Ordinal) + 1)..],
                f => new[] { t["Ongeldige waarde ‘{0}’.", ModelState[f.Key]!.AttemptedValue ?? ""].Value });
        // The editor checks everything else itself; the binder's own checks would only repeat them.
        ModelState.Clear();
        return errors.Count > 0 ? errors : null;
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken ct)
    {
        if (await details.FindAsync(id, ct) is not { } action)
            return NotFound();
        Action = action;
        return null;
    }
}
