using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Network;

namespace Pactwerk.Web.Features.Pacts;

public static class PactsApi
{
    public static RouteGroupBuilder MapPactsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/pacts", GetPacts).WithName("GetPacts").WithSummary("Lists the pacts with their signing date, initial signatories, region set and champion.").WithTags("Pacts").AllowAnonymous();
        return api;
    }

    public sealed record PactDto(string Code, string Name, DateOnly SignedOn, int InitialSignatoryCount, string Summary, string? Website,
        string? RegionSet, string? Champion);

    /// <summary>The pacts run on this installation.</summary>
    private static async Task<Ok<List<PactDto>>> GetPacts(PactwerkDb db, CancellationToken ct) =>
        TypedResults.Ok(await db.Pacts.OrderBy(p => p.SignedOn)
            .Select(p => new PactDto(p.Code, p.Name, p.SignedOn, p.InitialSignatoryCount, p.Summary, p.Website,
                db.RegionSets.Where(s => s.PactId == p.Id).Select(s => s.Code).FirstOrDefault(),
                db.PactRoles.Where(r => r.PactId == p.Id && r.Kind == PactRoleKind.Champion && r.ValidTo == null)
                    .Select(r => r.Person.Name).FirstOrDefault()))
            .ToListAsync(ct));
}
