using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Monitor.Import;

namespace Pactwerk.Web.Features.Monitor.Wizard;

/// <summary>The import wizard's first step: upload a file, which the server holds for the next steps.</summary>
[Authorize(Policy = Policies.Coordinator)]
public sealed class IndexModel(HeldUploads uploads, ImportProfileStore profiles, IOptions<MonitorOptions> options) : PageModel
{
    public IReadOnlyList<ProfileSummary> Profiles { get; private set; } = [];
    public string? Error { get; private set; }
    public long MaxBytes => options.Value.MaxImportBytes;

    public async Task OnGetAsync(CancellationToken ct) => Profiles = await profiles.AllAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        HeldUpload? held = null;
        if (file is null || file.Length == 0)
            Error = "Kies een bestand om te importeren.";
        else if (file.Length > options.Value.MaxImportBytes)
            Error = $"Het bestand is {Web.Shared.Uploads.Megabytes(file.Length)} MB; de grens is {Web.Shared.Uploads.Megabytes(options.Value.MaxImportBytes)} MB.";
        else
            (held, Error) = await uploads.HoldAsync(file.FileName, await Web.Shared.Uploads.ReadAllAsync(file, ct), ct);
        if (Error is not null)
        {
            Profiles = await profiles.AllAsync(ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return Redirect($"/monitor/import/{held!.Id}");
    }
}
