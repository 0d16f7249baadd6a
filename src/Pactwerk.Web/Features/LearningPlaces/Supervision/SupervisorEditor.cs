using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>A supervisor as the organisation registers them: a name, how many learners at once, and the periods they are away.</summary>
public sealed record SupervisorInput(int? OrganisationId, string? Name, int? Capacity, List<PeriodInput>? Absences = null);

public abstract record SupervisorEditOutcome
{
    public sealed record Saved(Supervisor Supervisor) : SupervisorEditOutcome;
    public sealed record NotFound : SupervisorEditOutcome;
    public sealed record Forbidden(string Message) : SupervisorEditOutcome;
    public sealed record Invalid(Dictionary<string, string[]> Errors) : SupervisorEditOutcome;
}

/// <summary>
/// Registers and changes an organisation's supervisors. A change of capacity or absences applies to placements still to
/// come; placements already made stay, and the year view shows the weeks they are now short of supervision.
/// </summary>
public sealed class SupervisorEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public async Task<SupervisorEditOutcome> SaveAsync(int? supervisorId, SupervisorInput input, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        Supervisor? supervisor = null;
        if (supervisorId is { } id)
        {
            supervisor = await db.Set<Supervisor>().Include(s => s.Absences).SingleOrDefaultAsync(s => s.Id == id, ct);
            if (supervisor is null)
                return new SupervisorEditOutcome.NotFound();
        }
        var mine = LearningPlaceAccess.OrganisationsOf(scope);
        var organisationId = supervisor?.OrganisationId ?? input.OrganisationId ?? (mine.Count == 1 ? mine[0] : null);
        if (organisationId is null)
            return new SupervisorEditOutcome.Invalid(new() { ["organisationId"] = [LearningPlaceMessages.OrganisationMissing] });
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            return new SupervisorEditOutcome.Invalid(new() { ["organisationId"] = [LearningPlaceMessages.Format(LearningPlaceMessages.NoOrganisation, organisationId)] });
        if (!LearningPlaceAccess.ActsFor(scope, organisationId.Value, forChange: true))
            return new SupervisorEditOutcome.Forbidden(LearningPlaceMessages.NotStaff);

        var errors = new Dictionary<string, string[]>();
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors["name"] = [LearningPlaceMessages.NameMissing];
        if (input.Capacity is not (>= 1 and <= 20))
            errors["capacity"] = [LearningPlaceMessages.CapacityInvalid];
        var absences = new List<(DateOnly From, DateOnly To)>();
        foreach (var a in input.Absences ?? [])
        {
            if (LearningPlaceEditor.TryParseTypedDay(a.From, out var from) && LearningPlaceEditor.TryParseTypedDay(a.To, out var to) && from <= to)
                absences.Add((from, to));
            else
                errors["absences"] = [LearningPlaceMessages.AbsenceInvalid];
        }
        if (errors.Count > 0)
            return new SupervisorEditOutcome.Invalid(errors);

        if (supervisor is null)
        {
            supervisor = new Supervisor { OrganisationId = organisationId.Value, Name = name };
            db.Add(supervisor);
        }
        supervisor.Name = name;
        supervisor.Capacity = input.Capacity!.Value;
        var sorted = absences.Distinct().Order().ToList();
        if (!supervisor.Absences.OrderBy(a => a.From).ThenBy(a => a.To).Select(a => (a.From, a.To)).SequenceEqual(sorted))
        {
            db.RemoveRange(supervisor.Absences);
            supervisor.Absences = sorted.Select(a => new SupervisorAbsence { From = a.From, To = a.To }).ToList();
        }
        await db.SaveChangesAsync(ct);
        return new SupervisorEditOutcome.Saved(supervisor);
    }
}
