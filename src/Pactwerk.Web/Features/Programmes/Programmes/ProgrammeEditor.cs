using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// A programme as its staff set it up: what <c>GET /api/v1/programmes/{code}</c> gives and <c>PUT</c> takes back, and what the
/// programme's form binds. Targets are percentages (0–100, one decimal) as the publication states them: the form reads them in
/// the reader's culture (92,5 in Dutch), the API as JSON numbers.
/// </summary>
public sealed class ProgrammeInput
{
    /// <summary>Fixed once made: the programme's address in links and the API.</summary>
    public string? Code { get; set; }
    public string? Name { get; set; }
    /// <summary>The pact's code; fixed once made.</summary>
    public string? Pact { get; set; }
    public int? OwnerOrganisationId { get; set; }
    public List<int> Partners { get; set; } = [];
    /// <summary>One of the organisations' sector codes (<see cref="Network.Sectors"/>), or none.</summary>
    public string? Sector { get; set; }
    public string? Description { get; set; }
    public decimal? TargetCertificateRate { get; set; }
    public decimal? TargetJobRate { get; set; }
    public decimal? TargetWomenShare { get; set; }
    /// <summary>The intake steps in order; left out (or empty), a new programme gets <see cref="Programme.DefaultSteps"/> and a programme keeps its own.</summary>
    public List<IntakeStepInput>? Steps { get; set; }
    public int Version { get; set; }
}

/// <summary>One intake step: its place in the order (the list's order when left out), code and name.</summary>
public sealed class IntakeStepInput
{
    public int? Position { get; set; }
    public string? Code { get; set; }
    public string? Name { get; set; }
}

/// <summary>
/// The one writer of a programme's own record — the API's POST and PUT and the programme's form. Who may is
/// <see cref="ProgrammeAccess"/>'s; every change is written to the audit trail by the entities themselves (they are audited),
/// so an unchanged save, which changes no property, writes nothing. Bad input is refused as a whole, field by field.
/// </summary>
public sealed partial class ProgrammeEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    /// <summary>
    /// The literal segments of the addresses under <c>/programmas/</c>: a programme with such a code could never be reached
    /// (<c>/programmas/mijn</c> is the applicant's own page). The module maps its fixed routes from this list, and a test
    /// compares it with every route the application serves there.
    /// </summary>
    public static readonly IReadOnlyList<string> FixedSegments = [ProgrammesModule.OwnSegment, ProgrammesModule.NewSegment];

    public static ProgrammeInput InputOf(Programme programme, string pactCode) => new()
    {
        Code = programme.Code, Name = programme.Name, Pact = pactCode, OwnerOrganisationId = programme.OwnerOrganisationId,
        Partners = programme.Partners.Select(p => p.OrganisationId).Order().ToList(), Sector = programme.Sector, Description = programme.Description,
        TargetCertificateRate = programme.TargetCertificateRate, TargetJobRate = programme.TargetJobRate, TargetWomenShare = programme.TargetWomenShare,
        Steps = programme.Steps.OrderBy(s => s.Position).Select(s => new IntakeStepInput { Position = s.Position, Code = s.Code, Name = s.Name }).ToList(),
        Version = programme.Version,
    };

    /// <summary>The programme with what its form and the API show: partners and steps.</summary>
    public Task<Programme?> FindAsync(string code, CancellationToken ct) =>
        db.Set<Programme>().Include(p => p.Partners).Include(p => p.Steps).SingleOrDefaultAsync(p => p.Code == code, ct);

    public async Task<EditOutcome<Programme>> CreateAsync(ProgrammeInput input, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var code = input.Code?.Trim().ToLowerInvariant() ?? "";
        if (code.Length == 0)
            errors[nameof(input.Code)] = [ProgrammeMessages.CodeMissing];
        else if (code.Length > 60 || !CodeShape().IsMatch(code))
            errors[nameof(input.Code)] = [ProgrammeMessages.CodeInvalid];
        else if (FixedSegments.Contains(code))
            errors[nameof(input.Code)] = [ProgrammeMessages.Format(ProgrammeMessages.CodeReserved, code)];
        else if (await db.Set<Programme>().AnyAsync(p => p.Code == code, ct))
            errors[nameof(input.Code)] = [ProgrammeMessages.Format(ProgrammeMessages.CodeTaken, code)];
        var pact = string.IsNullOrWhiteSpace(input.Pact) ? null
            : await db.Pacts.AsNoTracking().Where(p => p.Code == input.Pact.Trim()).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        if (pact is null)
            errors[nameof(input.Pact)] = [ProgrammeMessages.PactMissing];
        var owner = await OwnerAsync(input, errors, ct);
        // Refused before anything else is said about the input: whoever may not set up this programme learns nothing from its checks.
        if (pact is { } pactId && owner is { } ownerId && !ProgrammeAccess.MaySetUp(await scopes.GetAsync(ct), pactId, ownerId))
            return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.SetUpForbidden);
        if (pact is null || owner is null)
        {
            if (!ProgrammeAccess.MaySetUpAny(await scopes.GetAsync(ct)))
                return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.SetUpForbidden);
        }
        var programme = new Programme { Code = code, Name = "", PactId = pact ?? 0, OwnerOrganisationId = owner ?? 0 };
        await CheckAsync(programme, input, hasCandidates: false, errors, ct);
        if (errors.Count > 0)
            return new EditOutcome<Programme>.Invalid(errors);
        db.Add(programme);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            // Someone else took the code at the same moment.
            db.ChangeTracker.Clear();
            return new EditOutcome<Programme>.Invalid(new Dictionary<string, string[]> { [nameof(input.Code)] = [ProgrammeMessages.Format(ProgrammeMessages.CodeTaken, code)] });
        }
        return new EditOutcome<Programme>.Saved(programme);
    }

    /// <summary>
    /// Removes a programme nobody applied to, with its steps, partners, network, modules and cohorts; each row's removal is
    /// audited by the entity. A programme with candidates stays (<see cref="ProgrammeParts.DeleteCohortAsync"/> says why).
    /// </summary>
    public async Task<EditOutcome<Programme>> DeleteAsync(string code, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } programme)
            return new EditOutcome<Programme>.NotFound();
        if (!ProgrammeAccess.IsStaff(await scopes.GetAsync(ct), programme, forChange: true))
            return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.NotStaff);
        var cohorts = await db.Set<Cohort>().Where(c => c.ProgrammeId == programme.Id).ToListAsync(ct);
        if ((await ProgrammeLookup.CohortsAppliedToAsync(db, programme.Id, ct)).Count > 0)
            return new EditOutcome<Programme>.Conflict(ProgrammeMessages.ProgrammeHasCandidates);
        // Loaded, so that each removal is tracked and audited rather than left to the database's cascade.
        db.RemoveRange(cohorts);
        db.RemoveRange(await db.Set<ProgrammeEmployer>().Where(e => e.ProgrammeId == programme.Id).ToListAsync(ct));
        db.RemoveRange(await db.Set<ProgrammeUnit>().Where(m => m.ProgrammeId == programme.Id).ToListAsync(ct));
        db.RemoveRange(programme.Steps);
        db.RemoveRange(programme.Partners);
        db.Remove(programme);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (ForeignKeyViolation.Is(e))
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<Programme>.Conflict(ProgrammeMessages.ProgrammeHasCandidates);
        }
        return new EditOutcome<Programme>.Saved(programme);
    }

    public async Task<EditOutcome<Programme>> UpdateAsync(string code, ProgrammeInput input, CancellationToken ct)
    {
        if (await FindAsync(code, ct) is not { } programme)
            return new EditOutcome<Programme>.NotFound();
        var scope = await scopes.GetAsync(ct);
        if (!ProgrammeAccess.IsStaff(scope, programme, forChange: true))
            return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.NotStaff);
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(input.Code) && !string.Equals(input.Code.Trim(), programme.Code, StringComparison.OrdinalIgnoreCase))
            errors[nameof(input.Code)] = [ProgrammeMessages.CodeFixed];
        var pactCode = await db.Pacts.Where(p => p.Id == programme.PactId).Select(p => p.Code).SingleAsync(ct);
        if (!string.IsNullOrWhiteSpace(input.Pact) && input.Pact.Trim() != pactCode)
            errors[nameof(input.Pact)] = [ProgrammeMessages.PactFixed];
        if (await OwnerAsync(input, errors, ct) is { } owner && owner != programme.OwnerOrganisationId)
        {
            // Handing the programme to another organisation: the person must be able to set it up for that one too.
            if (!ProgrammeAccess.MaySetUp(scope, programme.PactId, owner))
                return new EditOutcome<Programme>.Forbidden(ProgrammeMessages.SetUpForbidden);
            programme.OwnerOrganisationId = owner;
        }
        var hasCandidates = (await ProgrammeLookup.CohortsAppliedToAsync(db, programme.Id, ct)).Count > 0;
        await CheckAsync(programme, input, hasCandidates, errors, ct);
        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new EditOutcome<Programme>.Invalid(errors);
        }
        return await EditSupport.SaveVersionedAsync(db, programme, programme.Id, input.Version,
            async () => (await db.Set<Programme>().AsNoTracking().Include(p => p.Partners).Include(p => p.Steps).SingleAsync(p => p.Id == programme.Id, ct)), ct);
    }

    private async Task<int?> OwnerAsync(ProgrammeInput input, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        if (input.OwnerOrganisationId is { } id && await db.Organisations.AnyAsync(o => o.Id == id, ct))
            return id;
        errors[nameof(input.OwnerOrganisationId)] = [ProgrammeMessages.OwnerMissing];
        return null;
    }

    /// <summary>Checks the input and, as far as it is valid, sets it on the programme (saved only when nothing failed).</summary>
    private async Task CheckAsync(Programme programme, ProgrammeInput input, bool hasCandidates, Dictionary<string, string[]> errors, CancellationToken ct)
    {
        var name = input.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
            errors[nameof(input.Name)] = [ProgrammeMessages.NameMissing];
        else
            programme.Name = name;
        var description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        if (description is { Length: > 4000 })
            errors[nameof(input.Description)] = [ProgrammeMessages.DescriptionTooLong];
        else
            programme.Description = description;
        var sector = string.IsNullOrWhiteSpace(input.Sector) ? null : input.Sector.Trim().ToLowerInvariant();
        if (sector is not null && !Network.Sectors.IsKnown(sector))
            errors[nameof(input.Sector)] = [ProgrammeMessages.SectorUnknown];
        else
            programme.Sector = sector;

        void Target(string field, decimal? value, Action<decimal> set)
        {
            // One decimal is what the column keeps: more would not read back as typed.
            if (value is not { } v || v is < 0 or > 100 || decimal.Round(v, 1) != v)
                errors[field] = [ProgrammeMessages.TargetInvalid];
            else
                set(v);
        }
        Target(nameof(input.TargetCertificateRate), input.TargetCertificateRate, v => programme.TargetCertificateRate = v);
        Target(nameof(input.TargetJobRate), input.TargetJobRate, v => programme.TargetJobRate = v);
        Target(nameof(input.TargetWomenShare), input.TargetWomenShare, v => programme.TargetWomenShare = v);

        var partners = input.Partners.Where(p => p != programme.OwnerOrganisationId).Distinct().ToList();
        if (partners.Count > 0 && await db.Organisations.CountAsync(o => partners.Contains(o.Id), ct) != partners.Count)
            errors[nameof(input.Partners)] = [ProgrammeMessages.PartnerUnknown];
        else
        {
            // Only the differences, so an unchanged save leaves the rows (and the audit trail) alone.
            db.RemoveRange(programme.Partners.Where(p => !partners.Contains(p.OrganisationId)).ToList());
            programme.Partners.RemoveAll(p => !partners.Contains(p.OrganisationId));
            foreach (var added in partners.Where(p => programme.Partners.All(x => x.OrganisationId != p)))
                programme.Partners.Add(new ProgrammePartner { OrganisationId = added });
        }

        if (Steps(input.Steps, errors) is { } steps)
            SetSteps(programme, steps, hasCandidates, errors);
        else if (programme.Steps.Count == 0 && !errors.ContainsKey(nameof(input.Steps)))
            programme.Steps = Programme.DefaultSteps.Select((s, i) => new IntakeStep { Position = i + 1, Code = s.Code, Name = s.Name }).ToList();
    }

    /// <summary>The steps as typed, in order, without the empty rows a form sends; null when none were given or they are wrong.</summary>
    private static List<(string Code, string Name)>? Steps(List<IntakeStepInput>? typed, Dictionary<string, string[]> errors)
    {
        var rows = (typed ?? []).Select((s, i) => (s, i)).Where(x => !string.IsNullOrWhiteSpace(x.s.Code) || !string.IsNullOrWhiteSpace(x.s.Name))
            .OrderBy(x => x.s.Position ?? x.i + 1).ThenBy(x => x.i).Select(x => (Code: x.s.Code?.Trim().ToLowerInvariant() ?? "", Name: x.s.Name?.Trim() ?? "")).ToList();
        if (rows.Count == 0)
            return null;
        if (rows.Any(r => r.Code.Length is 0 or > 40 || !CodeShape().IsMatch(r.Code) || r.Name.Length is 0 or > 100))
        {
            errors[nameof(ProgrammeInput.Steps)] = [ProgrammeMessages.StepsInvalid];
            return null;
        }
        if (rows.GroupBy(r => r.Code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors[nameof(ProgrammeInput.Steps)] = [ProgrammeMessages.Format(ProgrammeMessages.StepsTwice, twice.Key)];
            return null;
        }
        return rows;
    }

    /// <summary>
    /// Renames in place; a new order or a new set of steps replaces them all, which only a programme without candidates
    /// allows: decisions already recorded hang on the steps they were taken on.
    /// </summary>
    private void SetSteps(Programme programme, List<(string Code, string Name)> steps, bool hasCandidates, Dictionary<string, string[]> errors)
    {
        var current = programme.Steps.OrderBy(s => s.Position).ToList();
        if (current.Select(s => s.Code).SequenceEqual(steps.Select(s => s.Code)))
        {
            for (var i = 0; i < steps.Count; i++)
                current[i].Name = steps[i].Name;
            return;
        }
        if (hasCandidates)
        {
            errors[nameof(ProgrammeInput.Steps)] = [ProgrammeMessages.StepsFixed];
            return;
        }
        db.RemoveRange(current);
        programme.Steps.Clear();
        programme.Steps.AddRange(steps.Select((s, i) => new IntakeStep { Position = i + 1, Code = s.Code, Name = s.Name }));
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodeShape();
}
