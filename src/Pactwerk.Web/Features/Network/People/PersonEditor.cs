using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
using static Pactwerk.Web.Shared.Values;
using Outcome = Pactwerk.Web.Shared.EditOutcome<Pactwerk.Web.Features.Network.Person>;

namespace Pactwerk.Web.Features.Network;

public sealed class PersonInput
{
    [Required(ErrorMessage = "Geef een naam."), StringLength(200, ErrorMessage = "De naam is te lang (hoogstens 200 tekens).")]
    public string Name { get; set; } = "";
    [StringLength(300, ErrorMessage = "De functie is te lang (hoogstens 300 tekens).")]
    public string? JobTitle { get; set; }
    public int? OrganisationId { get; set; }
    [EmailAddress(ErrorMessage = "Dit is geen geldig e-mailadres."), StringLength(320, ErrorMessage = "Het e-mailadres is te lang.")]
    public string? Email { get; set; }
    [RegularExpression(@"^\+?[0-9 ()\-]{6,40}$", ErrorMessage = "Een telefoonnummer bestaat uit cijfers, spaties, haakjes, streepjes en eventueel een + vooraan.")]
    public string? Phone { get; set; }
    public int Version { get; set; }
}

/// <summary>
/// Adds and changes people. Who may change a person directly is the ownership rule of
/// <see cref="SharedRecords"/>; others linked to the person propose a change instead. An erased
/// person stays erased.
/// </summary>
public sealed class PersonEditor(PactwerkDb db, SharedRecords shared)
{
    public Task<bool> MayEditAsync(int? personId, int? organisationId, CancellationToken ct) => shared.MayEditPersonAsync(personId, organisationId, ct);

    public async Task<Outcome> CreateAsync(PersonInput input, CancellationToken ct)
    {
        if (!await MayEditAsync(null, input.OrganisationId, ct))
            return new Outcome.Forbidden("Je mag hier geen personen toevoegen.");
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);
        var person = new Person { Name = input.Name };
        Apply(input, person);
        db.People.Add(person);
        await db.SaveChangesAsync(ct);
        return new Outcome.Saved(person);
    }

    public async Task<Outcome> UpdateAsync(int id, PersonInput input, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return new Outcome.NotFound();
        // Both the organisation the person is at and the one they would move to must be the editor's.
        if (!await MayEditAsync(id, person.OrganisationId, ct) || !await MayEditAsync(id, input.OrganisationId, ct))
            return new Outcome.Forbidden("Je mag deze persoon niet wijzigen. De gedeelde gegevens van een persoon wijzigen het pact dat hem of haar als eerste verbond, de redacteuren van de organisatie, of een beheerder; stel anders een wijziging voor (POST /api/v1/people/{id}/proposals).");
        if (person.ErasedAt is not null)
            return new Outcome.Invalid(new Dictionary<string, string[]> { [nameof(input.Name)] = ["De gegevens van deze persoon zijn verwijderd; ze worden niet opnieuw ingevuld."] });
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);
        Apply(input, person);
        // The version the editor saw is what the update is conditional on.
        return await EditSupport.SaveVersionedAsync(db, person, id, input.Version,
            () => db.People.AsNoTracking().SingleAsync(p => p.Id == id, ct), ct);
    }

    private async Task<Dictionary<string, string[]>> ValidateAsync(PersonInput input, CancellationToken ct)
    {
        var errors = EditSupport.Validate(input);
        if (input.OrganisationId is { } organisationId && !await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            errors[nameof(input.OrganisationId)] = [$"Er is geen organisatie met nummer {organisationId}."];
        return errors;
    }

    private static void Apply(PersonInput input, Person person)
    {
        person.Name = input.Name.Trim();
        person.JobTitle = Blank(input.JobTitle);
        person.OrganisationId = input.OrganisationId;
        person.Email = Blank(input.Email);
        person.Phone = Blank(input.Phone);
    }
}
