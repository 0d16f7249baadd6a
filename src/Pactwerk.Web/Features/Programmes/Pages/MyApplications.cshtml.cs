using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// The signed-in person's own applications and each step of their intake, as the API gives them (<see cref="ProgrammesApi.OwnAsync"/>);
/// the download of what is held about them, and the withdrawal and erasure of an application (<see cref="ProgrammePrivacy"/>).
/// </summary>
[Authorize]
public sealed class MyApplicationsModel(PactwerkDb db, AccessScopeProvider scopes, ProgrammePrivacy privacy, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "aangemeld")] public bool Applied { get; set; }
    [BindProperty(SupportsGet = true, Name = "gewist")] public bool Erased { get; set; }
    [BindProperty] public long CandidateId { get; set; }

    public IReadOnlyList<(OwnApplicationDto Application, Programme Programme, Cohort Cohort)> Applications { get; private set; } = [];
    /// <summary>The erasure just asked for was refused: not an application of the reader's (any more).</summary>
    public bool NotErased { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Applications = await ProgrammesApi.OwnAsync(db, (await scopes.GetAsync(ct)).UserId, ct);

    /// <summary>Everything held about the reader in the programmes, as a JSON file (AVG art. 15 and 20), written as the API writes JSON.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        if (await privacy.ExportAsync(ct) is not { } export)
            return Forbid();
        return File(JsonSerializer.SerializeToUtf8Bytes(export, json.Value.SerializerOptions), "application/json", "mijn-aanmeldingen-programmas.json");
    }

    public async Task<IActionResult> OnPostEraseAsync(CancellationToken ct)
    {
        if (await privacy.WithdrawAndEraseAsync(CandidateId, ct))
            return Redirect("/programmas/mijn?gewist=true");
        NotErased = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        await OnGetAsync(ct);
        return Page();
    }
}
