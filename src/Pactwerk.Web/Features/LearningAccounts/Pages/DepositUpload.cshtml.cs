using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// A funder's officer uploads a deposit file (<c>/leerrekening/fondsen/{code}/stortingen</c>) and reads its report: every
/// bad row by line and field with nothing written, or the totals of what was written, or that the same file was already
/// written. The file goes to <see cref="DepositFiles"/> exactly as the API's body does, so the page and the API accept,
/// refuse and write the same.
/// </summary>
[Authorize(Policy = LearningAccountsModule.OfficerPolicy)]
// A file of a million rows is far above the server's 30 MB and the form reader's 128 MB; the service counts its bytes itself.
[RequestSizeLimit(DepositFiles.MaxBytes + MultipartOverhead)]
[RequestFormLimits(MultipartBodyLengthLimit = DepositFiles.MaxBytes + MultipartOverhead)]
public sealed class DepositUploadModel(DepositFiles files, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Room for the multipart boundary, headers and the antiforgery field around a file at the limit.</summary>
    private const long MultipartOverhead = 64 * 1024;

    [BindProperty] public IFormFile? Upload { get; set; }

    public Funder Funder { get; private set; } = null!;
    public DepositFileReport? Report { get; private set; }
    /// <summary>What is wrong with the upload itself (no file, too large), shown beside the file field.</summary>
    public string? UploadError { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct) =>
        await FunderAsync(code, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string code, CancellationToken ct)
    {
        if (await FunderAsync(code, ct) is { } refused)
            return refused;
        if (Upload is null || Upload.Length == 0)
        {
            UploadError = t["Kies een CSV-bestand met stortingen."];
            return Page();
        }
        await using var body = Upload.OpenReadStream();
        switch (await files.ReceiveAsync(code, body, Upload.Length, ct))
        {
            case DepositFileOutcome.Done d:
                Report = d.Report;
                break;
            case DepositFileOutcome.Refused r:
                Report = r.Report;
                // Not a success: the status says so to a client that reads no page.
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                break;
            case DepositFileOutcome.TooLarge large:
                UploadError = large.Message;
                Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                break;
            case DepositFileOutcome.Forbidden:
                return Forbid();
            case DepositFileOutcome.NotFound:
                return NotFound();
        }
        return Page();
    }

    /// <summary>Null when the signed-in user is an officer of the funder (or an administrator); else the answer: 404 for no such funder, refused for anyone else.</summary>
    private async Task<IActionResult?> FunderAsync(string code, CancellationToken ct)
    {
        var (funder, refusal) = await files.FunderForOfficerAsync(code, forChange: false, ct);
        if (funder is not null)
        {
            Funder = funder;
            return null;
        }
        return refusal is DepositFileOutcome.NotFound ? NotFound() : Forbid();
    }
}
