using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;
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
/// Adds and changes people. Coordinators may do so for anyone; a partner editor for the people of
/// their own organisation. An erased person stays erased.
/// </summary>
public sealed class PersonEditor(PactwerkDb db, AccessScopeProvider scopes)
{
    public async Task<bool> MayEditAsync(int? organisationId, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        return !scope.ReadOnly && (scope.Coordinates()
            || (organisationId is not null && scope.Grants.Any(g => g.Kind == RoleKind.PartnerEditor && g.OrganisationId == organisationId)));
    }

    public async Task<Outcome> CreateAsync(PersonInput input, CancellationToken ct)
    {
        if (!await MayEditAsync(input.OrganisationId, ct))
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
        if (!await MayEditAsync(person.OrganisationId, ct) || !await MayEditAsync(input.OrganisationId, ct))
            return new Outcome.Forbidden("Je mag deze persoon niet wijzigen.");
        if (person.ErasedAt is not null)
            return new Outcome.Invalid(new Dictionary<string, string[]> { [nameof(input.Name)] = ["De gegevens van deze persoon zijn verwijderd; ze worden niet opnieuw ingevuld."] });
        var errors = await ValidateAsync(input, ct);
        if (errors.Count > 0)
            return new Outcome.Invalid(errors);

        db.Entry(person).Property(p => p.Version).OriginalValue = input.Version;
        Apply(input, person);
        try
        {
            await db.SaveChangesAsync(ct);
            return new Outcome.Saved(person);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.People.AsNoTracking().SingleAsync(p => p.Id == id, ct);
            return new Outcome.Stale(current, await EditSupport.ChangesSinceAsync(db, nameof(Person), id, input.Version, ct));
        }
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

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
