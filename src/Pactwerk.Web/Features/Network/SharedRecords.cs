using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// The ownership rule of shared records. An organisation or a person is one record shared by every
/// pact it is linked to (a signature, a role). Linking it to your pact never lets you edit that shared
/// record: it is edited by its own editors (the organisation's partner editors), by the pact that
/// owns it, or by an administrator; the coordinators of other linked pacts propose a change
/// (<see cref="ChangeProposal"/>) that the owner accepts or rejects.
/// The owning pact is the first one the record was linked to: an organisation's earliest signature,
/// a person's earliest role (or, without roles, the owner of their organisation). Signatures are
/// withdrawn and roles end, but neither is deleted, so a later link can never take ownership over.
/// A record linked to no pact yet is open to any coordinator, who is about to bring it in.
/// </summary>
public sealed class SharedRecords(PactwerkDb db, AccessScopeProvider scopes)
{
    public Task<int?> OwnerOfOrganisationAsync(int? organisationId, CancellationToken ct) =>
        db.PactSignatories.Where(s => s.OrganisationId == organisationId).OrderBy(s => s.Id).Select(s => (int?)s.PactId).FirstOrDefaultAsync(ct);

    public async Task<int?> OwnerOfPersonAsync(int? personId, int? organisationId, CancellationToken ct) =>
        await db.PactRoles.Where(r => r.PersonId == personId).OrderBy(r => r.Id).Select(r => (int?)r.PactId).FirstOrDefaultAsync(ct)
        ?? await OwnerOfOrganisationAsync(organisationId, ct);

    /// <summary>Every pact the organisation is or was linked to.</summary>
    public Task<List<int>> PactsOfOrganisationAsync(int organisationId, CancellationToken ct) =>
        db.PactSignatories.Where(s => s.OrganisationId == organisationId).Select(s => s.PactId).Distinct().ToListAsync(ct);

    /// <summary>Every pact the person is or was linked to: their roles, and their organisation's signatures.</summary>
    public Task<List<int>> PactsOfPersonAsync(int personId, int? organisationId, CancellationToken ct) =>
        db.PactRoles.Where(r => r.PersonId == personId).Select(r => r.PactId)
            .Union(db.PactSignatories.Where(s => s.OrganisationId == organisationId).Select(s => s.PactId)).ToListAsync(ct);

    /// <summary>May change the organisation's shared record directly.</summary>
    public async Task<bool> MayEditOrganisationAsync(int organisationId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn || scope.ReadOnly)
            return false;
        if (scope.IsAdministrator || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == organisationId))
            return true;
        var organisation = await db.Organisations.Where(o => o.Id == organisationId).Select(o => new { o.MunicipalityId }).SingleOrDefaultAsync(ct);
        if (organisation is null)
            return false;
        if (await OwnerOfOrganisationAsync(organisationId, ct) is not { } owner)
            return scope.Coordinates();
        // The owning pact's coordinators, and its regional leads and coordinators where it is located.
        IReadOnlySet<int> location = organisation.MunicipalityId is { } m ? new HashSet<int> { m } : new HashSet<int>();
        return scope.MayEdit(owner, location, organisationId);
    }

    /// <summary>
    /// May change the person's shared record directly (or add someone at the organisation, when
    /// <paramref name="personId"/> is null): administrators, the partner editors of the organisation,
    /// the coordinators of the owning pact.
    /// </summary>
    public async Task<bool> MayEditPersonAsync(int? personId, int? organisationId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn || scope.ReadOnly)
            return false;
        if (scope.IsAdministrator || (organisationId is not null && scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == organisationId)))
            return true;
        return await OwnerOfPersonAsync(personId, organisationId, ct) is { } owner ? scope.Coordinates(owner) : scope.Coordinates();
    }

    public async Task<bool> MayProposeOrganisationChangeAsync(int organisationId, CancellationToken ct) =>
        await MayProposeAsync(await PactsOfOrganisationAsync(organisationId, ct), ct);

    public async Task<bool> MayProposePersonChangeAsync(int personId, int? organisationId, CancellationToken ct) =>
        await MayProposeAsync(await PactsOfPersonAsync(personId, organisationId, ct), ct);

    /// <summary>
    /// May propose a change to a shared record: whoever works in one of the pacts it is linked to
    /// (coordinators, regional leads and coordinators, partner editors of that pact).
    /// </summary>
    public async Task<bool> MayProposeAsync(IReadOnlyCollection<int> linkedPacts, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn || scope.ReadOnly)
            return false;
        return scope.IsAdministrator || scope.Grants.Any(g => g.PactId is { } p && linkedPacts.Contains(p)
            && g.Kind is RoleKind.PactCoordinator or RoleKind.RegionalLead or RoleKind.RegionalCoordinator or RoleKind.PartnerEditor);
    }
}
