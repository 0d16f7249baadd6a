using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A module a participant completed: the module's position in the programme (1, 2, …) and the date, yyyy-MM-dd.</summary>
public sealed record ModuleCompletionInput(int? Module, string? CompletedOn);

/// <summary>
/// A participant's outcome as it stands: the certificate (true, false, or not yet known) and its date; the job — an employer
/// of the programme's network by organisation number, or any other employer by name — and its start date. Empty fields clear.
/// </summary>
public sealed record OutcomeInput(bool? Certificate, string? CertificateOn, int? JobOrganisationId, string? JobEmployer, string? JobStartedOn);

public abstract record ProgressOutcome
{
    public sealed record Recorded : ProgressOutcome;
    /// <summary>The outcome sent was the outcome stored: nothing was written.</summary>
    public sealed record Unchanged : ProgressOutcome;
    public sealed record NotFound(string Message) : ProgressOutcome;
    public sealed record Forbidden(string Message) : ProgressOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : ProgressOutcome;
}

/// <summary>
/// The one writer of what happens after the start: the modules a participant completed and their outcome (certificate, job).
/// Only the programme's staff write, and only for a candidate who started; the months from the cohort's end to the job are
/// computed when read (<see cref="OutcomeMonths"/>), never stored. The cohort figures count these records (<see cref="CohortFigures"/>).
/// </summary>
public sealed class Outcomes(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public async Task<ProgressOutcome> CompleteModuleAsync(string programmeCode, string cohortCode, long candidateId, ModuleCompletionInput input, CancellationToken ct)
    {
        var (programme, cohort, candidate) = await FindAsync(programmeCode, cohortCode, candidateId, ct);
        if (programme is null || cohort is null || candidate is null)
            return await RefusalAsync(programmeCode, cohortCode, candidateId, ct);
        var modules = await db.Set<ProgrammeUnit>().AsNoTracking().Where(m => m.ProgrammeId == programme.Id).ToListAsync(ct);
        var errors = new Dictionary<string, string[]>();
        var module = modules.SingleOrDefault(m => m.Position == input.Module);
        if (module is null)
            errors["module"] = [ProgrammeMessages.ModuleUnknown];
        else if (candidate.Modules.Any(m => m.ModuleId == module.Id))
            errors["module"] = [ProgrammeMessages.ModuleAlreadyCompleted];
        var on = Date(input.CompletedOn, "completedOn", errors);
        if (on is null && !errors.ContainsKey("completedOn"))
            errors["completedOn"] = [ProgrammeMessages.DateInvalid];
        else if (on is { } day && day < cohort.StartDate)
            errors["completedOn"] = [ProgrammeMessages.Format(ProgrammeMessages.BeforeCohortStart, Iso(cohort.StartDate))];
        if (errors.Count > 0)
            return new ProgressOutcome.Invalid(errors);

        db.Add(new ModuleProgress { CandidateId = candidate.Id, ModuleId = module!.Id, CompletedOn = on!.Value });
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ProgrammeAuditActions.ModuleCompleted, nameof(Candidate), candidate.Id.ToString(CultureInfo.InvariantCulture),
            new { programme = programme.Code, cohort = cohort.Code, module = module.Position, on }, programme.PactId);
        await db.SaveChangesAsync(ct);
        return new ProgressOutcome.Recorded();
    }

    public async Task<ProgressOutcome> RecordOutcomeAsync(string programmeCode, string cohortCode, long candidateId, OutcomeInput input, CancellationToken ct)
    {
        var (programme, cohort, candidate) = await FindAsync(programmeCode, cohortCode, candidateId, ct);
        if (programme is null || cohort is null || candidate is null)
            return await RefusalAsync(programmeCode, cohortCode, candidateId, ct);
        var errors = new Dictionary<string, string[]>();
        var certificateOn = Date(input.CertificateOn, "certificateOn", errors);
        if (input.Certificate == true && certificateOn is null && !errors.ContainsKey("certificateOn"))
            errors["certificateOn"] = [ProgrammeMessages.CertificateDateMissing];
        if (input.Certificate != true && certificateOn is not null)
            errors["certificateOn"] = [ProgrammeMessages.CertificateDateWithout];
        var employer = string.IsNullOrWhiteSpace(input.JobEmployer) ? null : input.JobEmployer.Trim();
        if (employer is { Length: > 200 })
            errors["jobEmployer"] = [ProgrammeMessages.EmployerTooLong];
        if (input.JobOrganisationId is { } organisation)
        {
            if (employer is not null)
                errors["jobEmployer"] = [ProgrammeMessages.EmployerTwice];
            else if (await db.Organisations.Where(o => o.Id == organisation).Select(o => o.Name).SingleOrDefaultAsync(ct) is not { } name)
                errors["jobOrganisationId"] = [ProgrammeMessages.Format(ProgrammeMessages.EmployerUnknown, organisation)];
            // A job at an employer that has since left the network stays as it was recorded; a new one is at an employer of the network.
            else if (organisation != candidate.JobOrganisationId
                && !await db.Set<ProgrammeEmployer>().AnyAsync(e => e.ProgrammeId == programme.Id && e.OrganisationId == organisation, ct))
                errors["jobOrganisationId"] = [ProgrammeMessages.Format(ProgrammeMessages.EmployerOutsideNetwork, name)];
        }
        var jobStartedOn = Date(input.JobStartedOn, "jobStartedOn", errors);
        var hasEmployer = input.JobOrganisationId is not null || employer is not null;
        if (jobStartedOn is not null && !hasEmployer && !errors.ContainsKey("jobEmployer"))
            errors["jobEmployer"] = [ProgrammeMessages.EmployerMissing];
        if (jobStartedOn is null && hasEmployer && !errors.ContainsKey("jobStartedOn"))
            errors["jobStartedOn"] = [ProgrammeMessages.JobDateMissing];
        foreach (var (field, day) in new[] { ("certificateOn", certificateOn), ("jobStartedOn", jobStartedOn) })
            if (day is { } d && d < cohort.StartDate && !errors.ContainsKey(field))
                errors[field] = [ProgrammeMessages.Format(ProgrammeMessages.BeforeCohortStart, Iso(cohort.StartDate))];
        if (errors.Count > 0)
            return new ProgressOutcome.Invalid(errors);

        var stored = await db.Set<Candidate>().SingleAsync(c => c.Id == candidate.Id, ct);
        var same = stored.Certificate == input.Certificate && stored.CertificateOn == certificateOn && stored.JobOrganisationId == input.JobOrganisationId
            && stored.JobEmployerName == employer && stored.JobStartedOn == jobStartedOn;
        if (same)
            return new ProgressOutcome.Unchanged();
        (stored.Certificate, stored.CertificateOn, stored.JobOrganisationId, stored.JobEmployerName, stored.JobStartedOn) =
            (input.Certificate, certificateOn, input.JobOrganisationId, employer, jobStartedOn);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ProgrammeAuditActions.OutcomeRecorded, nameof(Candidate), stored.Id.ToString(CultureInfo.InvariantCulture),
            new { programme = programme.Code, cohort = cohort.Code, certificate = input.Certificate, job = jobStartedOn is not null }, programme.PactId);
        await db.SaveChangesAsync(ct);
        return new ProgressOutcome.Recorded();
    }

    /// <summary>The programme, cohort and started candidate, when the reader is the programme's staff; else nothing.</summary>
    private async Task<(Programme? Programme, Cohort? Cohort, Candidate? Candidate)> FindAsync(string programmeCode, string cohortCode, long candidateId, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, programmeCode, ct) is not { } programme
            || !ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true)
            || await ProgrammeLookup.CohortAsync(db, programme, cohortCode, ct) is not { } cohort)
            return default;
        var start = programme.Steps[^1].Id;
        var candidate = await db.Set<Candidate>().AsNoTracking().Include(c => c.Modules)
            .SingleOrDefaultAsync(c => c.Id == candidateId && c.CohortId == cohort.Id && c.ErasedAt == null
                && c.Steps.Any(s => s.IntakeStepId == start && s.Decision == StepDecision.Passed), ct);
        return candidate is null ? default : (programme, cohort, candidate);
    }

    private async Task<ProgressOutcome> RefusalAsync(string programmeCode, string cohortCode, long candidateId, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, programmeCode, ct) is not { } programme)
            return new ProgressOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, programmeCode));
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return new ProgressOutcome.Forbidden(ProgrammeMessages.NotStaff);
        if (await ProgrammeLookup.CohortAsync(db, programme, cohortCode, ct) is null)
            return new ProgressOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohortCode));
        return new ProgressOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoParticipant, candidateId));
    }

    private static DateOnly? Date(string? typed, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(typed))
            return null;
        if (DateOnly.TryParseExact(typed.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            return day;
        errors[field] = [ProgrammeMessages.DateInvalid];
        return null;
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>How long after the cohort's end a participant started their job: computed when read, never stored.</summary>
public static class OutcomeMonths
{
    /// <summary>Whole months from the cohort's last day to the job's start; 0 for a job that began before the end.</summary>
    public static int? After(DateOnly cohortEnd, DateOnly? jobStartedOn)
    {
        if (jobStartedOn is not { } start)
            return null;
        var months = (start.Year - cohortEnd.Year) * 12 + start.Month - cohortEnd.Month - (start.Day < cohortEnd.Day ? 1 : 0);
        return Math.Max(0, months);
    }
}
