using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
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
public sealed class MyApplicationsModel(PactwerkDb db, AccessScopeProvider scopes, ProgrammePrivacy privacy, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "aangemeld")] public bool Applied { get; set; }
    [BindProperty(SupportsGet = true, Name = "gewist")] public bool Erased { get; set; }
    [BindProperty] public long CandidateId { get; set; }
    [BindProperty(SupportsGet = true, Name = "gecorrigeerd")] public bool Corrected { get; set; }
    [BindProperty] public string? Gender { get; set; }
    [BindProperty] public string? Municipality { get; set; }

    /// <summary>What each application holds that the applicant told: gender and the municipality's name, by candidate number.</summary>
    public IReadOnlyDictionary<long, (Gender Gender, string? Municipality)> Told { get; private set; } = new Dictionary<long, (Gender, string?)>();
    /// <summary>The correction just refused: its application and the messages by field ("gender", "municipality").</summary>
    public long? Refused { get; private set; }
    public Dictionary<string, string[]> Errors { get; private set; } = [];

    public IReadOnlyList<(OwnApplicationDto Application, Programme Programme, Cohort Cohort)> Applications { get; private set; } = [];
    /// <summary>The erasure just asked for was refused: not an application of the reader's (any more).</summary>
    public bool NotErased { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var userId = (await scopes.GetAsync(ct)).UserId;
        Applications = await ProgrammesApi.OwnAsync(db, userId, ct);
        var ids = Applications.Select(a => a.Application.Id).ToList();
        Told = await db.Set<Candidate>().AsNoTracking().Where(c => ids.Contains(c.Id) && c.UserId == userId)
            .Select(c => new { c.Id, c.Gender, Municipality = db.Regions.Where(r => r.Id == c.MunicipalityId).Select(r => r.Name).FirstOrDefault() })
            .ToDictionaryAsync(c => c.Id, c => (c.Gender, c.Municipality), ct);
    }

    /// <summary>The applicant corrects what they told (<see cref="ProgrammePrivacy.CorrectAsync"/>); refused at the application's own form.</summary>
    public async Task<IActionResult> OnPostCorrectAsync(CancellationToken ct)
    {
        switch (await privacy.CorrectAsync(CandidateId, new ApplicationInput(Gender, Municipality), ct))
        {
            case ApplicationOutcome.Applied:
                return Redirect($"/programmas/mijn?gecorrigeerd=true#kandidaat-{CandidateId}");
            case ApplicationOutcome.Invalid invalid:
                Refused = CandidateId;
                Errors = invalid.Errors.ToDictionary(e => e.Key, e => e.Value.Select(m => ProgrammeMessages.Localise(t, m)).ToArray());
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            default:
                NotCorrected = true;
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        await OnGetAsync(ct);
        return Page();
    }

    /// <summary>The correction just asked for was refused: not an application of the reader's (any more).</summary>
    public bool NotCorrected { get; private set; }

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
