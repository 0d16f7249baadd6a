using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

public sealed class SignatoryInput
{
    public int OrganisationId { get; set; }
    [Required(ErrorMessage = "Geef de datum van ondertekening.")]
    public DateOnly? SignedOn { get; set; }
    [Required(ErrorMessage = "Beschrijf de toezegging in een paar zinnen."), StringLength(2000, ErrorMessage = "De toezegging is te lang (hoogstens 2000 tekens).")]
    public string Commitment { get; set; } = "";
}

public sealed class WithdrawalInput
{
    [Required(ErrorMessage = "Geef de datum van terugtrekking.")]
    public DateOnly? WithdrawnOn { get; set; }
    [Required(ErrorMessage = "Geef de reden van terugtrekking."), StringLength(1000, ErrorMessage = "De reden is te lang (hoogstens 1000 tekens).")]
    public string Reason { get; set; } = "";
    public int Version { get; set; }
}

public sealed class RoleInput
{
    public int PersonId { get; set; }
    /// <summary>Champion, SteeringGroupMember, RegionLead, RegionalCoordinator, OrganisationContact, …</summary>
    [Required(ErrorMessage = "Kies een rol.")]
    public string Kind { get; set; } = "";
    /// <summary>Required for regional roles: a region of any set (TP-OOST, PV25, AM14).</summary>
    public string? RegionCode { get; set; }
    /// <summary>Required for an organisation contact.</summary>
    public int? OrganisationId { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
}

public sealed class EndRoleInput
{
    [Required(ErrorMessage = "Geef de einddatum.")]
    public DateOnly? ValidTo { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Who signed a pact and who holds which role in it: changed by the pact's coordinators only.
/// Nothing is deleted: a signature is withdrawn and a role ends, so the history stays visible.
/// </summary>
public sealed class PactNetworkEditor(PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock)
{
    private static readonly PactRoleKind[] Regional = [PactRoleKind.RegionLead, PactRoleKind.RegionalCoordinator];

    public async Task<bool> MayEditAsync(int pactId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && scope.Coordinates(pactId);
    }

    public async Task<EditOutcome<PactSignatory>> AddSignatoryAsync(string pactCode, SignatoryInput input, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, pactCode, ct);
        if (pact is null)
            return new EditOutcome<PactSignatory>.NotFound();
        if (!await MayEditAsync(pact.Id, ct))
            return new EditOutcome<PactSignatory>.Forbidden($"Alleen coördinatoren van het {pact.Name} leggen ondertekenaars vast.");
        var errors = EditSupport.Validate(input);
        var organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == input.OrganisationId, ct);
        if (organisation is null)
            errors[nameof(input.OrganisationId)] = [$"Er is geen organisatie met nummer {input.OrganisationId}."];
        if (input.SignedOn is { } on && on < pact.SignedOn)
            errors[nameof(input.SignedOn)] = [$"Het {pact.Name} bestaat sinds {pact.SignedOn:yyyy-MM-dd}; een ondertekening ligt niet daarvoor."];
        if (organisation is not null)
        {
            var earlier = await db.PactSignatories.Where(s => s.PactId == pact.Id && s.OrganisationId == organisation.Id)
                .Select(s => new { s.SignedOn, s.WithdrawnOn }).ToListAsync(ct);
            if (earlier.Any(s => s.WithdrawnOn is null))
                errors[nameof(input.OrganisationId)] = [$"{organisation.Name} heeft het {pact.Name} al ondertekend."];
            // Signing again after a withdrawal starts a new period; it cannot overlap the old one.
            else if (input.SignedOn is { } again && earlier.Select(s => s.WithdrawnOn!.Value).DefaultIfEmpty().Max() is var last && again < last)
                errors[nameof(input.SignedOn)] = [$"{organisation.Name} trok zich terug op {last:yyyy-MM-dd}; een nieuwe ondertekening ligt niet daarvoor."];
        }
        if (errors.Count > 0)
            return new EditOutcome<PactSignatory>.Invalid(errors);

        var signatory = new PactSignatory { PactId = pact.Id, Organisation = organisation!, SignedOn = input.SignedOn!.Value, Commitment = input.Commitment.Trim() };
        db.PactSignatories.Add(signatory);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<PactSignatory>.Saved(signatory);
    }

    public async Task<EditOutcome<PactSignatory>> WithdrawAsync(string pactCode, int signatoryId, WithdrawalInput input, CancellationToken ct)
    {
        var signatory = await db.PactSignatories.Include(s => s.Organisation)
            .SingleOrDefaultAsync(s => s.Id == signatoryId && db.Pacts.Any(p => p.Id == s.PactId && p.Code == pactCode.ToLower()), ct);
        if (signatory is null)
            return new EditOutcome<PactSignatory>.NotFound();
        if (!await MayEditAsync(signatory.PactId, ct))
            return new EditOutcome<PactSignatory>.Forbidden("Alleen coördinatoren van het pact leggen een terugtrekking vast.");
        var errors = EditSupport.Validate(input);
        if (signatory.WithdrawnOn is not null)
            errors[nameof(input.WithdrawnOn)] = [$"{signatory.Organisation.Name} heeft zich al teruggetrokken op {signatory.WithdrawnOn:yyyy-MM-dd}."];
        else if (input.WithdrawnOn is { } on && on <= signatory.SignedOn)
            errors[nameof(input.WithdrawnOn)] = [$"De terugtrekking ligt na de ondertekening ({signatory.SignedOn:yyyy-MM-dd})."];
        if (errors.Count > 0)
            return new EditOutcome<PactSignatory>.Invalid(errors);
        signatory.WithdrawnOn = input.WithdrawnOn;
        signatory.WithdrawalReason = input.Reason.Trim();
        // The version the editor saw is what the update is conditional on.
        return await EditSupport.SaveVersionedAsync(db, signatory, signatoryId, input.Version,
            () => db.PactSignatories.AsNoTracking().Include(s => s.Organisation).SingleAsync(s => s.Id == signatoryId, ct), ct);
    }

    public async Task<EditOutcome<PactRole>> AddRoleAsync(string pactCode, RoleInput input, CancellationToken ct)
    {
        var pact = await Pacts.PactLookup.FindAsync(db, pactCode, ct);
        if (pact is null)
            return new EditOutcome<PactRole>.NotFound();
        if (!await MayEditAsync(pact.Id, ct))
            return new EditOutcome<PactRole>.Forbidden($"Alleen coördinatoren van het {pact.Name} kennen rollen toe.");
        var errors = EditSupport.Validate(input);
        var kind = OrganisationDirectory.ParseEnum<PactRoleKind>(input.Kind, nameof(input.Kind), "Onbekende rol", errors);

        var person = await db.People.SingleOrDefaultAsync(p => p.Id == input.PersonId, ct);
        if (person is null || person.ErasedAt is not null)
            errors[nameof(input.PersonId)] = [$"Er is geen persoon met nummer {input.PersonId}."];

        Regions.Region? region = null;
        if (!string.IsNullOrWhiteSpace(input.RegionCode))
        {
            var code = input.RegionCode.Trim().ToUpperInvariant();
            region = await db.Regions.SingleOrDefaultAsync(r => r.Code == code && r.ValidTo == null, ct);
            if (region is null)
                errors[nameof(input.RegionCode)] = [$"Er is geen regio met code '{input.RegionCode}'."];
        }
        else if (kind is { } k && Regional.Contains(k))
            errors[nameof(input.RegionCode)] = ["Een regionale rol hoort bij een regio: geef de regio-code (zoals TP-OOST)."];

        Organisation? organisation = null;
        if (input.OrganisationId is { } organisationId)
        {
            organisation = await db.Organisations.SingleOrDefaultAsync(o => o.Id == organisationId, ct);
            if (organisation is null)
                errors[nameof(input.OrganisationId)] = [$"Er is geen organisatie met nummer {organisationId}."];
        }
        else if (kind == PactRoleKind.OrganisationContact)
            errors[nameof(input.OrganisationId)] = ["Een contactpersoon hoort bij een organisatie: geef het nummer van de organisatie."];

        // Without a start the role starts today; the end is checked against that day.
        var validFrom = input.ValidFrom ?? clock.Today();
        if (input.ValidTo is { } to && to <= validFrom)
            errors[nameof(input.ValidTo)] = [$"De einddatum ligt na de begindatum ({validFrom:yyyy-MM-dd})."];
        if (errors.Count > 0)
            return new EditOutcome<PactRole>.Invalid(errors);

        var role = new PactRole
        {
            PactId = pact.Id, Person = person!, Kind = kind!.Value, Region = region, Organisation = organisation,
            ValidFrom = validFrom, ValidTo = input.ValidTo,
        };
        db.PactRoles.Add(role);
        await db.SaveChangesAsync(ct);
        return new EditOutcome<PactRole>.Saved(role);
    }

    public async Task<EditOutcome<PactRole>> EndRoleAsync(string pactCode, int roleId, EndRoleInput input, CancellationToken ct)
    {
        var role = await db.PactRoles.Include(r => r.Person)
            .SingleOrDefaultAsync(r => r.Id == roleId && db.Pacts.Any(p => p.Id == r.PactId && p.Code == pactCode.ToLower()), ct);
        if (role is null)
            return new EditOutcome<PactRole>.NotFound();
        if (!await MayEditAsync(role.PactId, ct))
            return new EditOutcome<PactRole>.Forbidden("Alleen coördinatoren van het pact beëindigen rollen.");
        var errors = EditSupport.Validate(input);
        if (role.ValidTo is not null)
            errors[nameof(input.ValidTo)] = [$"Deze rol is al beëindigd op {role.ValidTo:yyyy-MM-dd}."];
        else if (input.ValidTo is { } to && role.ValidFrom is { } from && to <= from)
            errors[nameof(input.ValidTo)] = [$"De einddatum ligt na de begindatum ({from:yyyy-MM-dd})."];
        if (errors.Count > 0)
            return new EditOutcome<PactRole>.Invalid(errors);
        role.ValidTo = input.ValidTo;
        // The version the editor saw is what the update is conditional on.
        return await EditSupport.SaveVersionedAsync(db, role, roleId, input.Version,
            () => db.PactRoles.AsNoTracking().Include(r => r.Person).SingleAsync(r => r.Id == roleId, ct), ct);
    }
}
