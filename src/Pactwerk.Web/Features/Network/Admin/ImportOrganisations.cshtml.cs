using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network.Admin;

/// <summary>
/// The import wizard: upload, preview every row, then commit. Stateless: the preview carries the
/// file itself (base64) to the commit step, which checks everything again, because the database
/// may have changed in between and a hidden field can be altered.
/// </summary>
[Authorize(Policy = Policies.Coordinator)]
// The hidden field holds the whole file in base64, more than the default 4 MB for one form value
// when the import limit is raised; the file's own limit is checked by the import, the body's by Kestrel.
[RequestFormLimits(ValueLengthLimit = int.MaxValue)]
public sealed class ImportOrganisationsModel(OrganisationImport import, IOptions<OrganisationImportOptions> options,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    /// <summary>The previewed file, base64, carried to the commit step.</summary>
    [BindProperty] public string? FileContent { get; set; }
    [BindProperty] public string? FileName { get; set; }

    public OrganisationImportReport? Report { get; private set; }
    /// <summary>Problems with the upload itself, shown beside the file field.</summary>
    public List<string> UploadErrors { get; } = [];
    public long MaxBytes => options.Value.MaxBytes;
    public int MaxRows => options.Value.MaxRows;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            UploadErrors.Add(t["Kies een CSV-bestand met organisaties."]);
            return Page();
        }
        if (import.TooLarge(Upload.FileName, Upload.Length) is { } tooLarge)
        {
            UploadErrors.AddRange(tooLarge.Errors);
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, ct);
        var content = buffer.ToArray();
        FileName = Path.GetFileName(Upload.FileName);
        Report = await import.ImportAsync(content, FileName, commit: false, ct);
        UploadErrors.AddRange(Report.Errors);
        FileContent = Report.Status == OrganisationImportStatus.Checked ? Convert.ToBase64String(content) : null;
        return Page();
    }

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken ct)
    {
        byte[] content;
        try
        {
            content = Convert.FromBase64String(FileContent ?? "");
        }
        catch (FormatException)
        {
            content = [];
        }
        if (content.Length == 0)
        {
            UploadErrors.Add(t["Het bestand uit de voorbeeldstap is niet meegekomen. Kies het bestand opnieuw."]);
            return Page();
        }
        Report = await import.ImportAsync(content, FileName ?? "", commit: true, ct);
        UploadErrors.AddRange(Report.Errors);
        return Page();
    }
}
