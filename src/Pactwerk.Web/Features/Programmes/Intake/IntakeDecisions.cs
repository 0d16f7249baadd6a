using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A decision on a candidate's next step: the step's code, the decision (Passed, Failed, Withdrawn) and its date.</summary>
public sealed record StepDecisionInput(string? Step, string? Decision, string? On);

public abstract record DecisionOutcome
{
    public sealed record Recorded(CandidateStep Step) : DecisionOutcome;
    public sealed record NotFound(string Message) : DecisionOutcome;
    public sealed record Forbidden(string Message) : DecisionOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : DecisionOutcome;
    /// <summary>The cohort has no seat left for another start; nothing was written.</summary>
    public sealed record Full(string Message) : DecisionOutcome;
}

/// <summary>
/// The one writer of intake decisions, and so the one place of its rules: only the programme's staff decide; a candidate
/// moves forward one step at a time in the programme's order, and stops at a decision other than Passed; and a cohort
/// never starts more participants than it has seats. Every decision of a cohort is taken under that cohort's lock (its row
/// on PostgreSQL, raised by a no-op update in the decision's transaction; the file's write lock on SQLite, whose
/// transactions begin IMMEDIATE), on the candidate's steps and the cohort's starts read inside it: two starts racing for
/// the last seat, or two staff deciding the same step, are decided one after the other, and the second sees the first.
/// </summary>
public sealed class IntakeDecisions(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, Pactwerk.Web.Shared.SqliteWriteGate<IntakeDecisions> gate)
{
    public async Task<DecisionOutcome> DecideAsync(string programmeCode, string cohortCode, long candidateId, StepDecisionInput input, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, programmeCode, ct) is not { } programme)
            return new DecisionOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, programmeCode));
        var scope = await scopes.GetAsync(ct);
        if (!ProgrammeAccess.IsStaff(scope, programme, forChange: true))
            return new DecisionOutcome.Forbidden(ProgrammeMessages.NotStaff);
        if (await ProgrammeLookup.CohortAsync(db, programme, cohortCode, ct) is not { } cohort)
            return new DecisionOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohortCode));

        var errors = new Dictionary<string, string[]>();
        var stepCode = input.Step?.Trim() ?? "";
        var step = programme.Steps.SingleOrDefault(s => string.Equals(s.Code, stepCode, StringComparison.OrdinalIgnoreCase));
        if (step is null)
            errors["step"] = [ProgrammeMessages.Format(ProgrammeMessages.StepUnknown, stepCode.Length > 60 ? stepCode[..60] + "…" : stepCode)];
        if (!Enum.TryParse<StepDecision>(input.Decision?.Trim(), ignoreCase: true, out var decision) || !Enum.IsDefined(decision)
            || int.TryParse(input.Decision, out _))
            errors["decision"] = [ProgrammeMessages.DecisionUnknown];
        var dateRead = DateOnly.TryParseExact(input.On?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on);
        if (!dateRead)
            errors["on"] = [ProgrammeMessages.DateInvalid];
        if (errors.Count > 0)
            return new DecisionOutcome.Invalid(errors);

        using var turn = await gate.EnterAsync(db, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<Cohort>().Where(c => c.Id == cohort.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Version, c => c.Version), ct);

        // Read under the lock: the candidate's decisions so far, and the cohort's seats and starts as they are now.
        var candidate = await db.Set<Candidate>().AsNoTracking().Include(c => c.Steps)
            .SingleOrDefaultAsync(c => c.Id == candidateId && c.CohortId == cohort.Id && c.ErasedAt == null, ct);
        if (candidate is null)
            return new DecisionOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCandidate, candidateId));
        var decided = candidate.Steps.ToDictionary(s => s.IntakeStepId);
        var stopped = candidate.Steps.Any(s => s.Decision != StepDecision.Passed);
        var next = programme.Steps.FirstOrDefault(s => !decided.ContainsKey(s.Id));
        if (stopped || next is null)
            return new DecisionOutcome.Invalid(new() { ["step"] = [ProgrammeMessages.StepsFinished] });
        if (next.Id != step!.Id)
            return new DecisionOutcome.Invalid(new() { ["step"] = [ProgrammeMessages.Format(ProgrammeMessages.StepOutOfOrder, next.Code, step.Code)] });
        var earliest = candidate.Steps.Select(s => s.On).Append(DateOnly.FromDateTime(candidate.AppliedAt)).Max();
        if (on < earliest)
            return new DecisionOutcome.Invalid(new() { ["on"] = [ProgrammeMessages.Format(ProgrammeMessages.DateTooEarly, earliest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))] });

        var startStep = programme.Steps[^1];
        if (step.Id == startStep.Id && decision == StepDecision.Passed)
        {
            var seats = await db.Set<Cohort>().Where(c => c.Id == cohort.Id).Select(c => c.Seats).SingleAsync(ct);
            var started = await db.Set<CandidateStep>().CountAsync(s => s.IntakeStepId == startStep.Id && s.Decision == StepDecision.Passed
                && db.Set<Candidate>().Any(c => c.Id == s.CandidateId && c.CohortId == cohort.Id), ct);
            if (started >= seats)
                return new DecisionOutcome.Full(ProgrammeMessages.Format(ProgrammeMessages.CohortFull, seats));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var row = new CandidateStep
        {
            CandidateId = candidate.Id, IntakeStepId = step.Id, On = on, Decision = decision, RecordedAt = now, RecordedBy = scope.UserId!,
        };
        db.Add(row);
        await db.SaveChangesAsync(ct);
        // The decision as a business event, naming the candidate by number only: the trail outlives an erasure.
        db.RecordEvent(now, ProgrammeAuditActions.StepDecided, nameof(Candidate), candidate.Id.ToString(CultureInfo.InvariantCulture),
            new { programme = programme.Code, cohort = cohort.Code, step = step.Code, decision = decision.ToString(), on }, programme.PactId);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new DecisionOutcome.Recorded(row);
    }

    /// <summary>The candidate's next step, or null when they started or stopped.</summary>
    public static IntakeStep? NextStep(Programme programme, IReadOnlyCollection<CandidateStep> decided) =>
        decided.Any(s => s.Decision != StepDecision.Passed) ? null : programme.Steps.OrderBy(s => s.Position).FirstOrDefault(s => decided.All(d => d.IntakeStepId != s.Id));
}
