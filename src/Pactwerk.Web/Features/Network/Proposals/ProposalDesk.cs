using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Network.ChangeProposal>;

namespace Pactwerk.Web.Features.Network;

/// <summary>A proposed change: the record as the proposer wants it, and why.</summary>
public sealed class ProposalInput<T> where T : class, new()
{
    public T Changes { get; set; } = new();
    [System.ComponentModel.DataAnnotations.StringLength(1000, ErrorMessage = "De toelichting is te lang (hoogstens 1000 tekens).")]
    public string? Reason { get; set; }
}

/// <summary>The owner's decision on a proposal; Version is the proposal's, as read.</summary>
public sealed class ProposalDecision
{
    [System.ComponentModel.DataAnnotations.StringLength(1000, ErrorMessage = "De toelichting is te lang (hoogstens 1000 tekens).")]
    public string? Note { get; set; }
    public int Version { get; set; }
}

/// <param name="MayDecide">The caller may accept or reject it (they may edit the record directly).</param>
/// <param name="Changed">Field by field, what the proposal would change: the record's current value and the proposed one.</param>
public sealed record ProposalDto(int Id, string Subject, int SubjectId, string SubjectName, int BaseVersion, string Status, string ProposedBy, DateTime ProposedAt,
    string? Reason, string? DecidedBy, DateTime? DecidedAt, string? DecisionNote, JsonElement Changes, IReadOnlyList<ProposedFieldDto> Changed, bool MayDecide, int Version);
public sealed record ProposedFieldDto(string Field, string? Current, string? Proposed);

/// <summary>
/// Proposals to change shared records, and their acceptance by the owner (<see cref="SharedRecords"/>).
/// A proposal is checked as an edit would be when it is made; accepting it is the owner's own edit
/// through the same editor, conditional on the record still being the version it was made against.
/// </summary>
public sealed class ProposalDesk(PactwerkDb db, SharedRecords shared, AccessScopeProvider scopes, OrganisationEditor organisations,
    PersonEditor people, IAuditActor actor, TimeProvider clock)
{
    [AuditAction] public const string ProposalAccepted = "ProposalAccepted";
    [AuditAction] public const string ProposalRejected = "ProposalRejected";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    /// <summary>A proposal that would change nothing would only ask the owner to decide on nothing.</summary>
    public const string NothingChanges = "Dit voorstel verandert niets aan de huidige gegevens; pas ten minste één veld aan. Er is geen voorstel gemaakt.";

    public async Task<Outcome> ProposeOrganisationAsync(int id, ProposalInput<OrganisationInput> input, CancellationToken ct)
    {
        var organisation = await db.Organisations.AsNoTracking().Include(o => o.Municipality).SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return new Outcome.NotFound();
        if (!await shared.MayProposeOrganisationChangeAsync(id, ct))
            return new Outcome.Forbidden("Alleen wie werkt in een pact waaraan deze organisatie verbonden is, stelt een wijziging voor.");
        var rules = await OrganisationRules.LoadAsync(db, ct);
        var (values, errors, duplicateOf) = rules.Check(input.Changes, id);
        if (values is not null && duplicateOf is { } other)
            errors[nameof(OrganisationInput.Name)] = [$"Deze organisatie bestaat al (nummer {other}): zelfde KvK-nummer, DUO-code, of naam in dezelfde gemeente."];
        // Compared as checked values, so "onderwijs" and "Education" are the same helix.
        if (errors.Count == 0 && values is not null && Same(organisation, values))
            errors[""] = [NothingChanges];
        return await ProposeAsync(ProposalSubject.Organisation, id, organisation.Version, input.Changes, input.Reason, errors, ct);
    }

    public async Task<Outcome> ProposePersonAsync(int id, ProposalInput<PersonInput> input, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return new Outcome.NotFound();
        if (!await shared.MayProposeAsync(await shared.PactsOfPersonAsync(id, person.OrganisationId, ct), ct))
            return new Outcome.Forbidden("Alleen wie werkt in een pact waaraan deze persoon verbonden is, stelt een wijziging voor.");
        var errors = EditSupport.Validate(input.Changes);
        if (person.ErasedAt is not null)
            errors[nameof(PersonInput.Name)] = ["De gegevens van deze persoon zijn verwijderd; ze worden niet opnieuw ingevuld."];
        if (input.Changes.OrganisationId is { } organisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            errors[nameof(PersonInput.OrganisationId)] = [$"Er is geen organisatie met nummer {organisationId}."];
        if (errors.Count == 0 && Differences(person, input.Changes).Count == 0)
            errors[""] = [NothingChanges];
        return await ProposeAsync(ProposalSubject.Person, id, person.Version, input.Changes, input.Reason, errors, ct);
    }

    private async Task<Outcome> ProposeAsync(ProposalSubject subject, int id, int version, object changes, string? reason,
        IDictionary<string, string[]> errors, CancellationToken ct)
    {
        if (reason is { Length: > 1000 })
            errors[nameof(ProposalInput<OrganisationInput>.Reason)] = ["De toelichting is te lang (hoogstens 1000 tekens)."];
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);
        var scope = await scopes.GetAsync(ct);
        var proposal = new ChangeProposal
        {
            Subject = subject, SubjectId = id, BaseVersion = version, Changes = JsonSerializer.Serialize(changes, changes.GetType(), Json),
            Reason = Values.Blank(reason), ProposedByUserId = scope.UserId!, ProposedBy = actor.Name, ProposedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.Add(proposal);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(proposal);
    }

    public async Task<bool> MayDecideAsync(ChangeProposal proposal, CancellationToken ct) => proposal.Subject switch
    {
        ProposalSubject.Organisation => await shared.MayEditOrganisationAsync(proposal.SubjectId, ct),
        _ => await db.People.Where(p => p.Id == proposal.SubjectId).Select(p => new { p.OrganisationId }).SingleOrDefaultAsync(ct) is { } person
            && await shared.MayEditPersonAsync(proposal.SubjectId, person.OrganisationId, ct),
    };

    /// <summary>
    /// Applies the proposal as the owner's edit. The record must still be the version the proposal
    /// was made against; if it changed since, nothing is applied and the proposal stays open.
    /// </summary>
    public async Task<Outcome> AcceptAsync(int proposalId, ProposalDecision decision, CancellationToken ct)
    {
        var (proposal, refused) = await OpenForDecisionAsync(proposalId, decision, ct);
        if (refused is not null)
            return refused;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var applied = proposal!.Subject == ProposalSubject.Organisation
            ? Describe(await organisations.UpdateAsync(proposal.SubjectId, With(Read<OrganisationInput>(proposal), proposal.BaseVersion), ct))
            : Describe(await people.UpdateAsync(proposal.SubjectId, With(Read<PersonInput>(proposal), proposal.BaseVersion), ct));
        if (applied is not null)
            return applied;
        proposal.Decide(ProposalStatus.Accepted, actor.Name, clock.GetUtcNow().UtcDateTime, Values.Blank(decision.Note));
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ProposalAccepted, proposal.Subject.ToString(), proposal.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { Proposal = proposal.Id, proposal.ProposedBy });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new Outcome.Saved(proposal);
    }

    public async Task<Outcome> RejectAsync(int proposalId, ProposalDecision decision, CancellationToken ct)
    {
        var (proposal, refused) = await OpenForDecisionAsync(proposalId, decision, ct);
        if (refused is not null)
            return refused;
        proposal!.Decide(ProposalStatus.Rejected, actor.Name, clock.GetUtcNow().UtcDateTime, Values.Blank(decision.Note));
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, ProposalRejected, proposal.Subject.ToString(), proposal.SubjectId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { Proposal = proposal.Id, proposal.ProposedBy, decision.Note });
        return await EditSupport.SaveVersionedAsync(db, proposal, proposal.Id, decision.Version,
            () => db.Set<ChangeProposal>().AsNoTracking().SingleAsync(p => p.Id == proposalId, ct), ct);
    }

    private async Task<(ChangeProposal?, Outcome?)> OpenForDecisionAsync(int proposalId, ProposalDecision decision, CancellationToken ct)
    {
        var proposal = await db.Set<ChangeProposal>().SingleOrDefaultAsync(p => p.Id == proposalId, ct);
        if (proposal is null)
            return (null, new Outcome.NotFound());
        if (!await MayDecideAsync(proposal, ct))
            return (null, new Outcome.Forbidden("Alleen wie dit gedeelde record zelf mag wijzigen (het pact dat het bezit, de eigen redacteuren of een beheerder), beslist over dit voorstel."));
        if (decision.Note is { Length: > 1000 })
            return (null, new Outcome.Invalid(new Dictionary<string, string[]> { [nameof(decision.Note)] = ["De toelichting is te lang (hoogstens 1000 tekens)."] }));
        if (proposal.Status != ProposalStatus.Open)
            return (null, new Outcome.Conflict("Over dit voorstel is al beslist."));
        if (proposal.Version != decision.Version)
            return (null, new Outcome.Conflict($"Het voorstel is intussen gewijzigd (versie {proposal.Version}, niet {decision.Version}); bekijk het opnieuw."));
        return (proposal, null);
    }

    /// <summary>The editor's refusal as the proposal's outcome; a record changed since the proposal is a conflict.</summary>
    private static Outcome? Describe<T>(EditOutcome<T> outcome) => outcome switch
    {
        EditOutcome<T>.Saved => null,
        EditOutcome<T>.NotFound => new Outcome.NotFound(),
        EditOutcome<T>.Forbidden f => new Outcome.Forbidden(f.Reason),
        EditOutcome<T>.Invalid i => new Outcome.Invalid(i.Errors),
        EditOutcome<T>.Stale => new Outcome.Conflict("Het record is gewijzigd nadat dit voorstel werd gedaan; er is niets overgenomen. Wijs het voorstel af en vraag om een nieuw voorstel op de huidige gegevens."),
        EditOutcome<T>.Conflict c => new Outcome.Conflict(c.Reason),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
    };

    private static T Read<T>(ChangeProposal proposal) => JsonSerializer.Deserialize<T>(proposal.Changes, Json)!;

    private static OrganisationInput With(OrganisationInput input, int version) { input.Version = version; return input; }
    private static PersonInput With(PersonInput input, int version) { input.Version = version; return input; }

    /// <summary>Open proposals the caller may decide, and every proposal the caller made; newest first.</summary>
    public async Task<IReadOnlyList<ProposalDto>> ListAsync(bool openOnly, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        var candidates = await db.Set<ChangeProposal>().AsNoTracking()
            .Where(p => p.Status == ProposalStatus.Open || (!openOnly && p.ProposedByUserId == scope.UserId))
            .OrderByDescending(p => p.Id).Take(500).ToListAsync(ct);
        var list = new List<ProposalDto>();
        foreach (var proposal in candidates)
        {
            var mayDecide = proposal.Status == ProposalStatus.Open && await MayDecideAsync(proposal, ct);
            if (mayDecide || proposal.ProposedByUserId == scope.UserId)
                list.Add(await DescribeAsync(proposal, mayDecide, ct));
        }
        return list;
    }

    /// <summary>One proposal, for its proposer and for those who may decide it; null for anyone else.</summary>
    public async Task<ProposalDto?> FindAsync(int id, CancellationToken ct)
    {
        var proposal = await db.Set<ChangeProposal>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (proposal is null)
            return null;
        var scope = await scopes.GetAsync(ct);
        var mayDecide = await MayDecideAsync(proposal, ct);
        return mayDecide || proposal.ProposedByUserId == scope.UserId || scope.IsAdministrator
            ? await DescribeAsync(proposal, mayDecide && proposal.Status == ProposalStatus.Open, ct) : null;
    }

    private async Task<ProposalDto> DescribeAsync(ChangeProposal p, bool mayDecide, CancellationToken ct)
    {
        string name;
        List<ProposedFieldDto> changed;
        if (p.Subject == ProposalSubject.Organisation)
        {
            var o = await db.Organisations.AsNoTracking().Include(o => o.Municipality).SingleAsync(o => o.Id == p.SubjectId, ct);
            name = o.Name;
            changed = Differences(o, Read<OrganisationInput>(p));
        }
        else
        {
            var person = await db.People.AsNoTracking().SingleAsync(x => x.Id == p.SubjectId, ct);
            name = person.Name;
            changed = Differences(person, Read<PersonInput>(p));
        }
        return new ProposalDto(p.Id, p.Subject.ToString(), p.SubjectId, name, p.BaseVersion, p.Status.ToString(), p.ProposedBy, p.ProposedAt, p.Reason,
            p.DecidedBy, p.DecidedAt, p.DecisionNote, JsonDocument.Parse(p.Changes).RootElement.Clone(), changed, mayDecide, p.Version);
    }

    private static bool Same(Organisation o, OrganisationValues v) =>
        o.Name == v.Name && o.Helix == v.Helix && o.Kind == v.Kind && o.Sectors.SequenceEqual(v.Sectors) && o.MunicipalityId == v.MunicipalityId
        && o.KvkNumber == v.KvkNumber && o.DuoCode == v.DuoCode && o.Website == v.Website && o.Description == v.Description;

    /// <summary>Field by field, what the proposed organisation differs in from the record (its municipality must be loaded).</summary>
    private static List<ProposedFieldDto> Differences(Organisation o, OrganisationInput wanted) => Differences(
        ("Naam", o.Name, wanted.Name), ("Helix", o.Helix.ToString(), wanted.Helix), ("Soort", o.Kind.ToString(), wanted.Kind),
        ("Sectoren", string.Join(", ", o.Sectors), string.Join(", ", wanted.Sectors)), ("Gemeente", o.Municipality?.Code, wanted.MunicipalityCode),
        ("KvK-nummer", o.KvkNumber, wanted.KvkNumber), ("DUO-code", o.DuoCode, wanted.DuoCode), ("Website", o.Website, wanted.Website),
        ("Omschrijving", o.Description, wanted.Description));

    private static List<ProposedFieldDto> Differences(Person person, PersonInput wanted) => Differences(
        ("Naam", person.Name, wanted.Name), ("Functie", person.JobTitle, wanted.JobTitle),
        ("Organisatie", person.OrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture), wanted.OrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("E-mailadres", person.Email, wanted.Email), ("Telefoon", person.Phone, wanted.Phone));

    private static List<ProposedFieldDto> Differences(params (string Field, string? Current, string? Proposed)[] fields) =>
        fields.Where(f => (Values.Blank(f.Current) ?? "").Trim() != (Values.Blank(f.Proposed) ?? "").Trim())
            .Select(f => new ProposedFieldDto(f.Field, Values.Blank(f.Current), Values.Blank(f.Proposed))).ToList();
}
