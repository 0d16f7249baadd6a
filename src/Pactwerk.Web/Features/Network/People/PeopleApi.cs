using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Audit;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People");
        people.MapGet("/{id:int}", GetPerson).WithName("GetPerson").WithSummary("One person of the network.").AllowAnonymous();
        // Who may add or change whom is decided by PersonEditor (coordinators; partner editors for their organisation).
        people.MapPost("/", CreatePerson).WithName("CreatePerson").WithSummary("Adds a person to the network.").RequireAuthorization(Policies.SignedIn);
        people.MapPut("/{id:int}", UpdatePerson).WithName("UpdatePerson").WithSummary("Changes a person; send the version you started from.").RequireAuthorization(Policies.SignedIn);
        // A person's export (AVG right of access) is their own, or an administrator's: it holds their
        // account's roles and audit lines in every pact, which no pact's coordinator may read.
        people.MapGet("/{id:int}/export", ExportPerson).WithName("ExportPerson").WithSummary("Everything stored about a person, for a request under the GDPR (the person themselves or an administrator).").RequireAuthorization(Policies.SignedIn);
        people.MapPost("/{id:int}/erase", ErasePerson).WithName("ErasePerson").WithSummary("Erases a person's personal data (administrators).").RequireAuthorization(Policies.Administrator);
        return api;
    }

    public sealed record PersonRoleDto(string Pact, string Kind, string? Region, DateOnly? ValidFrom, DateOnly? ValidTo, string? RegionName, int? OrganisationId, string? Organisation);
    /// <summary>Email and phone are null for visitors who are not signed in (AVG/GDPR).</summary>
    public sealed record PersonDto(int Id, string Name, string? JobTitle, string? Organisation, string? Email, string? Phone, bool Erased, IReadOnlyList<PersonRoleDto> Roles, int? OrganisationId, int Version);
    public sealed record PersonExportDto(PersonDto Person, IReadOnlyList<AccountsApi.RoleDto> AccountRoles, string? AccountEmail, IReadOnlyList<AuditEntry> AuditTrail);

    private static async Task<Results<Ok<PersonDto>, ProblemHttpResult>> GetPerson(int id, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        var signedIn = (await scopes.GetAsync(ct)).IsSignedIn;
        var person = await Query(db, id, ct);
        if (person is null)
            return ApiProblems.NotFound($"Er is geen persoon met nummer {id}.");
        return TypedResults.Ok(signedIn ? person : person with { Email = null, Phone = null });
    }

    private static async Task<IResult> CreatePerson(PersonInput input, PersonEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input, ct),
            async p => TypedResults.Created($"/api/v1/people/{p.Id}", await Query(db, p.Id, ct)), "", p => Query(db, p.Id, ct), input.Version);

    /// <summary>Changes a person. Send the version you started from; a stale version gets 409 with what changed since.</summary>
    private static async Task<IResult> UpdatePerson(int id, PersonInput input, PersonEditor editor, PactwerkDb db, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, input, ct),
            async p => TypedResults.Ok(await Query(db, p.Id, ct)), $"Er is geen persoon met nummer {id}.", p => Query(db, p.Id, ct), input.Version);

    /// <summary>Everything held about a person (their right of access), itself recorded in the audit trail.</summary>
    private static async Task<Results<Ok<PersonExportDto>, ProblemHttpResult>> ExportPerson(int id, PactwerkDb db, AccessScopeProvider scopes, TimeProvider clock, CancellationToken ct)
    {
        var scope = await scopes.GetAsync(ct);
        if (!scope.IsAdministrator && !await db.Users.AnyAsync(u => u.Id == scope.UserId && u.PersonId == id, ct))
            return ApiProblems.Forbidden("Een export van iemands gegevens is voor die persoon zelf of voor een beheerder.");
        var person = await Query(db, id, ct);
        if (person is null)
            return ApiProblems.NotFound($"Er is geen persoon met nummer {id}.");
        var account = await db.Users.Where(u => u.PersonId == id).Select(u => new { u.Id, u.Email }).FirstOrDefaultAsync(ct);
        var roles = account is null ? [] : await AccountsApi.RolesQuery(db, r => r.UserId == account.Id).ToListAsync(ct);
        var key = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var trail = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(Person) && a.EntityId == key) || (account != null && a.UserId == account.Id))
            .OrderBy(a => a.Id).ToListAsync(ct);
        db.RecordEvent(clock.GetUtcNow().UtcDateTime, AuditActions.PersonExported, nameof(Person), key, new { person.Name });
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new PersonExportDto(person, roles, account?.Email, trail));
    }

    /// <summary>
    /// Erases a person's data (right to be forgotten): the record stays as a pseudonym so that
    /// roles, actions and the audit trail still hang together, but name and contact are gone,
    /// also from earlier audit lines and from a linked account, which is locked.
    /// </summary>
    private static async Task<Results<Ok<PersonDto>, ProblemHttpResult>> ErasePerson(int id, PactwerkDb db, IAuditActor actor, TimeProvider clock,
        Microsoft.AspNetCore.Identity.UserManager<PactwerkUser> users, CancellationToken ct)
    {
        var person = await db.People.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct);
        if (person is null)
            return ApiProblems.NotFound($"Er is geen persoon met nummer {id}.");
        if (person.ErasedAt is not null)
            return TypedResults.Ok((await Query(db, id, ct))!);

        var now = clock.GetUtcNow().UtcDateTime;
        var pseudonym = $"Verwijderd persoon {id}";
        var formerNames = new[] { person.Name, person.Email, person.Phone }.Where(v => !string.IsNullOrEmpty(v)).Cast<string>().ToList();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var account = await db.Users.SingleOrDefaultAsync(u => u.PersonId == id, ct);
        if (account is not null)
        {
            formerNames.Add(account.DisplayName);
            if (account.Email is not null)
                formerNames.Add(account.Email);
            account.DisplayName = pseudonym;
            account.Email = account.NormalizedEmail = null;
            account.UserName = account.NormalizedUserName = $"verwijderd-{account.Id}";
            account.PasswordHash = null;
            account.LockoutEnabled = true;
            account.LockoutEnd = DateTimeOffset.MaxValue;
            // A new security stamp ends every open session of the account; roles end, tokens are revoked.
            await users.UpdateSecurityStampAsync(account);
            var today = DateOnly.FromDateTime(now);
            foreach (var role in await db.RoleAssignments.Where(r => r.UserId == account.Id && (r.ValidTo == null || r.ValidTo > today)).ToListAsync(ct))
                role.ValidTo = today;
            foreach (var token in await db.ApiTokens.Where(t => t.UserId == account.Id && t.RevokedAt == null).ToListAsync(ct))
                token.RevokedAt = now;
            // Links to sign-in providers and passkeys go: a provider's subject identifies the person too,
            // and in the audit trail it becomes the pseudonym like their name.
            var logins = await db.UserLogins.Where(l => l.UserId == account.Id).ToListAsync(ct);
            formerNames.AddRange(logins.Select(l => l.ProviderKey));
            db.UserLogins.RemoveRange(logins);
            db.UserPasskeys.RemoveRange(await db.UserPasskeys.Where(p => p.UserId == account.Id).ToListAsync(ct));
            await db.SaveChangesAsync(ct);
            await db.AuditEntries.Where(a => a.UserId == account.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Actor, pseudonym), ct);
        }
        // The one sanctioned rewrite of the trail: personal values in earlier lines become the pseudonym.
        // Whole JSON string values only, so erasing "Jan" leaves "Janssen" alone.
        var replacement = System.Text.Json.JsonSerializer.Serialize(pseudonym, AuditEntry.Json);
        foreach (var quoted in formerNames.Distinct().Select(v => System.Text.Json.JsonSerializer.Serialize(v, AuditEntry.Json)))
            await db.AuditEntries.Where(a => (a.Before != null && a.Before.Contains(quoted)) || (a.After != null && a.After.Contains(quoted)))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(a => a.Before, a => a.Before == null ? null : a.Before.Replace(quoted, replacement))
                    .SetProperty(a => a.After, a => a.After == null ? null : a.After.Replace(quoted, replacement)), ct);

        // Written past the change tracker, so the trail does not record the erased values once more.
        await db.People.Where(p => p.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.Name, pseudonym).SetProperty(p => p.Email, (string?)null).SetProperty(p => p.Phone, (string?)null)
            .SetProperty(p => p.JobTitle, (string?)null).SetProperty(p => p.ErasedAt, now).SetProperty(p => p.Version, p => p.Version + 1), ct);
        db.RecordEvent(now, AuditActions.PersonErased, nameof(Person), id.ToString(System.Globalization.CultureInfo.InvariantCulture), new { Pseudonym = pseudonym });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok((await Query(db, id, ct))!);
    }

    public static Task<PersonDto?> Query(PactwerkDb db, int id, CancellationToken ct) =>
        db.People.Where(p => p.Id == id).Select(p => new PersonDto(p.Id, p.Name, p.JobTitle, p.Organisation == null ? null : p.Organisation.Name,
                p.Email, p.Phone, p.ErasedAt != null,
                p.Roles.OrderBy(r => r.ValidFrom).Select(r => new PersonRoleDto(db.Pacts.Where(x => x.Id == r.PactId).Select(x => x.Code).First(),
                    r.Kind.ToString(), r.Region == null ? null : r.Region.Code, r.ValidFrom, r.ValidTo, r.Region == null ? null : r.Region.Name,
                    r.OrganisationId, r.Organisation == null ? null : r.Organisation.Name)).ToList(), p.OrganisationId, p.Version))
            .SingleOrDefaultAsync(ct);
}
