using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A programme in the list; <c>totalWeeks</c> is the sum of its modules' weeks, null unless every module has its length.</summary>
public sealed record ProgrammeDto(string Code, string Name, int PactId, int OwnerOrganisationId, string? Description, decimal TargetCertificateRate,
    decimal TargetJobRate, decimal TargetWomenShare, IReadOnlyList<string> Steps, bool Invented, int? TotalWeeks);
/// <summary>An employer of a programme's network as everyone may read it: who, and how many places it commits to each cohort.</summary>
public sealed record ProgrammeEmployerDto(int OrganisationId, string Organisation, int PlacesPerCohort);
public sealed record CohortDto(string Code, string Name, DateOnly StartDate, DateOnly EndDate, int Seats, CohortStatus Status, CohortFiguresDto Figures);
public sealed record CandidateStepDto(string Step, DateOnly On, StepDecision Decision, string RecordedBy);
public sealed record CandidateDto(long Id, string Cohort, DateTime AppliedAt, string? NextStep, IReadOnlyList<CandidateStepDto> Steps, bool Invented);
public sealed record OwnApplicationDto(long Id, string Programme, string Cohort, DateTime AppliedAt, string? NextStep, IReadOnlyList<CandidateStepDto> Steps);

/// <summary>
/// Programmes and their cohorts (public), applications (a signed-in person for themselves) and the intake (the programme's
/// staff). Candidates are people: only the staff see them, and an applicant their own.
/// </summary>
public static class ProgrammesApi
{
    public static RouteGroupBuilder MapProgrammesApi(this RouteGroupBuilder api)
    {
        var programmes = api.MapGroup("/programmes").WithTags("Programmes").AddEndpointFilter(ProgrammeProblemLanguage.Filter);
        programmes.MapGet("", GetProgrammes).WithName("GetProgrammes").AllowAnonymous()
            .WithSummary("The retraining programmes: owner, pact, targets (certificate rate, job rate, share of women, as percentages) and intake steps in order.");
        programmes.MapGet("/{code}", GetProgramme).WithName("GetProgramme").AllowAnonymous()
            .WithSummary("One programme as its staff set it up: code, name, pact, owner, partners, sector, description, targets (percentages, one decimal) and intake steps in order; PUT takes the same back.");
        programmes.MapPost("", CreateProgramme).WithName("CreateProgramme").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Sets up a programme: for the owner organisation's editors, the pact's coordinators and administrators. A code that is taken or that is a fixed part of the addresses under /programmas/ (mijn, nieuw) is refused. Without steps the programme gets the six default intake steps.");
        programmes.MapPut("/{code}", UpdateProgramme).WithName("UpdateProgramme").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Changes a programme (its staff). The code and pact stay; the steps' order and set are fixed once candidates applied, their names not. An unchanged save changes nothing; a stale version is refused with 409.");
        programmes.MapPost("/{code}/cohorts", AddCohort).WithName("AddProgrammeCohort").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff add a cohort: code (fixed once made), name, start and end date (end after start), seats (more than 0), closed or open.");
        programmes.MapPut("/{code}/cohorts/{cohort}", ChangeCohort).WithName("ChangeProgrammeCohort").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff change a cohort; its seats never go below the participants who already started.");
        programmes.MapDelete("/{code}", DeleteProgramme).WithName("DeleteProgramme").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff remove a programme nobody applied to, with its cohorts, network, modules and steps (204). One with applications is refused with 409: close its cohorts instead.");
        programmes.MapDelete("/{code}/cohorts/{cohort}", DeleteCohort).WithName("DeleteProgrammeCohort").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff remove a cohort nobody applied to (204). One with applications is refused with 409: close it instead.");
        programmes.MapGet("/{code}/employers", GetEmployers).WithName("GetProgrammeEmployers").AllowAnonymous()
            .WithSummary("A programme's employer network: each employer's organisation id and name, and the places it commits per cohort, by name.");
        programmes.MapGet("/{code}/employers/lookup", LookupEmployers).WithName("LookupProgrammeEmployers").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The organisations of a programme's employer network whose name matches q (case and diacritics ignored), best first, at most 20, as the lookups give them: the picker of a participant's job. For the programme's staff.");
        programmes.MapPut("/{code}/employers", SetEmployers).WithName("SetProgrammeEmployers").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff set the employer network: each organisation once, with the places it commits per cohort (0 or more); answers with the network as the GET gives it.");
        programmes.MapGet("/{code}/modules", GetModules).WithName("GetProgrammeModules").AllowAnonymous()
            .WithSummary("A programme's modules in order: name, AtSchool or AtEmployer, and length in weeks (null when not known).");
        programmes.MapPut("/{code}/modules", SetModules).WithName("SetProgrammeModules").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff set the modules in order (name, AtSchool or AtEmployer, and optionally `weeks`, a whole number 1–104); a module participants completed cannot be removed. A bad length is refused at `Modules[i].Weeks`.");
        programmes.MapGet("/{code}/cohorts", GetCohorts).WithName("GetProgrammeCohorts").AllowAnonymous()
            .WithSummary("A programme's cohorts: start and end date, seats, open or closed, and their live figures (intake per step, starts, certificates, jobs, women, rates). Counts of people under the small-cell rule, except for the programme's staff.");
        programmes.MapPost("/{code}/cohorts/{cohort}/applications", Apply).WithName("ApplyToProgrammeCohort").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The signed-in person applies to an open cohort for themselves: their municipality (name or CBS code) and, if they wish, gender (Woman, Man, Other, NotGiven).");
        programmes.MapGet("/{code}/cohorts/{cohort}/candidates", GetCandidates).WithName("GetProgrammeCandidates").RequireAuthorization(Policies.SignedIn)
            .WithSummary("A cohort's candidates with each intake step's date, decision and who recorded it, and their next step. For the programme's staff.");
        programmes.MapPost("/{code}/cohorts/{cohort}/candidates/{id:long}/steps", Decide).WithName("DecideProgrammeIntakeStep").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The programme's staff record the decision on a candidate's next step (Passed, Failed, Withdrawn). Only the next step in order; passing the last step (start) takes a seat and is refused with 409 when the cohort is full.");
        api.MapPut("/programme-applications/{id:long}", CorrectOwnApplication).WithTags("Programmes").WithName("CorrectOwnProgrammeApplication")
            .RequireAuthorization(Policies.SignedIn).AddEndpointFilter(ProgrammeProblemLanguage.Filter)
            .WithSummary("The signed-in person corrects their own application: municipality (name or CBS code) and gender (Woman, Man, Other, NotGiven; empty is NotGiven). Someone else's application is not found. An unchanged save changes nothing.");
        api.MapGet("/programme-applications", GetOwnApplications).WithTags("Programmes").WithName("GetOwnProgrammeApplications").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The signed-in person's own applications and where each stands in the intake.");
        return api;
    }

    private static async Task<Ok<List<ProgrammeDto>>> GetProgrammes(PactwerkDb db, CancellationToken ct)
    {
        var rows = await db.Set<Programme>().AsNoTracking().Include(p => p.Steps).Include(p => p.Modules).OrderBy(p => p.Name).ThenBy(p => p.Id).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(p => new ProgrammeDto(p.Code, p.Name, p.PactId, p.OwnerOrganisationId, p.Description, p.TargetCertificateRate,
            p.TargetJobRate, p.TargetWomenShare, p.Steps.OrderBy(s => s.Position).Select(s => s.Code).ToList(), p.Invented,
            ProgrammeUnit.TotalWeeks(p.Modules.Select(m => m.Weeks).ToList()))).ToList());
    }

    private static async Task<Results<Ok<ProgrammeInput>, ProblemHttpResult>> GetProgramme(string code, ProgrammeEditor editor, PactwerkDb db, CancellationToken ct)
    {
        if (await editor.FindAsync(code, ct) is not { } programme)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));
        return TypedResults.Ok(await ReadAsync(db, programme, ct));
    }

    private static async Task<IResult> CreateProgramme(ProgrammeInput input, ProgrammeEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input, ct), async p => TypedResults.Created($"/api/v1/programmes/{p.Code}", await ReadAsync(db, p, ct)),
            ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, input.Code), p => ReadAsync(db, p, ct), input.Version);

    private static async Task<IResult> UpdateProgramme(string code, ProgrammeInput input, ProgrammeEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(code, input, ct), async p => TypedResults.Ok(await ReadAsync(db, p, ct)),
            ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code), p => ReadAsync(db, p, ct), input.Version);

    private static async Task<IResult> AddCohort(string code, CohortInput input, ProgrammeParts parts, CancellationToken ct) =>
        await EditResults.ToResultAsync(await parts.SaveCohortAsync(code, null, input, ct),
            c => Task.FromResult<IResult>(TypedResults.Created($"/api/v1/programmes/{code}/cohorts", CohortOf(c))),
            ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code), c => Task.FromResult(CohortOf(c)), 0);

    private static async Task<IResult> ChangeCohort(string code, string cohort, CohortInput input, ProgrammeParts parts, CancellationToken ct) =>
        await EditResults.ToResultAsync(await parts.SaveCohortAsync(code, cohort, input, ct), c => Task.FromResult<IResult>(TypedResults.Ok(CohortOf(c))),
            ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohort), c => Task.FromResult(CohortOf(c)), 0);

    private static async Task<IResult> DeleteProgramme(string code, ProgrammeEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.DeleteAsync(code, ct), _ => Task.FromResult<IResult>(TypedResults.NoContent()),
            ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code), p => ReadAsync(db, p, ct), 0);

    private static async Task<IResult> DeleteCohort(string code, string cohort, ProgrammeParts parts, CancellationToken ct) =>
        await EditResults.ToResultAsync(await parts.DeleteCohortAsync(code, cohort, ct), _ => Task.FromResult<IResult>(TypedResults.NoContent()),
            ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohort), c => Task.FromResult(CohortOf(c)), 0);

    private static async Task<IResult> SetEmployers(string code, List<EmployerInput> input, ProgrammeParts parts, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await parts.SaveEmployersAsync(code, input, ct), async p => TypedResults.Ok(await NetworkOf(db, p.Id, ct)),
            ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code), p => NetworkOf(db, p.Id, ct), 0);

    private static async Task<Results<Ok<List<ProgrammeEmployerDto>>, ProblemHttpResult>> GetEmployers(string code, PactwerkDb db, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, code, ct) is not { } programme)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));
        return TypedResults.Ok(await NetworkOf(db, programme.Id, ct));
    }

    /// <summary>The picker of a participant's job searches only the network, and only the staff, who see the participants, use it.</summary>
    private static async Task<Results<Ok<List<LookupItem>>, ValidationProblem, ProblemHttpResult>> LookupEmployers(string code, string? q, PactwerkDb db,
        AccessScopeProvider scopes, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, code, ct) is not { } programme)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: false))
            return ApiProblems.Forbidden(ProgrammeMessages.NotStaff);
        if (Lookup.Refuse(q) is { } refused)
            return refused;
        return TypedResults.Ok(Lookup.Best(await ProgrammeLookup.EmployersAsync(db, programme.Id, ct), q));
    }

    /// <summary>The employer network as the GET gives it; the PUT answers with the same, so a client reads one shape.</summary>
    private static async Task<List<ProgrammeEmployerDto>> NetworkOf(PactwerkDb db, int programmeId, CancellationToken ct)
    {
        var rows = await db.Set<ProgrammeEmployer>().AsNoTracking().Where(e => e.ProgrammeId == programmeId)
            .Join(db.Organisations, e => e.OrganisationId, o => o.Id, (e, o) => new ProgrammeEmployerDto(e.OrganisationId, o.Name, e.PlacesPerCohort)).ToListAsync(ct);
        // Sorted here, not in SQL, so both databases give the same (ordinal) order.
        return rows.OrderBy(e => e.Organisation, StringComparer.Ordinal).ThenBy(e => e.OrganisationId).ToList();
    }

    private static async Task<Results<Ok<List<ModuleInput>>, ProblemHttpResult>> GetModules(string code, PactwerkDb db, CancellationToken ct) =>
        await ProgrammeLookup.ProgrammeAsync(db, code, ct) is { } programme
            ? TypedResults.Ok(await ModulesOf(db, programme.Id, ct))
            : ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));

    private static async Task<IResult> SetModules(string code, List<ModuleInput> input, ProgrammeParts parts, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await parts.SaveModulesAsync(code, input, ct), async p => TypedResults.Ok(await ModulesOf(db, p.Id, ct)),
            ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code), p => ModulesOf(db, p.Id, ct), 0);

    private static CohortInput CohortOf(Cohort c) =>
        new() { Code = c.Code, Name = c.Name, StartDate = c.StartDate, EndDate = c.EndDate, Seats = c.Seats, Closed = c.Status == CohortStatus.Closed };

    internal static Task<List<EmployerInput>> EmployersOf(PactwerkDb db, int programmeId, CancellationToken ct) =>
        db.Set<ProgrammeEmployer>().AsNoTracking().Where(e => e.ProgrammeId == programmeId).OrderBy(e => e.Id)
            .Select(e => new EmployerInput { OrganisationId = e.OrganisationId, PlacesPerCohort = e.PlacesPerCohort }).ToListAsync(ct);

    internal static Task<List<ModuleInput>> ModulesOf(PactwerkDb db, int programmeId, CancellationToken ct) =>
        db.Set<ProgrammeUnit>().AsNoTracking().Where(m => m.ProgrammeId == programmeId).OrderBy(m => m.Position)
            .Select(m => new ModuleInput { Position = m.Position, Name = m.Name, Setting = m.Setting, Weeks = m.Weeks }).ToListAsync(ct);

    private static async Task<ProgrammeInput> ReadAsync(PactwerkDb db, Programme programme, CancellationToken ct) =>
        ProgrammeEditor.InputOf(programme, await db.Pacts.Where(p => p.Id == programme.PactId).Select(p => p.Code).SingleAsync(ct));

    private static async Task<Results<Ok<List<CohortDto>>, ProblemHttpResult>> GetCohorts(string code, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, code, ct) is not { } programme)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));
        var cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => c.ProgrammeId == programme.Id).OrderBy(c => c.StartDate).ThenBy(c => c.Id).ToListAsync(ct);
        var staff = ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: false);
        var figures = await CohortFigures.ForAsync(db, programme, cohorts.Select(c => c.Id).ToList(), unsuppressed: staff, ct);
        return TypedResults.Ok(cohorts.Select(c => new CohortDto(c.Code, c.Name, c.StartDate, c.EndDate, c.Seats, c.Status, figures[c.Id])).ToList());
    }

    private static async Task<IResult> Apply(string code, string cohort, ApplicationInput input, Applications applications, CancellationToken ct) =>
        await applications.ApplyAsync(code, cohort, input, ct) switch
        {
            ApplicationOutcome.Applied applied => TypedResults.Created("/api/v1/programme-applications",
                new OwnApplicationDto(applied.Candidate.Id, code, cohort, applied.Candidate.AppliedAt, null, [])),
            ApplicationOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            ApplicationOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            ApplicationOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    private static async Task<Results<Ok<List<CandidateDto>>, ProblemHttpResult>> GetCandidates(string code, string cohort, PactwerkDb db, AccessScopeProvider scopes,
        CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, code, ct) is not { } programme)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: false))
            return ApiProblems.Forbidden(ProgrammeMessages.NotStaff);
        if (await ProgrammeLookup.CohortAsync(db, programme, cohort, ct) is not { } found)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohort));
        var candidates = await db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).Where(c => c.CohortId == found.Id && c.ErasedAt == null)
            .OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).ToListAsync(ct);
        return TypedResults.Ok(candidates.Select(c => new CandidateDto(c.Id, found.Code, c.AppliedAt, IntakeDecisions.NextStep(programme, c.Steps)?.Code,
            Describe(programme, c.Steps), c.Invented)).ToList());
    }

    private static async Task<IResult> Decide(string code, string cohort, long id, StepDecisionInput input, IntakeDecisions decisions, CancellationToken ct) =>
        await decisions.DecideAsync(code, cohort, id, input, ct) switch
        {
            DecisionOutcome.Recorded r => TypedResults.Created($"/api/v1/programmes/{code}/cohorts/{cohort}/candidates",
                new { candidate = id, step = input.Step!.Trim().ToLowerInvariant(), r.Step.On, r.Step.Decision }),
            DecisionOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            DecisionOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            DecisionOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            DecisionOutcome.Full full => TypedResults.Problem(full.Message, statusCode: StatusCodes.Status409Conflict, title: "Vol"),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    private static async Task<IResult> CorrectOwnApplication(long id, ApplicationInput input, ProgrammePrivacy privacy, PactwerkDb db, CancellationToken ct) =>
        await privacy.CorrectAsync(id, input, ct) switch
        {
            ApplicationOutcome.Applied applied => TypedResults.Ok(new
            {
                applied.Candidate.Id, applied.Candidate.Gender,
                Municipality = await db.Regions.Where(r => r.Id == applied.Candidate.MunicipalityId).Select(r => r.Code).SingleOrDefaultAsync(ct),
            }),
            ApplicationOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            ApplicationOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            ApplicationOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };

    private static async Task<Ok<List<OwnApplicationDto>>> GetOwnApplications(PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct) =>
        TypedResults.Ok((await OwnAsync(db, (await scopes.GetAsync(ct)).UserId, ct)).Select(o => o.Application).ToList());

    /// <summary>A person's own applications, with their programmes and cohorts: the API's answer and the applicant's page.</summary>
    internal static async Task<List<(OwnApplicationDto Application, Programme Programme, Cohort Cohort)>> OwnAsync(PactwerkDb db, string? userId, CancellationToken ct)
    {
        if (userId is null)
            return [];
        var mine = await db.Set<Candidate>().AsNoTracking().Include(c => c.Steps).Where(c => c.UserId == userId && c.ErasedAt == null)
            .OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var cohortIds = mine.Select(c => c.CohortId).Distinct().ToList();
        var cohorts = await db.Set<Cohort>().AsNoTracking().Where(c => cohortIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var programmeIds = cohorts.Values.Select(c => c.ProgrammeId).Distinct().ToList();
        var programmes = await db.Set<Programme>().AsNoTracking().Include(p => p.Steps).Where(p => programmeIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        return mine.Select(c =>
        {
            var cohort = cohorts[c.CohortId];
            var programme = programmes[cohort.ProgrammeId];
            return (new OwnApplicationDto(c.Id, programme.Code, cohort.Code, c.AppliedAt, IntakeDecisions.NextStep(programme, c.Steps)?.Code, Describe(programme, c.Steps)),
                programme, cohort);
        }).ToList();
    }

    internal static List<CandidateStepDto> Describe(Programme programme, IEnumerable<CandidateStep> steps) =>
        steps.Join(programme.Steps, d => d.IntakeStepId, s => s.Id, (d, s) => (d, s)).OrderBy(x => x.s.Position)
            .Select(x => new CandidateStepDto(x.s.Code, x.d.On, x.d.Decision, x.d.RecordedBy)).ToList();
}
