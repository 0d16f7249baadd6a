using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Monitor.Definitions;

/// <summary>
/// An indicator's definition for coordinators: every version with who made it, when, from which period, why, and what
/// changed; and the form for a new version (the same editor as POST /api/v1/indicators/{code}/versions).
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class IndicatorHistoryModel(PactwerkDb db, MonitorEngineHost host, IndicatorEditor editor) : DefinitionPageModel(db, host, editor)
{
    public sealed record VersionRow(IndicatorVersion Version, bool Current, IReadOnlyList<DefinitionChange> Changes);

    [BindProperty] public DefinitionInput Input { get; set; } = new() { Numerator = new MeasureInput() };
    [FromQuery(Name = "opgeslagen")] public bool Saved { get; set; }

    public Indicator Indicator { get; private set; } = null!;
    public IReadOnlyList<VersionRow> Versions { get; private set; } = [];

    public override DefinitionInput Definition => Input;
    public override string DefinitionPrefix => "";
    protected override string PreviewCode => Indicator.Code;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
            return NotFound();
        Input = InputOf(Indicator.Versions.Single(v => v.Version == Indicator.CurrentVersion), Indicator.Code);
        await LoadChoicesAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string code, CancellationToken ct) =>
        await LoadAsync(code, ct) ? await PreviewAsync(ct) : NotFound();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (!await LoadAsync(code, ct))
            return NotFound();
        ReadChoices();
        var answer = await SaveAsync(() => Editor.AddVersionAsync(code, Input, ct), i => $"/beheer/indicatoren/{i.Code}?opgeslagen=true");
        if (answer is not null)
            return answer;
        await LoadChoicesAsync(ct);
        return Page();
    }

    private async Task<bool> LoadAsync(string code, CancellationToken ct)
    {
        var indicator = await Db.Indicators.AsNoTracking().Include(i => i.Versions).SingleOrDefaultAsync(i => i.Code == code, ct);
        if (indicator is null)
            return false;
        Indicator = indicator;
        var ordered = indicator.Versions.OrderBy(v => v.Version).ToList();
        Versions = ordered.Select((v, i) => new VersionRow(v, v.Version == indicator.CurrentVersion,
            i == 0 ? [] : DefinitionChanges.Between(indicator.Code, ordered[i - 1], v))).Reverse().ToList();
        return true;
    }
}
