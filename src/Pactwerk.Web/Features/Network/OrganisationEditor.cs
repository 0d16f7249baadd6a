using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Network.Organisation>;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// Creates and changes organisations, for the API and the pages alike. An organisation is shared by
/// pacts, so the coordinators of every pact it has signed may change it, and its own partner
/// editors; one that signed nothing yet is open to any coordinator (who is about to bring it in).
/// </summary>
public sealed class OrganisationEditor(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    public async Task<bool> MayCreateAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && scope.Coordinates();
    }

    public async Task<bool> MayEditAsync(int organisationId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsSignedIn || scope.ReadOnly)
            return false;
        if (scope.IsAdministrator || scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == organisationId))
            return true;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var pacts = await db.PactSignatories.Where(s => s.OrganisationId == organisationId && s.SignedOn <= today && (s.WithdrawnOn == null || s.WithdrawnOn > today))
            .Select(s => s.PactId).Distinct().ToListAsync(ct);
        return pacts.Count == 0 ? scope.Coordinates() : pacts.Any(p => scope.Coordinates(p));
    }

    public async Task<Outcome> CreateAsync(OrganisationInput input, CancellationToken ct)
    {
        if (!await MayCreateAsync(ct))
            return new Outcome.Forbidden("Alleen coördinatoren van een pact voegen organisaties toe.");
        var (values, errors) = await CheckAsync(input, null, ct);
        if (values is null)
            return new Outcome.Invalid(errors);
        var organisation = new Organisation { Name = values.Name };
        values.ApplyTo(organisation);
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(organisation);
    }

    public async Task<Outcome> UpdateAsync(int id, OrganisationInput input, CancellationToken ct)
    {
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organisation is null)
            return new Outcome.NotFound();
        if (!await MayEditAsync(id, ct))
            return new Outcome.Forbidden("Je mag deze organisatie niet wijzigen.");
        var (values, errors) = await CheckAsync(input, id, ct);
        if (values is null)
            return new Outcome.Invalid(errors);

        // The version the editor saw is what the update is conditional on.
        db.Entry(organisation).Property(o => o.Version).OriginalValue = input.Version;
        values.ApplyTo(organisation);
        try
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Saved(organisation);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id, ct);
            return new Outcome.Stale(current, await EditSupport.ChangesSinceAsync(db, nameof(Organisation), id, input.Version, ct));
        }
    }

    private async Task<(OrganisationValues?, IDictionary<string, string[]>)> CheckAsync(OrganisationInput input, int? self, CancellationToken ct)
    {
        var rules = await OrganisationRules.LoadAsync(db, ct);
        var (values, errors, duplicateOf) = rules.Check(input, self);
        if (values is not null && duplicateOf is { } other)
        {
            errors[nameof(input.Name)] = [$"Deze organisatie bestaat al (nummer {other}): zelfde KvK-nummer, DUO-code, of naam in dezelfde gemeente."];
            return (null, errors);
        }
        return (values, errors);
    }
}
