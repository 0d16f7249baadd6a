using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningPlaces;

public sealed record PeriodDto(DateOnly From, DateOnly To);

/// <summary>
/// A learning place as everyone may read it: no learners, no supervisors' names. <c>municipality</c> is the CBS code a PUT
/// takes back, its name only for reading.
/// </summary>
public sealed record LearningPlaceDto(int Id, int Version, int OrganisationId, string Organisation, string Title, LearningPlaceKind Kind, string Sector,
    string Municipality, string MunicipalityName, int Seats, string? SbbNumber, string? Description, IReadOnlyList<PeriodDto> Periods);

/// <summary>The places: the public list with its filters, one place, and the organisation's additions and changes.</summary>
public static class LearningPlacesApi
{
    public static RouteGroupBuilder MapLearningPlacesApi(this RouteGroupBuilder api)
    {
        var places = api.MapGroup("/learning-places").WithTags("Learning places").AddEndpointFilter(LearningPlaceProblemLanguage.Filter);
        places.MapGet("", GetPlaces).WithName("GetLearningPlaces").AllowAnonymous()
            .WithSummary("The learning places on offer, optionally in a region (`region=ZP-NOORD`, any region code of any region set, or a municipality `GM0363`), of a sector (`sector=care`) and offered in some part of a period (`from=2027-07-01&to=2027-08-31`). Public fields only: no learners, no supervisors.");
        places.MapGet("/{id:int}", GetPlace).WithName("GetLearningPlace").AllowAnonymous().WithSummary("One learning place with its periods.");
        places.MapPost("", CreatePlace).WithName("CreateLearningPlace").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Someone acting for an organisation offers a learning place: kind, sector, municipality, periods, seats, SBB recognition number (BOL and BBL) and the supervisors who guide its learners.");
        places.MapPut("/{id:int}", UpdatePlace).WithName("UpdateLearningPlace").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The organisation changes a place; with `version` a stale change is refused. Periods are replaced by what is sent; supervisors only when sent.");
        return api;
    }

    private static async Task<Results<Ok<List<LearningPlaceDto>>, ProblemHttpResult, ValidationProblem>> GetPlaces(string? region, string? sector, string? from, string? to,
        PactwerkDb db, CancellationToken ct)
    {
        return await LearningPlaceQuery.FilterAsync(db, region, sector, from, to, ct) switch
        {
            LearningPlaceQuery.Outcome.Places(var query) => TypedResults.Ok(await DescribeAsync(db, query, ct)),
            LearningPlaceQuery.Outcome.NoRegion(var message) => ApiProblems.NotFound(message),
            LearningPlaceQuery.Outcome.Invalid(var field, var message) =>
                TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [message] }, title: "De invoer is niet in orde"),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
    }

    private static async Task<Results<Ok<LearningPlaceDto>, ProblemHttpResult>> GetPlace(int id, PactwerkDb db, CancellationToken ct) =>
        (await DescribeAsync(db, db.Set<LearningPlace>().Where(p => p.Id == id), ct)).SingleOrDefault() is { } place
            ? TypedResults.Ok(place)
            : ApiProblems.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoPlace, id));

    private static async Task<IResult> CreatePlace(LearningPlaceInput input, LearningPlaceEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(null, input, ct), db, created: true, "?", ct);

    private static async Task<IResult> UpdatePlace(int id, LearningPlaceInput input, LearningPlaceEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(id, input, ct), db, created: false, id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);

    private static async Task<IResult> ToResultAsync(PlaceEditOutcome outcome, PactwerkDb db, bool created, string id, CancellationToken ct) => outcome switch
    {
        PlaceEditOutcome.Saved saved when created => TypedResults.Created($"/api/v1/learning-places/{saved.Place.Id}",
            (await DescribeAsync(db, db.Set<LearningPlace>().Where(p => p.Id == saved.Place.Id), ct)).Single()),
        PlaceEditOutcome.Saved saved => TypedResults.Ok((await DescribeAsync(db, db.Set<LearningPlace>().Where(p => p.Id == saved.Place.Id), ct)).Single()),
        PlaceEditOutcome.NotFound => ApiProblems.NotFound(LearningPlaceMessages.Format(LearningPlaceMessages.NoPlace, id)),
        PlaceEditOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
        PlaceEditOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        PlaceEditOutcome.Stale => ApiProblems.Conflict(LearningPlaceMessages.Stale),
        _ => throw new InvalidOperationException("Unknown outcome."),
    };

    /// <summary>The places as everyone may read them, by organisation and title; the API and the pages both ask here.</summary>
    public static async Task<List<LearningPlaceDto>> DescribeAsync(PactwerkDb db, IQueryable<LearningPlace> places, CancellationToken ct)
    {
        var rows = await places.AsNoTracking().Include(p => p.Periods)
            .Join(db.Organisations, p => p.OrganisationId, o => o.Id, (p, o) => new { p, Organisation = o.Name })
            .Join(db.Regions, x => x.p.MunicipalityId, m => m.Id, (x, m) => new { x.p, x.Organisation, m.Code, m.Name })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.Organisation, StringComparer.Ordinal).ThenBy(x => x.p.Title, StringComparer.Ordinal).ThenBy(x => x.p.Id)
            .Select(x => new LearningPlaceDto(x.p.Id, x.p.Version, x.p.OrganisationId, x.Organisation, x.p.Title, x.p.Kind, x.p.Sector, x.Code, x.Name, x.p.Seats,
                x.p.SbbNumber, x.p.Description, x.p.Periods.OrderBy(p => p.From).Select(p => new PeriodDto(p.From, p.To)).ToList()))
            .ToList();
    }
}
