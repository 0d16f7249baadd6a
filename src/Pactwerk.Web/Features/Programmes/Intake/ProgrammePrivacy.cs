using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>How long a candidate's personal fields are kept once their cohort has ended (setting <c>Programmes:RetentionMonths</c>).</summary>
public sealed class ProgrammePrivacyOptions
{
    /// <summary>
    /// Months after a cohort's last day before its candidates' personal fields are erased. Two years leaves the job figures
    /// (months after the end) time to come in; what stays identifies nobody.
    /// </summary>
    public int RetentionMonths { get; set; } = 24;
}

/// <summary>What an applicant gets when they ask for what is held about them (AVG art. 15 and 20): every application of theirs.</summary>
public sealed record ProgrammeDataExport(DateTime ExportedAt, IReadOnlyList<ProgrammeDataApplication> Applications);

public sealed record ProgrammeDataApplication(long Id, string Programme, string ProgrammeName, string Cohort, string CohortName, DateTime AppliedAt,
    Gender Gender, string? Municipality, IReadOnlyList<CandidateStepDto> Steps, IReadOnlyList<ProgrammeDataProgress> Modules,
    bool? Certificate, DateOnly? CertificateOn, string? JobEmployer, DateOnly? JobStartedOn);

public sealed record ProgrammeDataProgress(int Module, string Name, DateOnly CompletedOn);

/// <summary>
/// The applicant's rights over their data and the retention rule, in one place. Erasure (on the applicant's request, or
/// when the retention period after the cohort's end has passed) removes the link to the account and the municipality and
/// marks the candidate erased: the page, the API and the intake no longer show it. The decisions, module progress and
/// outcome stay, and so does the gender: the cohort's published counts (applied, each step, started, certificates, jobs,
/// women) stay the same counts, now of nobody in particular (<see cref="CohortFigures"/> counts erased candidates as well).
/// The audit trail names the candidate by number only, as every programme event does.
/// </summary>
public sealed class ProgrammePrivacy(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, IOptions<ProgrammePrivacyOptions> options)
{
    /// <summary>Who a withdrawal on the applicant's own page is recorded by: not their account, which the erasure removes.</summary>
    public const string RecordedByApplicant = "applicant";

    public async Task<ProgrammeDataExport?> ExportAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn || scope.UserId is not { } userId)
            return null;
        var mine = await db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).Include(c => c.Modules)
            .Where(c => c.UserId == userId && c.ErasedAt == null).OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var cohortIds = mine.Select(c => c.CohortId).Distinct().ToList();
        var cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => cohortIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var programmeIds = cohorts.Values.Select(c => c.ProgrammeId).Distinct().ToList();
        var programmes = await db.Set<Programme>().AsNoTracking().Include(p => p.Steps).Include(p => p.Modules)
            .Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var municipalityIds = mine.Where(c => c.MunicipalityId != null).Select(c => c.MunicipalityId!.Value).Distinct().ToList();
        var employerIds = mine.Where(c => c.JobOrganisationId != null).Select(c => c.JobOrganisationId!.Value).Distinct().ToList();
        var municipalities = await db.Regions.AsNoTracking().Where(r => municipalityIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var organisations = await db.Organisations.AsNoTracking().Where(o => employerIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return new ProgrammeDataExport(clock.GetUtcNow().UtcDateTime, mine.Select(c =>
        {
            var cohort = cohorts[c.CohortId];
            var programme = programmes[cohort.ProgrammeId];
            var modules = c.Modules.Join(programme.Modules, m => m.ModuleId, u => u.Id, (m, u) => new ProgrammeDataProgress(u.Position, u.Name, m.CompletedOn))
                .OrderBy(m => m.Module).ToList();
            var employer = c.JobOrganisationId is { } o ? organisations.GetValueOrDefault(o) : c.JobEmployerName;
            return new ProgrammeDataApplication(c.Id, programme.Code, programme.Name, cohort.Code, cohort.Name, c.AppliedAt, c.Gender,
                c.MunicipalityId is { } m ? municipalities.GetValueOrDefault(m) : null, ProgrammesApi.Describe(programme, c.Steps), modules,
                c.Certificate, c.CertificateOn, employer, c.JobStartedOn);
        }).ToList());
    }

    /// <summary>
    /// The applicant withdraws their application and has it erased. An intake still under way records the withdrawal on the
    /// next step first, so the cohort's funnel shows where they left. False when it is not theirs, or already erased.
    /// </summary>
    public async Task<bool> WithdrawAndEraseAsync(long candidateId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!ProgrammeAccess.MayApply(scope) || scope.UserId is not { } userId)
            return false;
        var candidate = await db.Set<Candidate>().Include(c => c.Steps).SingleOrDefaultAsync(c => c.Id == candidateId && c.UserId == userId && c.ErasedAt == null, ct);
        if (candidate is null)
            return false;
        var cohort = await db.Set<Cohort>().AsNoTracking().SingleAsync(c => c.Id == candidate.CohortId, ct);
        var programme = await db.Set<Programme>().AsNoTracking().Include(p => p.Steps).SingleAsync(p => p.Id == cohort.ProgrammeId, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (IntakeDecisions.NextStep(programme, candidate.Steps) is { } next)
            candidate.Steps.Add(new CandidateStep
            {
                IntakeStepId = next.Id, On = DateOnly.FromDateTime(clock.GetLocalNow().DateTime), Decision = StepDecision.Withdrawn,
                RecordedBy = RecordedByApplicant, RecordedAt = now,
            });
        Erase(candidate, now);
        db.RecordEvent(now, ProgrammeAuditActions.Erased, nameof(Candidate), candidate.Id.ToString(CultureInfo.InvariantCulture),
            new { programme = programme.Code, cohort = cohort.Code, reason = "withdrawn and erased at the applicant's request" }, programme.PactId);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The applicant corrects what they told when applying (AVG art. 16): their municipality and gender. Not theirs (or
    /// erased): NotFound, and nothing is said about whose it is. An unchanged save writes nothing; a change writes an audit
    /// event that names the candidate by number and the fields by name, never the values, as every programme event does.
    /// </summary>
    public async Task<ApplicationOutcome> CorrectAsync(long candidateId, ApplicationInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!ProgrammeAccess.MayApply(scope) || scope.UserId is not { } userId)
            return new ApplicationOutcome.Forbidden(ProgrammeMessages.SignInToApply);
        var candidate = await db.Set<Candidate>().SingleOrDefaultAsync(c => c.Id == candidateId && c.UserId == userId && c.ErasedAt == null, ct);
        if (candidate is null)
            return new ApplicationOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NotOwnApplication, candidateId));
        var errors = new Dictionary<string, string[]>();
        var gender = Applications.GenderOf(input.Gender, errors);
        var municipality = await Applications.MunicipalityAsync(db, input.Municipality, errors, ct);
        if (errors.Count > 0)
            return new ApplicationOutcome.Invalid(errors);
        var changed = new List<string>();
        if (candidate.Gender != gender)
            changed.Add("gender");
        if (candidate.MunicipalityId != municipality)
            changed.Add("municipality");
        if (changed.Count == 0)
            return new ApplicationOutcome.Applied(candidate);
        (candidate.Gender, candidate.MunicipalityId) = (gender, municipality);
        var where = await db.Set<Cohort>().Where(k => k.Id == candidate.CohortId).Join(db.Set<Programme>(), k => k.ProgrammeId, p => p.Id, (k, p) => new { Cohort = k.Code, Programme = p.Code, p.PactId })
            .SingleAsync(ct);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ProgrammeAuditActions.Corrected, nameof(Candidate), candidate.Id.ToString(CultureInfo.InvariantCulture),
            new { programme = where.Programme, cohort = where.Cohort, fields = changed }, where.PactId);
        await db.SaveChangesAsync(ct);
        return new ApplicationOutcome.Applied(candidate);
    }

    /// <summary>
    /// Erases the personal fields of the candidates of every cohort that ended more than the retention period ago.
    /// Idempotent: erased candidates are not touched again.
    /// </summary>
    public async Task<int> ApplyRetentionAsync(CancellationToken ct)
    {
        var cutoff = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddMonths(-options.Value.RetentionMonths);
        var due = await db.Set<Candidate>()
            .Where(c => c.ErasedAt == null && db.Set<Cohort>().Any(k => k.Id == c.CohortId && k.EndDate < cutoff))
            .OrderBy(c => c.Id).Take(5000).ToListAsync(ct);
        if (due.Count == 0)
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var cohorts = due.Select(c => c.CohortId).Distinct().ToList();
        var where = await db.Set<Cohort>().AsNoTracking().Where(k => cohorts.Contains(k.Id))
            .Join(db.Set<Programme>(), k => k.ProgrammeId, p => p.Id, (k, p) => new { k.Id, Cohort = k.Code, Programme = p.Code, p.PactId })
            .ToDictionaryAsync(x => x.Id, ct);
        foreach (var candidate in due)
        {
            Erase(candidate, now);
            var at = where[candidate.CohortId];
            db.RecordEvent(now, ProgrammeAuditActions.Erased, nameof(Candidate), candidate.Id.ToString(CultureInfo.InvariantCulture),
                new { programme = at.Programme, cohort = at.Cohort, reason = "retention period after the cohort ended has passed" }, at.PactId);
        }
        await db.SaveChangesAsync(ct);
        return due.Count;
    }

    /// <summary>The personal fields go; what the counts need stays (see the class).</summary>
    private static void Erase(Candidate candidate, DateTime now)
    {
        candidate.UserId = null;
        candidate.MunicipalityId = null;
        candidate.ErasedAt = now;
    }
}

/// <summary>Applies the retention rule once a day (and shortly after start), once across instances.</summary>
public sealed class ProgrammeRetentionWorker(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ProgrammeRetentionWorker> log) : ClusterJob(scopes, clock, log)
{
    public override string Name => "programme-retention";
    protected override TimeSpan Period => TimeSpan.FromDays(1);

    protected override async Task<string?> RunAsync(IServiceProvider services, DateTime now, CancellationToken ct) =>
        await services.GetRequiredService<ProgrammePrivacy>().ApplyRetentionAsync(ct) is > 0 and var erased ? $"erased the personal fields of {erased} programme candidates past their retention period" : null;
}
