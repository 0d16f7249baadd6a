using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Agenda;
using Pactwerk.Web.Features.Network;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Features.ReferenceData;

namespace Pactwerk.Web.Features.Demo;

/// <summary>Writes <see cref="DemoContent"/> into a database that has reference data but no pacts yet.</summary>
public static class DemoSeeder
{
    /// <summary>
    /// Seeds only into a database without pacts; returns false (and writes nothing) when pacts exist.
    /// Throws <see cref="InvalidOperationException"/> naming the missing code when a region code it
    /// needs is not in the database. All or nothing: everything is written in one transaction.
    /// </summary>
    public static async Task<bool> SeedAsync(PactwerkDb db, CancellationToken ct = default)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);

        // Checked inside the transaction, and Pact.Code is unique, so two racing seeders cannot both succeed.
        if (await db.Pacts.AnyAsync(ct))
            return false;

        var codes = DemoContent.RegionCodes();
        var regions = await db.Regions.Where(r => codes.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r, ct);
        var missing = codes.Where(c => !regions.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"Demo content needs region code(s) {string.Join(", ", missing)}, which are not in the database. Load the reference data first.");

        var landsdelen = await db.RegionSets.FirstOrDefaultAsync(s => s.Code == RegionSetCodes.TechniekpactLandsdelen, ct)
            ?? throw new InvalidOperationException(
                $"Demo content needs region set '{RegionSetCodes.TechniekpactLandsdelen}', which is not in the database. Load the reference data first.");

        // Build the whole graph in memory first, so a mistake in DemoContent (an unknown key) is
        // found before anything is written.
        var pacts = new Dictionary<string, Pact>(StringComparer.Ordinal);
        foreach (var p in DemoContent.Pacts)
        {
            pacts.Add(p.Code, new Pact
            {
                Code = p.Code,
                Name = p.Name,
                SignedOn = p.SignedOn,
                InitialSignatoryCount = p.InitialSignatoryCount,
                Summary = p.Summary,
            });
        }

        var organisations = new Dictionary<string, Organisation>(StringComparer.Ordinal);
        foreach (var o in DemoContent.Organisations)
        {
            organisations.Add(o.Key, new Organisation
            {
                Name = o.Name,
                Helix = o.Helix,
                Kind = o.Kind,
                Sectors = [.. o.Sectors],
                MunicipalityId = o.MunicipalityCode is null ? null : regions[o.MunicipalityCode].Id,
                Description = o.Description,
                Website = o.Website,
                DuoCode = o.DuoCode,
                KvkNumber = o.KvkNumber,
            });
            if (o.Sectors.FirstOrDefault(s => !Sectors.IsKnown(s)) is { } unknown)
                throw new InvalidOperationException($"Demo content gives organisation '{o.Key}' the unknown sector '{unknown}'.");
        }

        // PactRole and PactAction carry PactId without a navigation to Pact, so they remember their
        // pact here and get its id once the pacts are saved.
        var people = new List<Person>();
        var roles = new List<(PactRole Role, Pact Pact)>();
        foreach (var p in DemoContent.People)
        {
            var person = new Person
            {
                Name = p.Name,
                JobTitle = p.JobTitle,
                Organisation = p.OrganisationKey is null ? null : Lookup(organisations, p.OrganisationKey, "organisation"),
            };
            foreach (var r in p.Roles)
            {
                var role = new PactRole
                {
                    Person = person,
                    Kind = r.Kind,
                    RegionId = r.RegionCode is null ? null : regions[r.RegionCode].Id,
                    Organisation = r.OrganisationKey is null ? null : Lookup(organisations, r.OrganisationKey, "organisation"),
                    ValidFrom = r.ValidFrom,
                    ValidTo = r.ValidTo,
                };
                person.Roles.Add(role);
                roles.Add((role, Lookup(pacts, r.PactCode, "pact")));
            }
            people.Add(person);
        }

        var signatories = DemoContent.Signatories.Select(s => (Signatory: new PactSignatory
        {
            Organisation = Lookup(organisations, s.OrganisationKey, "organisation"),
            SignedOn = s.SignedOn,
            Commitment = s.Commitment,
            WithdrawnOn = s.WithdrawnOn,
            WithdrawalReason = s.WithdrawalReason,
        }, Pact: Lookup(pacts, s.PactCode, "pact"))).ToList();

        var actions = new List<(PactAction Action, Pact Pact)>();
        foreach (var i in DemoContent.Initiatives)
        {
            var action = new PactAction
            {
                Slug = i.Slug,
                Title = i.Title,
                Summary = i.Summary,
                Kind = i.Kind,
                Regions = [new ActionRegion { Region = regions[i.RegionCode] }],
                LeadOrganisation = i.LeadOrganisationKey is null ? null : Lookup(organisations, i.LeadOrganisationKey, "organisation"),
                StartsOn = i.StartYear is { } year ? new DateOnly(year, 1, 1) : null,
            };
            // Recorded afterwards, as the publication tells how far each initiative got.
            action.RecordIn(DemoAgenda.Actions.FirstOrDefault(d => d.Slug == i.Slug)?.Status ?? ActionStatus.Running);
            actions.Add((action, Lookup(pacts, i.PactCode, "pact")));
        }
        var techniekpact = Lookup(pacts, DemoContent.Techniekpact, "pact");

        // First save: the pacts, to get their ids. The transaction keeps both saves all-or-nothing.
        db.Pacts.AddRange(pacts.Values);
        await db.SaveChangesAsync(ct);

        foreach (var (role, pact) in roles)
            role.PactId = pact.Id;
        foreach (var (action, pact) in actions)
            action.PactId = pact.Id;
        foreach (var (signatory, pact) in signatories)
            signatory.PactId = pact.Id;
        landsdelen.PactId = techniekpact.Id;

        db.Organisations.AddRange(organisations.Values);
        db.People.AddRange(people);
        db.PactActions.AddRange(actions.Select(a => a.Action));
        db.PactSignatories.AddRange(signatories.Select(s => s.Signatory));
        await db.SaveChangesAsync(ct);

        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>A key the demo content refers to; a miss is a mistake in <see cref="DemoContent"/>.</summary>
    private static T Lookup<T>(Dictionary<string, T> items, string key, string what) =>
        items.TryGetValue(key, out var item)
            ? item
            : throw new InvalidOperationException($"Demo content refers to unknown {what} '{key}'.");
}
