using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Network.Organisation>;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// Creates and changes organisations, for the API and the pages alike. An organisation is shared by
/// pacts; who may change it directly is the ownership rule of <see cref="SharedRecords"/> (its partner
/// editors, the owning pact, administrators). Others linked to it propose a change instead.
/// </summary>
public sealed class OrganisationEditor(PactwerkDb db, AccessScopeProvider scopes, SharedRecords shared)
{
    public async Task<bool> MayCreateAsync(CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && scope.Coordinates();
    }

    public Task<bool> MayEditAsync(int organisationId, CancellationToken ct) => shared.MayEditOrganisationAsync(organisationId, ct);

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
            return new Outcome.Forbidden("Je mag deze organisatie niet wijzigen. De gedeelde gegevens van een organisatie wijzigen haar eigen redacteuren, het pact dat haar als eerste verbond, of een beheerder; stel anders een wijziging voor (POST /api/v1/organisations/{id}/proposals).");
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
