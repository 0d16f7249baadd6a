using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

public sealed record CompletedModuleDto(int Module, string Name, DateOnly CompletedOn);
/// <summary>
/// A participant (a candidate who started) with their completed modules and outcome; the job's employer as an organisation of the
/// network or as typed, and the whole months from the cohort's end to the job's start (computed, never stored).
/// </summary>
public sealed record ParticipantDto(long Id, IReadOnlyList<CompletedModuleDto> Modules, bool? Certificate, DateOnly? CertificateOn, int? JobOrganisationId,
    string? JobEmployer, DateOnly? JobStartedOn, int? JobMonthsAfterEnd, bool Invented);

/// <summary>The participants' progress and outcomes: for the programme's staff, who alone read and record them (<see cref="Outcomes"/>).</summary>
public static class ParticipantsApi
{
    public static RouteGroupBuilder MapParticipantsApi(this RouteGroupBuilder api)
    {
        var cohort = api.MapGroup("/programmes/{code}/cohorts/{cohort}/participants").WithTags("Programmes").AddEndpointFilter(ProgrammeProblemLanguage.Filter)
            .RequireAuthorization(Policies.SignedIn);
        cohort.MapGet("", GetParticipants).WithName("GetProgrammeParticipants")
            .WithSummary("A cohort's participants (candidates who started): completed modules with their dates, certificate, job (employer and start) and the months from the cohort's end to the job. For the programme's staff.");
        cohort.MapPost("/{id:long}/modules", CompleteModule).WithName("CompleteProgrammeModule")
            .WithSummary("The programme's staff record a module a participant completed: the module's position and the date. Once per module.");
        cohort.MapPut("/{id:long}/outcome", RecordOutcome).WithName("RecordProgrammeOutcome")
            .WithSummary("The programme's staff record a participant's outcome: certificate (true, false or null) and its date; the job's employer (an organisation of the programme's employer network by number, or any other by name) and start date. An unchanged outcome writes nothing.");
        return api;
    }

    private static async Task<Results<Ok<List<ParticipantDto>>, ProblemHttpResult>> GetParticipants(string code, string cohort, PactwerkDb db, AccessScopeProvider scopes,
        CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, code, ct) is not { } programme)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, code));
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: false))
            return ApiProblems.Forbidden(ProgrammeMessages.NotStaff);
        if (await ProgrammeLookup.CohortAsync(db, programme, cohort, ct) is not { } found)
            return ApiProblems.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohort));
        return TypedResults.Ok(await ParticipantsAsync(db, programme, found, null, ct));
    }

    /// <summary>The cohort's participants (or one of them), as the API and the staff's page show them.</summary>
    internal static async Task<List<ParticipantDto>> ParticipantsAsync(PactwerkDb db, Programme programme, Cohort cohort, long? only, CancellationToken ct)
    {
        var start = programme.Steps[^1].Id;
        var candidates = await db.Set<Candidate>().AsNoTracking().Include(c => c.Modules)
            .Where(c => c.CohortId == cohort.Id && c.ErasedAt == null && (only == null || c.Id == only)
                && c.Steps.Any(s => s.IntakeStepId == start && s.Decision == StepDecision.Passed))
            .OrderBy(c => c.AppliedAt).ThenBy(c => c.Id).ToListAsync(ct);
        var modules = await db.Set<ProgrammeUnit>().AsNoTracking().Where(m => m.ProgrammeId == programme.Id).ToDictionaryAsync(m => m.Id, ct);
        var organisationIds = candidates.Where(c => c.JobOrganisationId != null).Select(c => c.JobOrganisationId!.Value).Distinct().ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return candidates.Select(c => new ParticipantDto(c.Id,
            c.Modules.Select(m => modules[m.ModuleId]).OrderBy(m => m.Position)
                .Select(m => new CompletedModuleDto(m.Position, m.Name, c.Modules.Single(x => x.ModuleId == m.Id).CompletedOn)).ToList(),
            c.Certificate, c.CertificateOn, c.JobOrganisationId, c.JobOrganisationId is { } o ? organisations[o] : c.JobEmployerName, c.JobStartedOn,
            OutcomeMonths.After(cohort.EndDate, c.JobStartedOn), c.Invented)).ToList();
    }

    private static async Task<IResult> CompleteModule(string code, string cohort, long id, ModuleCompletionInput input, Outcomes outcomes, CancellationToken ct) =>
        Answer(await outcomes.CompleteModuleAsync(code, cohort, id, input, ct), TypedResults.Created($"/api/v1/programmes/{code}/cohorts/{cohort}/participants", new { participant = id, input.Module, input.CompletedOn }));

    private static async Task<IResult> RecordOutcome(string code, string cohort, long id, OutcomeInput input, Outcomes outcomes, CancellationToken ct) =>
        Answer(await outcomes.RecordOutcomeAsync(code, cohort, id, input, ct), TypedResults.Ok(new { participant = id, changed = true }));

    private static IResult Answer(ProgressOutcome outcome, IResult done) => outcome switch
    {
        ProgressOutcome.Recorded => done,
        ProgressOutcome.Unchanged => TypedResults.Ok(new { changed = false }),
        ProgressOutcome.NotFound n => ApiProblems.NotFound(n.Message),
        ProgressOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
        ProgressOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };
}
