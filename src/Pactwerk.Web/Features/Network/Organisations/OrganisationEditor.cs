using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Network.Organisation>;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// Creates and changes organisations, for the API and the pages alike. An organisation is shared by
/// pacts, so the coordinators of every pact it has signed may change it, the regional leads and
/// coordinators of those pacts where it is located, and its own partner editors; one that never
/// signed anything is open to any coordinator (who is about to bring it in).
/// </summary>
public sealed class OrganisationEditor(PactwerkDb db, AccessScopeProvider scopes)
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
        var organisation = await db.Organisations.Where(o => o.Id == organisationId).Select(o => new { o.MunicipalityId }).SingleOrDefaultAsync(ct);
        if (organisation is null)
            return false;
        // Every pact it ever signed, withdrawn or future signatures included: leaving a pact does not
        // hand the record to the coordinators of unrelated pacts.
        var pacts = await db.PactSignatories.Where(s => s.OrganisationId == organisationId).Select(s => s.PactId).Distinct().ToListAsync(ct);
        if (pacts.Count == 0)
            return scope.Coordinates();
        // Coordinators of those pacts, and their regional leads and coordinators where it is located.
        IReadOnlySet<int> location = organisation.MunicipalityId is { } m ? new HashSet<int> { m } : new HashSet<int>();
        return pacts.Any(p => scope.MayEdit(p, location, organisationId));
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
        try
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Saved(organisation);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Duplicate();
        }
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
        values.ApplyTo(organisation);
        try
        {
            // The version the editor saw is what the update is conditional on.
            return await EditSupport.SaveVersionedAsync(db, organisation, id, input.Version,
                () => db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id, ct), ct);
        }
        catch (DbUpdateException e) when (UniqueViolation.Is(e))
        {
            return Duplicate();
        }
    }

    /// <summary>
    /// The unique KvK number or DUO code was taken between the check and the save, by an editor
    /// or import working at the same moment.
    /// </summary>
    private Outcome Duplicate()
    {
        db.ChangeTracker.Clear();
        return new Outcome.Invalid(new Dictionary<string, string[]>
        {
            [nameof(OrganisationInput.KvkNumber)] = ["Zojuist is een organisatie met dit KvK-nummer of deze DUO-code vastgelegd; er is niets opgeslagen."],
        });
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
