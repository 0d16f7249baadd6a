using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>What an applicant tells: gender as they describe it (optional) and the municipality they live in.</summary>
public sealed record ApplicationInput(string? Gender, string? Municipality);

public abstract record ApplicationOutcome
{
    public sealed record Applied(Candidate Candidate) : ApplicationOutcome;
    public sealed record NotFound(string Message) : ApplicationOutcome;
    public sealed record Forbidden(string Message) : ApplicationOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : ApplicationOutcome;
}

/// <summary>
/// The one writer of applications: a signed-in person applies for themselves to an open cohort, once. The application
/// opens the intake; the programme's staff decide every step from there (<see cref="IntakeDecisions"/>).
/// </summary>
public sealed class Applications(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public async Task<ApplicationOutcome> ApplyAsync(string programmeCode, string cohortCode, ApplicationInput input, CancellationToken ct)
    {
        if (await ProgrammeLookup.ProgrammeAsync(db, programmeCode, ct) is not { } programme)
            return new ApplicationOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoProgramme, programmeCode));
        if (await ProgrammeLookup.CohortAsync(db, programme, cohortCode, ct) is not { } cohort)
            return new ApplicationOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohortCode));
        var scope = await scopes.GetAsync(ct);
        if (!ProgrammeAccess.MayApply(scope))
            return new ApplicationOutcome.Forbidden(ProgrammeMessages.SignInToApply);

        var errors = new Dictionary<string, string[]>();
        if (cohort.Status != CohortStatus.Open)
            errors["cohort"] = [ProgrammeMessages.CohortClosed];
        else if (await db.Set<Candidate>().AnyAsync(c => c.CohortId == cohort.Id && c.UserId == scope.UserId, ct))
            errors["cohort"] = [ProgrammeMessages.AlreadyApplied];
        var gender = GenderOf(input.Gender, errors);
        var municipality = await MunicipalityAsync(db, input.Municipality, errors, ct);
        if (errors.Count > 0)
            return new ApplicationOutcome.Invalid(errors);

        var now = clock.GetUtcNow().UtcDateTime;
        var candidate = new Candidate { CohortId = cohort.Id, UserId = scope.UserId, Gender = gender, MunicipalityId = municipality, AppliedAt = now };
        db.Add(candidate);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Data.ForeignKeyViolation.Is(e))
        {
            // The staff removed the (empty) cohort a moment ago.
            db.ChangeTracker.Clear();
            return new ApplicationOutcome.NotFound(ProgrammeMessages.Format(ProgrammeMessages.NoCohort, cohortCode));
        }
        // The trail names the application by number only: it outlives an erasure, the person must not.
        db.RecordEvent(now, ProgrammeAuditActions.Applied, nameof(Candidate), candidate.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { programme = programme.Code, cohort = cohort.Code }, programme.PactId);
        await db.SaveChangesAsync(ct);
        return new ApplicationOutcome.Applied(candidate);
    }

    /// <summary>Gender as the applicant describes it; not given when left empty.</summary>
    internal static Gender GenderOf(string? typed, Dictionary<string, string[]> errors)
    {
        var gender = Gender.NotGiven;
        if (!string.IsNullOrWhiteSpace(typed) && (!Enum.TryParse(typed.Trim(), ignoreCase: true, out gender) || !Enum.IsDefined(gender) || int.TryParse(typed, out _)))
            errors["gender"] = [ProgrammeMessages.GenderUnknown];
        return gender;
    }

    /// <summary>The municipality as the applicant typed it (a name or CBS code); null with the message when it is none or more than one.</summary>
    internal static async Task<int?> MunicipalityAsync(PactwerkDb db, string? typed, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var text = typed?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors["municipality"] = [ProgrammeMessages.MunicipalityMissing];
            return null;
        }
        var shown = text.Length > 60 ? text[..60] + "…" : text;
        switch (await Regions.MunicipalityResolver.ResolveAsync(db, text, ct))
        {
            case Regions.MunicipalityMatch.Found found:
                return await db.Regions.Where(r => r.Code == found.Code && r.RegionSet.Kind == Regions.RegionSetKind.Municipalities).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
            case Regions.MunicipalityMatch.Ambiguous ambiguous:
                errors["municipality"] = [ProgrammeMessages.Format(ProgrammeMessages.MunicipalityAmbiguous, shown, ambiguous.Candidates)];
                return null;
            default:
                errors["municipality"] = [ProgrammeMessages.Format(ProgrammeMessages.MunicipalityUnknown, shown)];
                return null;
        }
    }
}
