using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>A cohort as the staff set it up; the code is fixed once made.</summary>
public sealed class CohortInput
{
    public string? Code { get; set; }
    public string? Name { get; set; }
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public int? Seats { get; set; }
    /// <summary>Open (takes applications) unless closed.</summary>
    public bool Closed { get; set; }
}

/// <summary>An employer of the network and the places it commits to each cohort.</summary>
public sealed class EmployerInput
{
    public int? OrganisationId { get; set; }
    public int? PlacesPerCohort { get; set; }
}

/// <summary>A module in the programme's order (the list's order when no position is given).</summary>
public sealed class ModuleInput
{
    public int? Position { get; set; }
    public string? Name { get; set; }
    public ModuleSetting? Setting { get; set; }
    /// <summary>The module's length in whole weeks, 1–104; left out when not known.</summary>
    public int? Weeks { get; set; }
}

/// <summary>
/// The one writer of a programme's cohorts, employer network and modules, for its staff (<see cref="ProgrammeAccess"/>), from
/// the API and the programme's set-up page alike. Each is audited by the entities themselves, so an unchanged save writes
/// nothing; bad input is refused as a whole and changes nothing.
/// </summary>
public sealed partial class ProgrammeParts(PactwerkDb db, AccessScopeProvider scopes)
{
    /// <summary>Adds a cohort (<paramref name="cohortCode"/> null) or changes one. Its seats never go below the participants who started.</summary>
    public async Task<EditOutcome<Cohort>> SaveCohortAsync(string programmeCode, string? cohortCode, CohortInput input, CancellationToken ct)
    {
        if (await ProgrammeAsync(programmeCode, ct) is not { } programme)
            return new EditOutcome<Cohort>.NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return new EditOutcome<Cohort>.Forbidden(ProgrammeMessages.NotStaff);
        var errors = new Dictionary<string, string[]>();
        Cohort? cohort = null;
        var started = 0;
        if (cohortCode is not null)
        {
            cohort = await db.Set<Cohort>().SingleOrDefaultAsync(c => c.ProgrammeId == programme.Id && c.Code == cohortCode, ct);
            if (cohort is null)
                return new EditOutcome<Cohort>.NotFound();
            var start = programme.Steps.OrderBy(s => s.Position).Last().Id;
            started = await db.Set<CandidateStep>().CountAsync(s => s.IntakeStepId == start && s.Decision == StepDecision.Passed
                && db.Set<Candidate>().Any(c => c.Id == s.CandidateId && c.CohortId == cohort.Id), ct);
        }
        else
        {
            var code = input.Code?.Trim().ToLowerInvariant() ?? "";
            if (code.Length is 0 or > 40 || !CodeShape().IsMatch(code))
                errors[nameof(input.Code)] = [ProgrammeMessages.CohortCodeInvalid];
            else if (await db.Set<Cohort>().AnyAsync(c => c.ProgrammeId == programme.Id && c.Code == code, ct))
                errors[nameof(input.Code)] = [ProgrammeMessages.Format(ProgrammeMessages.CohortCodeTaken, code)];
            cohort = new Cohort { ProgrammeId = programme.Id, Code = code, Name = "" };
        }
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors[nameof(input.Name)] = [ProgrammeMessages.CohortNameMissing];
        if (input.StartDate is null)
            errors[nameof(input.StartDate)] = [ProgrammeMessages.CohortStartMissing];
        if (input.EndDate is not { } end || (input.StartDate is { } begin && end <= begin))
            errors[nameof(input.EndDate)] = [ProgrammeMessages.CohortEndInvalid];
        if (input.Seats is not ({ } seats and > 0 and <= 10_000))
            errors[nameof(input.Seats)] = [ProgrammeMessages.SeatsInvalid];
        else if (seats < started)
            errors[nameof(input.Seats)] = [ProgrammeMessages.Format(ProgrammeMessages.SeatsBelowStarted, started)];
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<Cohort>.Invalid(errors);
        }
        cohort.Name = name;
        cohort.StartDate = input.StartDate!.Value;
        cohort.EndDate = input.EndDate!.Value;
        cohort.Seats = input.Seats!.Value;
        cohort.Status = input.Closed ? CohortStatus.Closed : CohortStatus.Open;
        if (cohort.Id == 0)
            db.Add(cohort);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<Cohort>.Invalid(new Dictionary<string, string[]> { [nameof(input.Code)] = [ProgrammeMessages.Format(ProgrammeMessages.CohortCodeTaken, cohort.Code)] });
        }
        return new EditOutcome<Cohort>.Saved(cohort);
    }

    /// <summary>
    /// Removes a cohort nobody applied to (made by mistake, or a date that fell through). A cohort with candidates stays, erased
    /// ones included: their intake and outcomes are its history and the monitor's figures; it can be closed instead. The
    /// removal is audited by the entity, as any change.
    /// </summary>
    public async Task<EditOutcome<Cohort>> DeleteCohortAsync(string programmeCode, string cohortCode, CancellationToken ct)
    {
        if (await ProgrammeAsync(programmeCode, ct) is not { } programme)
            return new EditOutcome<Cohort>.NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return new EditOutcome<Cohort>.Forbidden(ProgrammeMessages.NotStaff);
        if (await db.Set<Cohort>().SingleOrDefaultAsync(c => c.ProgrammeId == programme.Id && c.Code == cohortCode, ct) is not { } cohort)
            return new EditOutcome<Cohort>.NotFound();
        if ((await ProgrammeLookup.CohortsAppliedToAsync(db, programme.Id, ct)).Contains(cohort.Id))
            return new EditOutcome<Cohort>.Conflict(ProgrammeMessages.CohortHasCandidates);
        db.Remove(cohort);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ForeignKeyViolation.Is(e))
        {
            // Someone applied between the check and the removal: the database keeps the cohort for them.
            db.ChangeTracker.Clear();
            return new EditOutcome<Cohort>.Conflict(ProgrammeMessages.CohortHasCandidates);
        }
        return new EditOutcome<Cohort>.Saved(cohort);
    }

    /// <summary>Replaces the employer network with the one sent; only the differences are written.</summary>
    public async Task<EditOutcome<Programme>> SaveEmployersAsync(string programmeCode, IReadOnlyList<EmployerInput> employers, CancellationToken ct)
    {
        if (await ProgrammeAsync(programmeCode, ct) is not { } programme)
            return new EditOutcome<Programme>.NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.NotStaff);
        var ids = employers.Select(e => e.OrganisationId ?? 0).ToList();
        var known = await db.Organisations.Where(o => ids.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        if (employers.Any(e => e.OrganisationId is not { } id || !known.Contains(id) || e.PlacesPerCohort is not (>= 0 and <= 10_000)))
            return Invalid<Programme>("Employers", ProgrammeMessages.EmployersInvalid);
        if (ids.Distinct().Count() != ids.Count)
            return Invalid<Programme>("Employers", ProgrammeMessages.EmployerTwiceInNetwork);
        var current = await db.Set<ProgrammeEmployer>().Where(e => e.ProgrammeId == programme.Id).ToListAsync(ct);
        db.RemoveRange(current.Where(c => !ids.Contains(c.OrganisationId)));
        foreach (var wanted in employers)
        {
            if (current.FirstOrDefault(c => c.OrganisationId == wanted.OrganisationId) is { } kept)
                kept.PlacesPerCohort = wanted.PlacesPerCohort!.Value;
            else
                db.Add(new ProgrammeEmployer { ProgrammeId = programme.Id, OrganisationId = wanted.OrganisationId!.Value, PlacesPerCohort = wanted.PlacesPerCohort!.Value });
        }
        await db.SaveChangesAsync(ct);
        return new EditOutcome<Programme>.Saved(programme);
    }

    /// <summary>
    /// Sets the modules in the order sent. A module is its place in the order: the one at a place keeps its completions
    /// when renamed; modules past the new last one go, unless participants completed them. A length in weeks out of range is
    /// refused at its own row (<see cref="WeeksField"/>, by its index in the list sent).
    /// </summary>
    public async Task<EditOutcome<Programme>> SaveModulesAsync(string programmeCode, IReadOnlyList<ModuleInput> modules, CancellationToken ct)
    {
        if (await ProgrammeAsync(programmeCode, ct) is not { } programme)
            return new EditOutcome<Programme>.NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.NotStaff);
        var wanted = modules.Select((m, i) => (m, i)).OrderBy(x => x.m.Position ?? x.i + 1).ThenBy(x => x.i)
            .Select(x => (Name: x.m.Name?.Trim() ?? "", x.m.Setting, x.m.Weeks)).ToList();
        var errors = new Dictionary<string, string[]>();
        if (wanted.Any(m => m.Name.Length is 0 or > 200 || m.Setting is not { } s || !Enum.IsDefined(s)))
            errors["Modules"] = [ProgrammeMessages.ModulesInvalid];
        for (var i = 0; i < modules.Count; i++)
            if (modules[i].Weeks is < 1 or > ProgrammeUnit.MaxWeeks)
                errors[WeeksField(i)] = [ProgrammeMessages.ModuleWeeksInvalid];
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<Programme>.Invalid(errors);
        }
        var current = await db.Set<ProgrammeUnit>().Where(m => m.ProgrammeId == programme.Id).OrderBy(m => m.Position).ToListAsync(ct);
        var dropped = current.Skip(wanted.Count).ToList();
        var droppedIds = dropped.Select(m => m.Id).ToList();
        if (await db.Set<ModuleProgress>().Where(p => droppedIds.Contains(p.ModuleId)).Select(p => (int?)p.ModuleId).FirstOrDefaultAsync(ct) is { } inUse)
            return Invalid<Programme>("Modules", ProgrammeMessages.Format(ProgrammeMessages.ModuleInUse, dropped.Single(m => m.Id == inUse).Name));
        db.RemoveRange(dropped);
        for (var i = 0; i < wanted.Count; i++)
        {
            if (i < current.Count)
                (current[i].Name, current[i].Setting, current[i].Weeks) = (wanted[i].Name, wanted[i].Setting!.Value, wanted[i].Weeks);
            else
                db.Add(new ProgrammeUnit { ProgrammeId = programme.Id, Position = i + 1, Name = wanted[i].Name, Setting = wanted[i].Setting!.Value, Weeks = wanted[i].Weeks });
        }
        await db.SaveChangesAsync(ct);
        return new EditOutcome<Programme>.Saved(programme);
    }

    /// <summary>The field a module's weeks are refused at: the <paramref name="index"/>th module of the list sent, as the API names a list item.</summary>
    public static string WeeksField(int index) => $"Modules[{index}].Weeks";

    private Task<Programme?> ProgrammeAsync(string code, CancellationToken ct) => ProgrammeLookup.ProgrammeAsync(db, code, ct);

    private EditOutcome<T> Invalid<T>(string field, string message)
    {
        db.ChangeTracker.Clear();
        return new EditOutcome<T>.Invalid(new Dictionary<string, string[]> { [field] = [message] });
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();
}
