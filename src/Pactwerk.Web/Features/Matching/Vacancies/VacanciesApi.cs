using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Matching;

/// <summary>A vacancy as everyone may read it. <c>municipality</c> is the CBS code a PUT takes back, its name only for reading.</summary>
public sealed record VacancyDto(int Id, int Version, int OrganisationId, string Organisation, string Title, string Sector, string Municipality, string MunicipalityName,
    decimal HoursPerWeek, DateOnly OpenUntil, IReadOnlyList<RequirementDto> Requirements);

/// <summary>Employer vacancies: the public list, one vacancy, the organisation's additions and changes, and the two rankings.</summary>
public static class VacanciesApi
{
    public static RouteGroupBuilder MapVacanciesApi(this RouteGroupBuilder api)
    {
        var vacancies = api.MapGroup("/vacancies").WithTags("Matching").AddEndpointFilter(MatchingProblemLanguage.Filter);
        vacancies.MapGet("", GetVacancies).WithName("GetVacancies").AllowAnonymous()
            .WithSummary("The vacancies employers publish with the competences they ask, optionally of one organisation (`organisation=12`); closed ones only with `closed=true`.");
        vacancies.MapGet("/{id:int}", GetVacancy).WithName("GetVacancy").AllowAnonymous().WithSummary("One vacancy with what it asks.");
        vacancies.MapPost("", CreateVacancy).WithName("CreateVacancy").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Someone acting for an organisation publishes a vacancy: title, sector, municipality, hours a week, open until, and at least one required or desirable competence with weight 1–5 and minimum level 1–4.");
        vacancies.MapPut("/{id:int}", UpdateVacancy).WithName("UpdateVacancy").RequireAuthorization(Policies.SignedIn)
            .WithSummary("The organisation changes a vacancy as a whole; with `version` a stale change is refused.");
        vacancies.MapGet("/{id:int}/candidates", GetCandidates).WithName("GetVacancyCandidates").RequireAuthorization(Policies.SignedIn)
            .WithSummary("Consenting candidates ranked for a vacancy with score and explanation, as for a learning place; blind for the organisation, named for coordinators.");
        api.MapGet("/candidates/{id:int}/vacancies", GetVacanciesFor).WithName("GetCandidateVacancies").WithTags("Matching")
            .AddEndpointFilter(MatchingProblemLanguage.Filter).RequireAuthorization(Policies.SignedIn)
            .WithSummary("Open vacancies ranked for a consenting candidate, with score and explanation; for the candidate and coordinators.");
        return api;
    }

    private static async Task<IResult> GetVacancies(int? organisation, bool? closed, PactwerkDb db, TimeProvider clock, CancellationToken ct)
    {
        var query = db.Set<Vacancy>().AsQueryable();
        if (organisation is { } id)
            query = query.Where(v => v.OrganisationId == id);
        if (closed != true)
        {
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            query = query.Where(v => v.OpenUntil >= today);
        }
        return TypedResults.Ok(await DescribeAsync(db, query, ct));
    }

    private static async Task<IResult> GetVacancy(int id, PactwerkDb db, CancellationToken ct) =>
        (await DescribeAsync(db, db.Set<Vacancy>().Where(v => v.Id == id), ct)).SingleOrDefault() is { } vacancy
            ? TypedResults.Ok(vacancy)
            : ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoVacancy, id));

    private static async Task<IResult> CreateVacancy(VacancyInput input, VacancyEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(null, input, ct), db, created: true, ct);

    private static async Task<IResult> UpdateVacancy(int id, VacancyInput input, VacancyEditor editor, PactwerkDb db, CancellationToken ct) =>
        await ToResultAsync(await editor.SaveAsync(id, input, ct), db, created: false, ct);

    private static async Task<IResult> ToResultAsync(VacancyOutcome outcome, PactwerkDb db, bool created, CancellationToken ct)
    {
        switch (outcome)
        {
            case VacancyOutcome.Saved saved:
                var view = (await DescribeAsync(db, db.Set<Vacancy>().Where(v => v.Id == saved.Vacancy.Id), ct)).Single();
                return created ? TypedResults.Created($"/api/v1/vacancies/{view.Id}", view) : TypedResults.Ok(view);
            case VacancyOutcome.NotFound n:
                return ApiProblems.NotFound(n.Message);
            case VacancyOutcome.Forbidden f:
                return ApiProblems.Forbidden(f.Message);
            case VacancyOutcome.Invalid i:
                return TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde");
            case VacancyOutcome.Stale:
                return ApiProblems.Conflict(MatchingMessages.VacancyStale);
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }

    private static async Task<IResult> GetCandidates(int id, PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, CancellationToken ct)
    {
        if (await db.Set<Vacancy>().AsNoTracking().Where(v => v.Id == id).Select(v => (int?)v.OrganisationId).SingleOrDefaultAsync(ct) is not { } organisation)
            return ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoVacancy, id));
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.SeesCandidatesFor(scope, organisation))
            return ApiProblems.Forbidden(MatchingMessages.NotVacancyStaff);
        return TypedResults.Ok(await rankings.CandidatesForAsync(Opening.Vacancy(id), withNames: MatchingAccess.IsCoordinator(scope), ct));
    }

    private static async Task<IResult> GetVacanciesFor(int id, PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, CancellationToken ct)
    {
        if (await db.Set<Candidate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } candidate)
            return ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoCandidate, id));
        var scope = await scopes.GetAsync(ct);
        var user = scope.UserId is { } uid ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (!MatchingAccess.IsCoordinator(scope) && !MatchingAccess.Is(user, candidate))
            return ApiProblems.Forbidden(MatchingMessages.NotCandidateViewer);
        return TypedResults.Ok(await rankings.VacanciesForAsync(id, ct));
    }

    /// <summary>The vacancies as everyone may read them, by organisation, title and id; the API and the pages both ask here.</summary>
    public static async Task<List<VacancyDto>> DescribeAsync(PactwerkDb db, IQueryable<Vacancy> vacancies, CancellationToken ct)
    {
        var rows = await vacancies.AsNoTracking().Include(v => v.Requirements)
            .Join(db.Organisations, v => v.OrganisationId, o => o.Id, (v, o) => new { v, Organisation = o.Name })
            .Join(db.Regions, x => x.v.MunicipalityId, m => m.Id, (x, m) => new { x.v, x.Organisation, m.Code, m.Name })
            .ToListAsync(ct);
        var competenceIds = rows.SelectMany(r => r.v.Requirements).Select(r => r.CompetenceId).Distinct().ToList();
        var competences = await db.Competences.AsNoTracking().Where(c => competenceIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        return rows.OrderBy(x => x.Organisation, StringComparer.Ordinal).ThenBy(x => x.v.Title, StringComparer.Ordinal).ThenBy(x => x.v.Id)
            .Select(x => new VacancyDto(x.v.Id, x.v.Version, x.v.OrganisationId, x.Organisation, x.v.Title, x.v.Sector, x.Code, x.Name, x.v.HoursPerWeek, x.v.OpenUntil,
                x.v.Requirements.Select(r => new RequirementDto(r.CompetenceId, competences[r.CompetenceId].Code, competences[r.CompetenceId].NameNl, r.Required, r.Weight, r.MinimumLevel))
                    .OrderByDescending(r => r.Required).ThenBy(r => r.Code, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
