using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pactwerk.Monitoring;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Web.Features.Monitor.Wizard;

/// <summary>
/// The wizard's third step: the held file read with the chosen profile, its first rows as
/// observations and the report of every rejected row; then commit or cancel.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class PreviewModel(HeldUploads uploads, MonitorImportService imports) : PageModel
{
    public const int PreviewRows = 20;

    public sealed record PreviewRow(int Line, string Region, string Period, string Dimensions, double? Value);

    public HeldUpload Upload { get; private set; } = null!;
    public string Profile { get; private set; } = "";
    public IReadOnlyList<PreviewRow> Rows { get; private set; } = [];
    public int Observations { get; private set; }
    public int Suppressed { get; private set; }
    public int RowsRead { get; private set; }
    public IReadOnlyList<string> Periods { get; private set; } = [];
    public IReadOnlyList<RejectedRow> Rejected { get; private set; } = [];
    public string? Message { get; private set; }
    /// <summary>The release this same file already became under the profile: importing it again changes nothing.</summary>
    public DataRelease? Earlier { get; private set; }
    /// <summary>The periods the file would shrink, shown for an explicit confirmation before anything is replaced.</summary>
    public IReadOnlyList<ShrinkingPeriod> Shrinking { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ?? Page();

    public async Task<IActionResult> OnPostCommitAsync(Guid id, bool replaceShrinking, CancellationToken ct)
    {
        if (await LoadAsync(id, ct) is { } missing)
            return missing;
        if (Rejected.Count > 0)
        {
            Message = "Het bestand heeft afgekeurde regels; er is niets geïmporteerd.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        var report = await imports.ImportAsync(Profile, Upload.FileName, Upload.Content, ct, replaceShrinking: replaceShrinking);
        if (report is { Status: ImportStatus.Rejected, Shrinking: { Count: > 0 } shrinking })
        {
            Shrinking = shrinking;
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }
        if (report.Status == ImportStatus.Rejected)
        {
            (Message, Rejected) = (report.Message, report.Rejected);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        await uploads.RemoveAsync(Upload, ct);
        return Redirect($"/monitor/import/historie/{report.ReleaseId}?{(report.Status == ImportStatus.NoChange ? "ongewijzigd=1" : "geimporteerd=1")}");
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken ct)
    {
        if (await uploads.FindAsync(id, ct) is { } upload)
            await uploads.RemoveAsync(upload, ct);
        return Redirect("/monitor/import?geannuleerd=1");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken ct)
    {
        if (await uploads.FindAsync(id, ct) is not { } upload)
            return NotFound();
        if (upload.ProfileCode is null)
            return Redirect($"/monitor/import/{id}");
        (Upload, Profile) = (upload, upload.ProfileCode);
        Earlier = await imports.EarlierReleaseAsync(upload.ProfileCode, upload.Content, ct);
        var (preview, rejection) = await imports.ReadAsync(upload.ProfileCode, upload.FileName, upload.Content, ct);
        if (rejection is not null)
        {
            (Rejected, Message) = (rejection.Rejected, rejection.Message);
            return null;
        }
        var parsed = preview!.Parsed;
        (RowsRead, Rejected, Observations, Suppressed) = (parsed.RowsRead, parsed.Rejected, parsed.Cells.Count, parsed.SuppressedCells);
        var kinds = parsed.Elements.ToDictionary(e => e.Code, e => e.PeriodKind);
        Periods = parsed.Elements.SelectMany(e => e.Periods.Select(p => new Period(e.PeriodKind, p))).Distinct().Order().Select(p => p.ToString()).ToList();
        Rows = parsed.Cells.Take(PreviewRows).Select(c => new PreviewRow(c.Line, preview.RegionNames.GetValueOrDefault(c.RegionId, c.RegionId.ToString()),
            new Period(kinds.GetValueOrDefault(c.Element, preview.Profile.PeriodKind), c.PeriodStart).ToString(),
            string.Join(", ", c.DimensionKey.Split(Observation.Separator).Where(d => d.Length > 0)), c.Value)).ToList();
        return null;
    }
}
