using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;

namespace Pactwerk.Web.Features.Network;

/// <summary>A signature; <c>Active</c> today, or <c>Withdrawn</c> already, or neither when it is dated in the future.</summary>
public sealed record SignatoryDto(int Id, string Pact, string PactName, int OrganisationId, string Organisation, Helix Helix,
    DateOnly SignedOn, string Commitment, DateOnly? WithdrawnOn, string? WithdrawalReason, bool Active, bool Withdrawn, int Version);

/// <summary>A role; <c>Current</c> today, or <c>Ended</c> already, or neither when it starts in the future.</summary>
public sealed record RoleDto(int Id, string Pact, string PactName, int PersonId, string Person, PactRoleKind Kind,
    string? RegionCode, string? RegionName, int? OrganisationId, string? Organisation, DateOnly? ValidFrom, DateOnly? ValidTo, bool Current, bool Ended, int Version);

public sealed record PersonRef(int Id, string Name, string? JobTitle);
public sealed record ActionRef(int Id, string Title, string Pact);

public sealed record OrganisationDetail(int Id, string Name, Helix Helix, OrganisationKind Kind, IReadOnlyList<string> Sectors,
    MunicipalityDto? Municipality, string? KvkNumber, string? DuoCode, string? Website, string? Description, int Version,
    IReadOnlyList<SignatoryDto> Signatures, IReadOnlyList<RoleDto> RoleHolders, IReadOnlyList<PersonRef> People, IReadOnlyList<ActionRef> Actions);

/// <summary>The network as pages and API read it. Every query filters on the entity before projecting.</summary>
public static class NetworkQueries
{
    public static IQueryable<SignatoryDto> Signatories(PactwerkDb db, DateOnly today, System.Linq.Expressions.Expression<Func<PactSignatory, bool>> filter) =>
        db.PactSignatories.AsNoTracking().Where(filter)
            .OrderBy(s => s.Organisation.Name).ThenBy(s => s.SignedOn)
            .Select(s => new SignatoryDto(s.Id,
                db.Pacts.Where(p => p.Id == s.PactId).Select(p => p.Code).First(),
                db.Pacts.Where(p => p.Id == s.PactId).Select(p => p.Name).First(),
                s.OrganisationId, s.Organisation.Name, s.Organisation.Helix, s.SignedOn, s.Commitment, s.WithdrawnOn, s.WithdrawalReason,
                s.SignedOn <= today && (s.WithdrawnOn == null || s.WithdrawnOn > today), s.WithdrawnOn != null && s.WithdrawnOn <= today, s.Version));

    /// <summary>
    /// Roles with their history: ended roles stay, so "lead since 2018, before that …" can be told.
    /// Ordered by the kind's own order (champion first), region, newest first, then name.
    /// </summary>
    public static async Task<List<RoleDto>> RolesAsync(PactwerkDb db, DateOnly today, System.Linq.Expressions.Expression<Func<PactRole, bool>> filter, CancellationToken ct) =>
        (await db.PactRoles.AsNoTracking().Where(filter)
            .Select(r => new RoleDto(r.Id,
                db.Pacts.Where(p => p.Id == r.PactId).Select(p => p.Code).First(),
                db.Pacts.Where(p => p.Id == r.PactId).Select(p => p.Name).First(),
                r.PersonId, r.Person.Name, r.Kind,
                r.Region == null ? null : r.Region.Code, r.Region == null ? null : r.Region.Name,
                r.OrganisationId, r.Organisation == null ? null : r.Organisation.Name, r.ValidFrom, r.ValidTo,
                (r.ValidFrom == null || r.ValidFrom <= today) && (r.ValidTo == null || r.ValidTo > today), r.ValidTo != null && r.ValidTo <= today, r.Version))
            .ToListAsync(ct))
        .OrderBy(r => r.Kind).ThenBy(r => r.RegionName ?? "", Web.Shared.Values.Dutch).ThenByDescending(r => r.ValidFrom ?? DateOnly.MinValue)
        .ThenBy(r => r.Person, Web.Shared.Values.Dutch).ToList();

    public static async Task<OrganisationDetail?> OrganisationAsync(PactwerkDb db, int id, DateOnly today, CancellationToken ct)
    {
        var o = await db.Organisations.AsNoTracking().Where(o => o.Id == id)
            .Select(o => new { o.Id, o.Name, o.Helix, o.Kind, o.Sectors, Code = o.Municipality == null ? null : o.Municipality.Code,
                Municipality = o.Municipality == null ? null : o.Municipality.Name, o.KvkNumber, o.DuoCode, o.Website, o.Description, o.Version })
            .SingleOrDefaultAsync(ct);
        if (o is null)
            return null;
        var signatures = await Signatories(db, today, s => s.OrganisationId == id).ToListAsync(ct);
        // Role holders: roles that cover the organisation, and roles of the people who work there.
        var roles = await RolesAsync(db, today, r => r.OrganisationId == id || r.Person.OrganisationId == id, ct);
        var people = await db.People.AsNoTracking().Where(p => p.OrganisationId == id && p.ErasedAt == null).OrderBy(p => p.Name)
            .Select(p => new PersonRef(p.Id, p.Name, p.JobTitle)).ToListAsync(ct);
        var actions = await db.PactActions.AsNoTracking().Where(a => a.LeadOrganisationId == id).OrderBy(a => a.Title)
            .Select(a => new ActionRef(a.Id, a.Title, db.Pacts.Where(p => p.Id == a.PactId).Select(p => p.Code).First())).ToListAsync(ct);
        return new OrganisationDetail(o.Id, o.Name, o.Helix, o.Kind, o.Sectors, o.Code is null ? null : new MunicipalityDto(o.Code, o.Municipality!),
            o.KvkNumber, o.DuoCode, o.Website, o.Description, o.Version, signatures, roles, people, actions);
    }
}
