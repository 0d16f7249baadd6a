using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A signed-in person applies to a cohort for themselves, through the one writer of applications (<see cref="Applications"/>),
/// so the page refuses what the API refuses, with the same messages in the reader's language, and writes nothing then.
/// </summary>
[Authorize]
public sealed class ApplyModel(PactwerkDb db, Applications applications, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string CohortCode { get; set; } = "";
    [BindProperty] public string? Gender { get; set; }
    [BindProperty] public string? Municipality { get; set; }

    public Programme Programme { get; private set; } = null!;
    public Cohort Cohort { get; private set; } = null!;
    /// <summary>The messages per field ("" for the form as a whole), in the reader's language.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct))
            return NotFound();
        switch (await applications.ApplyAsync(Code, CohortCode, new ApplicationInput(Gender, Municipality), ct))
        {
            case ApplicationOutcome.Applied:
                return Redirect("/programmas/mijn?aangemeld=true");
            case ApplicationOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[field] = messages.Select(m => ProgrammeMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return Page();
            case ApplicationOutcome.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, Code, ct) is not { } programme || await ProgrammeLookup.CohortAsync(db, programme, CohortCode, ct) is not { } cohort)
            return false;
        (Programme, Cohort) = (programme, cohort);
        return true;
    }

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
