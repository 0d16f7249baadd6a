using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A cohort's intake for the programme's staff (<see cref="ProgrammeAccess.IsStaff"/>): every candidate with each step's date
/// and decision, and a form per candidate for the decision on their next step, recorded by the one writer of decisions
/// (<see cref="IntakeDecisions"/>): a full cohort, a step out of order or a candidate of another cohort is refused with the
/// writer's message in the reader's language, and nothing is written.
/// </summary>
[Authorize]
public sealed class IntakeModel(PactwerkDb db, AccessScopeProvider scopes, IntakeDecisions decisions, TimeProvider clock, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed record Row(Candidate Candidate, string Who, IntakeStep? Next)
    {
        /// <summary>Passed every step, the start included: a participant, whose progress and outcome the staff record.</summary>
        public bool Started => Next is null && Candidate.Steps.Count > 0 && Candidate.Steps.All(s => s.Decision == StepDecision.Passed);
    }

    [BindProperty(SupportsGet = true)] public string Code { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string CohortCode { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "vastgelegd")] public long? RecordedFor { get; set; }
    [BindProperty] public long CandidateId { get; set; }
    [BindProperty] public string? Step { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public string? On { get; set; }

    public Programme Programme { get; private set; } = null!;
    public Cohort Cohort { get; private set; } = null!;
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Today { get; private set; }
    /// <summary>The messages of the form just sent, per field ("" for the form as a whole), in the reader's language.</summary>
    public Dictionary<string, string[]> Errors { get; } = [];
    /// <summary>The candidate whose form was sent and refused.</summary>
    public long? ErrorFor { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await LoadAsync(ct) is { } refused)
            return refused;
        var outcome = await decisions.DecideAsync(Code, CohortCode, CandidateId, new StepDecisionInput(Step, Decision, On), ct);
        switch (outcome)
        {
            case DecisionOutcome.Recorded:
                return Redirect($"/programmas/{Code}/{CohortCode}/intake?vastgelegd={CandidateId}#kandidaat-{CandidateId}");
            case DecisionOutcome.Invalid invalid:
                foreach (var (field, messages) in invalid.Errors)
                    Errors[field] = messages.Select(m => ProgrammeMessages.Localise(t, m)).ToArray();
                Response.StatusCode = StatusCodes.Status400BadRequest;
                break;
            case DecisionOutcome.Full full:
                Errors[""] = [ProgrammeMessages.Localise(t, full.Message)];
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
            case DecisionOutcome.NotFound notFound:
                Errors[""] = [ProgrammeMessages.Localise(t, notFound.Message)];
                Response.StatusCode = StatusCodes.Status404NotFound;
                break;
            case DecisionOutcome.Forbidden:
                return Forbid();
        }
        ErrorFor = CandidateId;
        return Page();
    }

    /// <summary>Null when the page may be shown; otherwise why not.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, Code, ct) is not { } programme || await ProgrammeLookup.CohortAsync(db, programme, CohortCode, ct) is not { } cohort)
            return NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: false))
            return Forbid();
        (Programme, Cohort) = (programme, cohort);
        Today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var candidates = await db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).Where(c => c.CohortId == cohort.Id && c.ErasedAt == null)
            .OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var userIds = candidates.Where(c => c.UserId != null).Select(c => c.UserId!).ToList();
        // The staff see who applied, as they must to run the intake; the API names candidates by number only.
        var people = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => $"{u.DisplayName} ({u.Email})", ct);
        Rows = candidates.Select(c => new Row(c, c.UserId is { } id && people.TryGetValue(id, out var who) ? who : t["Kandidaat {0}", c.Id].Value,
            IntakeDecisions.NextStep(programme, c.Steps))).ToList();
        return null;
    }

    /// <summary>A field of one candidate's form: its id on the page.</summary>
    public static string FieldId(string field, long candidate) => $"{field}-{candidate}";

    /// <summary>One candidate's field messages under their fields' ids on the page (none for the other candidates).</summary>
    public IDictionary<string, string[]> ErrorsOf(long candidate) => ErrorFor != candidate ? new Dictionary<string, string[]>()
        : Errors.Where(e => e.Key.Length > 0).ToDictionary(e => FieldId(e.Key, candidate), e => e.Value);

    public string? Described(string field, long candidate) => ErrorFor == candidate && Errors.ContainsKey(field) ? $"fout-{FieldId(field, candidate)}" : null;

    public string? Invalid(string field, long candidate) => ErrorFor == candidate && Errors.ContainsKey(field) ? "true" : null;
}
