using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// One participant for the programme's staff: the modules completed and the outcome, each recorded through the one writer
/// (<see cref="Outcomes"/>), so the page refuses what the API refuses, with the same messages, and an unchanged save writes nothing.
/// </summary>
[Authorize]
public sealed class ParticipantModel(PactwerkDb db, AccessScopeProvider scopes, Outcomes outcomes, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string CohortCode { get; set; } = "";
    [BindProperty(SupportsGet = true)] public long Id { get; set; }
    [BindProperty(SupportsGet = true, Name = "vastgelegd")] public bool Saved { get; set; }
    [BindProperty] public int? Module { get; set; }
    [BindProperty] public string? CompletedOn { get; set; }
    [BindProperty] public string? Certificate { get; set; }
    [BindProperty] public string? CertificateOn { get; set; }
    [BindProperty] public int? JobOrganisationId { get; set; }
    [BindProperty] public string? JobEmployer { get; set; }
    [BindProperty] public string? JobStartedOn { get; set; }

    public Programme Programme { get; private set; } = null!;
    public Cohort Cohort { get; private set; } = null!;
    public ParticipantDto Participant { get; private set; } = null!;
    public IReadOnlyList<ProgrammeUnit> Modules { get; private set; } = [];
    /// <summary>
    /// The employers of the programme's network, to pick the job's employer from; and the employer the job was recorded at,
    /// should it have left the network since, so that the form shows it and an unchanged save sends it back.
    /// </summary>
    public IReadOnlyList<LookupItem> Employers { get; private set; } = [];
    public Dictionary<string, string[]> Errors { get; } = [];
    /// <summary>Which form was sent and refused: "module" or "outcome".</summary>
    public string? FailedForm { get; private set; }
    public bool Unchanged { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        (Certificate, CertificateOn) = (Participant.Certificate?.ToString().ToLowerInvariant() ?? "", Iso(Participant.CertificateOn));
        (JobOrganisationId, JobEmployer, JobStartedOn) = (Participant.JobOrganisationId, Participant.JobOrganisationId is null ? Participant.JobEmployer : null, Iso(Participant.JobStartedOn));
        return Page();
    }

    public async Task<IActionResult> OnPostModuleAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        return Answer(await outcomes.CompleteModuleAsync(Code, CohortCode, Id, new ModuleCompletionInput(Module, CompletedOn), ct), "module");
    }

    public async Task<IActionResult> OnPostOutcomeAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        bool? certificate = Certificate switch { "true" => true, "false" => false, _ => null };
        var outcome = await outcomes.RecordOutcomeAsync(Code, CohortCode, Id, new OutcomeInput(certificate, CertificateOn, JobOrganisationId, JobEmployer, JobStartedOn), ct);
        if (outcome is ProgressOutcome.Unchanged)
        {
            Unchanged = true;
            return Page();
        }
        return Answer(outcome, "outcome");
    }

    private IActionResult Answer(ProgressOutcome outcome, string form)
    {
        switch (outcome)
        {
            case ProgressOutcome.Recorded:
                return Redirect($"/programmas/{Code}/{CohortCode}/deelnemers/{Id}?vastgelegd=true");
            case ProgressOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[field] = messages.Select(m => ProgrammeMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case ProgressOutcome.Forbidden:
                return Forbid();
            case ProgressOutcome.NotFound notFound:
                Errors[""] = [ProgrammeMessages.Localise(t, notFound.Message)];
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
        }
        FailedForm = form;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, Code, ct) is not { } programme || await ProgrammeLookup.CohortAsync(db, programme, CohortCode, ct) is not { } cohort)
            return NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: false))
            return Forbid();
        if ((await ParticipantsApi.ParticipantsAsync(db, programme, cohort, Id, ct)).SingleOrDefault() is not { } participant)
            return NotFound();
        (Programme, Cohort, Participant) = (programme, cohort, participant);
        Modules = await db.Set<ProgrammeUnit>().AsNoTracking().Where(m => m.ProgrammeId == programme.Id).OrderBy(m => m.Position).ToListAsync(ct);
        var network = await ProgrammeLookup.EmployersAsync(db, programme.Id, ct);
        Employers = participant.JobOrganisationId is { } job && !network.Any(e => e.Value == job.ToString(CultureInfo.InvariantCulture))
            ? [.. network, new LookupItem(job.ToString(CultureInfo.InvariantCulture), participant.JobEmployer ?? "", null)]
            : network;
        return null;
    }

    /// <summary>
    /// The job's employer as the platform's searchable picker, whose lookup answers only the programme's network (and only its
    /// staff); without script the select of the network it always was, posting the organisation's id.
    /// </summary>
    public Picker EmployerPicker() =>
        new("jobOrganisationId", nameof(JobOrganisationId), t["Werkgever uit het netwerk"].Value, OrganisationPickers.NetworkSource(Programme.Code))
        {
            Options = Employers, EmptyLabel = t["geen of een andere werkgever"].Value, Chosen = OrganisationPickers.Chosen(JobOrganisationId, Employers),
            ErrorId = Errors.ContainsKey("jobOrganisationId") ? "fout-jobOrganisationId" : null,
        };

    private static string? Iso(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public string? Described(string field, string? hint = null) => Errors.ContainsKey(field) ? $"{hint} fout-{field}".Trim() : hint;

    public string? Invalid(string field) => Errors.ContainsKey(field) ? "true" : null;
}
