using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>
/// Organisations and people as picker choices. Organisations are as public as the directory; people
/// are personal data: only someone who works in the pact (its coordinators, regional leads and
/// coordinators, partner editors) may look up that pact's people, and never their contact details.
/// </summary>
public static class NetworkLookup
{
    public static RouteGroupBuilder MapNetworkLookupApi(this RouteGroupBuilder api)
    {
        var lookup = api.MapGroup("/lookup").WithTags("Lookup");
        lookup.MapGet("/organisations", FindOrganisations).AllowAnonymous().WithName("LookupOrganisations")
            .WithSummary("Organisations whose name matches q (case and diacritics ignored), best first, at most 20; pact limits them to its current signatories.");
        lookup.MapGet("/people", FindPeople).RequireAuthorization(Policies.SignedIn).WithName("LookupPeople")
            .WithSummary("People of a pact (a role in it, or working at a signatory) whose name matches q; for those who work in that pact.");
        return api;
    }

    private static async Task<Results<Ok<List<LookupItem>>, ValidationProblem, ProblemHttpResult>> FindOrganisations(string? q, string? pact,
        PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (Lookup.Refuse(q) is { } refused)
            return refused;
        int? pactId = null;
        if (Values.Blank(pact) is not null)
        {
            if (await PactLookup.FindAsync(db, pact, ct) is not { } found)
                return ApiProblems.NotFound($"Er is geen pact met code '{pact}'.");
            pactId = found.Id;
        }
        return TypedResults.Ok(Lookup.Best(await OrganisationsAsync(db, clock.Today(), ct, pactId), q));
    }

    /// <summary>Every organisation (or a pact's current signatories) as <see cref="OrganisationsAsync(IQueryable{Organisation}, CancellationToken)"/> gives them.</summary>
    public static Task<List<LookupItem>> OrganisationsAsync(PactwerkDb db, DateOnly today, CancellationToken ct, int? pactId = null)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (pactId is not null)
            organisations = organisations.Where(o => db.PactSignatories.Where(PactSignatory.ActiveOn(today)).Any(s => s.PactId == pactId && s.OrganisationId == o.Id));
        return OrganisationsAsync(organisations, ct);
    }

    /// <summary>
    /// These organisations as picker choices, by name, with the municipality as the hint: one shape for every lookup of
    /// organisations, whichever area narrows them (a programme's employer network, say).
    /// Read whole and matched in memory: a network holds hundreds of organisations, not millions, and
    /// matching without diacritics must behave the same on both databases.
    /// </summary>
    public static async Task<List<LookupItem>> OrganisationsAsync(IQueryable<Organisation> organisations, CancellationToken ct)
    {
        var rows = await organisations.Select(o => new { o.Id, o.Name, Place = o.Municipality == null ? null : o.Municipality.Name }).ToListAsync(ct);
        return rows.OrderBy(o => o.Name, Values.Dutch)
            .Select(o => new LookupItem(o.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), o.Name, o.Place)).ToList();
    }

    private static async Task<Results<Ok<List<LookupItem>>, ValidationProblem, ProblemHttpResult>> FindPeople(string? q, string? pact,
        PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        if (Lookup.Refuse(q) is { } refused)
            return refused;
        if (Values.Blank(pact) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["pact"] = ["Kies het pact waarin je iemand zoekt (pact=…)."] }, title: "Ongeldige zoekvraag");
        if (await PactLookup.FindAsync(db, pact, ct) is not { } found)
            return ApiProblems.NotFound($"Er is geen pact met code '{pact}'.");
        if (!WorksIn(await scopes.GetAsync(ct), found.Id))
            return ApiProblems.Forbidden("Alleen wie in dit pact werkt (coördinator, regionale trekker of coördinator, partnerredacteur) mag er mensen opzoeken.");
        return TypedResults.Ok(Lookup.Best(await PeopleAsync(db, found.Id, ct), q));
    }

    /// <summary>Coordinators of the pact (and administrators), and the pact's regional and partner roles; members only read.</summary>
    public static bool WorksIn(AccessScope scope, int pactId) =>
        scope.Coordinates(pactId) || scope.Grants.Any(g => g.PactId == pactId
            && g.Kind is RoleKind.RegionalLead or RoleKind.RegionalCoordinator or RoleKind.PartnerEditor);

    /// <summary>
    /// The people of one pact: those who hold or held a role in it and those who work at one of its
    /// signatories. Erased people are left out; the hint is their job title and organisation, never contact details.
    /// </summary>
    public static async Task<List<LookupItem>> PeopleAsync(PactwerkDb db, int pactId, CancellationToken ct)
    {
        var rows = await db.People.AsNoTracking()
            .Where(p => p.ErasedAt == null && (p.Roles.Any(r => r.PactId == pactId)
                || (p.OrganisationId != null && db.PactSignatories.Any(s => s.PactId == pactId && s.OrganisationId == p.OrganisationId))))
            .Select(p => new { p.Id, p.Name, p.JobTitle, Organisation = p.Organisation == null ? null : p.Organisation.Name })
            .ToListAsync(ct);
        return rows.OrderBy(p => p.Name, Values.Dutch)
            .Select(p => new LookupItem(p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Name,
                Values.Blank(string.Join(", ", new[] { p.JobTitle, p.Organisation }.Where(x => !string.IsNullOrWhiteSpace(x)))))).ToList();
    }
}
