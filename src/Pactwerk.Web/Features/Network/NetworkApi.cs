using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Pacts;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Network;

/// <summary>Organisations, signatories, roles and the helix balance of a pact.</summary>
public static class NetworkApi
{
    public static RouteGroupBuilder MapNetworkApi(this RouteGroupBuilder api)
    {
        var organisations = api.MapGroup("/organisations").WithTags("Network");
        organisations.MapGet("/", GetOrganisations).WithName("GetOrganisations").WithSummary("The organisation directory, filtered and paged.").AllowAnonymous();
        organisations.MapGet("/{id:int}", GetOrganisation).WithName("GetOrganisation").WithSummary("One organisation with its region and helix.").AllowAnonymous();
        // Who may change what is decided per organisation by OrganisationEditor (resource-based).
        organisations.MapPost("/", CreateOrganisation).WithName("CreateOrganisation").WithSummary("Creates an organisation.").RequireAuthorization(Policies.SignedIn);
        organisations.MapPut("/{id:int}", UpdateOrganisation).WithName("UpdateOrganisation").WithSummary("Changes an organisation; send the version you started from.").RequireAuthorization(Policies.SignedIn);

        var pact = api.MapGroup("/pacts/{code}").WithTags("Network");
        pact.MapGet("/signatories", GetSignatories).WithName("GetSignatories").WithSummary("The signatories of a pact, current and withdrawn.").AllowAnonymous();
        pact.MapPost("/signatories", AddSignatory).WithName("AddSignatory").WithSummary("Adds a signatory to a pact (coordinators of the pact).").RequireAuthorization(Policies.SignedIn);
        pact.MapPost("/signatories/{id:int}/withdraw", Withdraw).WithName("WithdrawSignatory").WithSummary("Records that a signatory withdrew from the pact.").RequireAuthorization(Policies.SignedIn);
        pact.MapGet("/roles", GetRoles).WithName("GetPactRoles").WithSummary("The roles people hold in a pact, with their periods.").AllowAnonymous();
        pact.MapPost("/roles", AddRole).WithName("AddPactRole").WithSummary("Gives a person a role in a pact.").RequireAuthorization(Policies.SignedIn);
        pact.MapPost("/roles/{id:int}/end", EndRole).WithName("EndPactRole").WithSummary("Ends a person's role in a pact.").RequireAuthorization(Policies.SignedIn);
        pact.MapGet("/helix-balance", GetHelixBalance).WithName("GetHelixBalance").WithSummary("How the pact's signatories spread over the helices (education, business, government, other).").AllowAnonymous();
        return api;
    }

    /// <summary>
    /// Organisations filtered by name (q), helix, kind, sector, pact (signed and not withdrawn) and
    /// region (the code of any region of any set: located in one of its municipalities); paged.
    /// </summary>
    private static async Task<Results<Ok<DirectoryPage>, ValidationProblem>> GetOrganisations([AsParameters] DirectoryQuery query,
        OrganisationDirectory directory, CancellationToken ct)
    {
        var (filter, errors) = await directory.ParseAsync(query, ct);
        return filter is null
            ? TypedResults.ValidationProblem(errors, title: "Ongeldig filter")
            : TypedResults.Ok(await directory.PageAsync(filter, ct));
    }

    private static async Task<Results<Ok<OrganisationDetail>, ProblemHttpResult>> GetOrganisation(int id, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await NetworkQueries.OrganisationAsync(db, id, clock.Today(), ct) is { } organisation
            ? TypedResults.Ok(organisation)
            : ApiProblems.NotFound($"Er is geen organisatie met nummer {id}.");

    private static async Task<IResult> CreateOrganisation(OrganisationInput input, OrganisationEditor editor, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(input, ct),
            async o => TypedResults.Created($"/api/v1/organisations/{o.Id}", await NetworkQueries.OrganisationAsync(db, o.Id, clock.Today(), ct)),
            "", o => NetworkQueries.OrganisationAsync(db, o.Id, clock.Today(), ct), input.Version);

    /// <summary>Changes an organisation. Send the version you started from; a stale version gets 409 with what changed since.</summary>
    private static async Task<IResult> UpdateOrganisation(int id, OrganisationInput input, OrganisationEditor editor, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, input, ct),
            async o => TypedResults.Ok(await NetworkQueries.OrganisationAsync(db, o.Id, clock.Today(), ct)),
            $"Er is geen organisatie met nummer {id}.", o => NetworkQueries.OrganisationAsync(db, o.Id, clock.Today(), ct), input.Version);

    /// <summary>Every signature under the pact, withdrawn ones included (active says which still hold).</summary>
    private static async Task<Results<Ok<List<SignatoryDto>>, ProblemHttpResult>> GetSignatories(string code, PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return UnknownPact(code);
        return TypedResults.Ok(await NetworkQueries.Signatories(db, clock.Today(), s => s.PactId == pact.Id).ToListAsync(ct));
    }

    private static async Task<IResult> AddSignatory(string code, SignatoryInput input, PactNetworkEditor editor, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.AddSignatoryAsync(code, input, ct),
            async s => TypedResults.Created($"/api/v1/pacts/{code}/signatories", await Signatory(db, clock, s.Id, ct)),
            $"Er is geen pact met code '{code}'.", s => Signatory(db, clock, s.Id, ct), 0);

    private static async Task<IResult> Withdraw(string code, int id, WithdrawalInput input, PactNetworkEditor editor, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.WithdrawAsync(code, id, input, ct),
            async s => TypedResults.Ok(await Signatory(db, clock, s.Id, ct)),
            $"Het pact '{code}' heeft geen ondertekening met nummer {id}.", s => Signatory(db, clock, s.Id, ct), input.Version);

    /// <summary>Every role in the pact with its period; current=true leaves out roles that ended or have not begun.</summary>
    private static async Task<Results<Ok<List<RoleDto>>, ProblemHttpResult>> GetRoles(string code, bool? current, PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return UnknownPact(code);
        var roles = await NetworkQueries.RolesAsync(db, clock.Today(), r => r.PactId == pact.Id, ct);
        return TypedResults.Ok(current == true ? roles.Where(r => r.Current).ToList() : roles);
    }

    private static async Task<IResult> AddRole(string code, RoleInput input, PactNetworkEditor editor, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.AddRoleAsync(code, input, ct),
            async r => TypedResults.Created($"/api/v1/pacts/{code}/roles", await Role(db, clock, r.Id, ct)),
            $"Er is geen pact met code '{code}'.", r => Role(db, clock, r.Id, ct), 0);

    private static async Task<IResult> EndRole(string code, int id, EndRoleInput input, PactNetworkEditor editor, PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.EndRoleAsync(code, id, input, ct),
            async r => TypedResults.Ok(await Role(db, clock, r.Id, ct)),
            $"Het pact '{code}' heeft geen rol met nummer {id}.", r => Role(db, clock, r.Id, ct), input.Version);

    /// <summary>
    /// The pact's partners per region of a set, per helix. Without regionSet: the pact's own set
    /// (the Techniekpact's landsdelen), else the provinces.
    /// </summary>
    private static async Task<Results<Ok<HelixBalanceResult>, ProblemHttpResult, ValidationProblem>> GetHelixBalance(string code, string? regionSet,
        PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        if (await PactLookup.FindAsync(db, code, ct) is not { } pact)
            return UnknownPact(code);
        var setCode = string.IsNullOrWhiteSpace(regionSet) ? await DefaultSetAsync(db, pact.Id, ct) : regionSet.Trim().ToLowerInvariant();
        if (await HelixBalance.ComputeAsync(db, pact.Id, pact.Code, setCode, clock.Today(), ct) is { } balance)
            return TypedResults.Ok(balance);
        var sets = await HelixBalance.SetsFor(db, pact.Id).Select(s => s.Code).ToListAsync(ct);
        return TypedResults.ValidationProblem(new Dictionary<string, string[]>
        {
            ["regionSet"] = [$"Onbekende regio-indeling '{regionSet}'. Kies uit: {string.Join(", ", sets)}."],
        }, title: "Ongeldig filter");
    }

    public static async Task<string> DefaultSetAsync(PactwerkDb db, int pactId, CancellationToken ct) =>
        await db.RegionSets.Where(s => s.PactId == pactId).Select(s => s.Code).FirstOrDefaultAsync(ct) ?? RegionSetCodes.Provinces;

    private static ProblemHttpResult UnknownPact(string code) => ApiProblems.NotFound($"Er is geen pact met code '{code}'.");

    private static Task<SignatoryDto> Signatory(PactwerkDb db, TimeProvider clock, int id, CancellationToken ct) =>
        NetworkQueries.Signatories(db, clock.Today(), s => s.Id == id).SingleAsync(ct);

    private static async Task<RoleDto> Role(PactwerkDb db, TimeProvider clock, int id, CancellationToken ct) =>
        (await NetworkQueries.RolesAsync(db, clock.Today(), r => r.Id == id, ct)).Single();

}
