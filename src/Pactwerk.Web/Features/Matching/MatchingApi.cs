using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Features.Matching.Scoring;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Matching;

public sealed record RequirementInput(int CompetenceId, bool Required, int Weight, int MinimumLevel);

public sealed record RequirementDto(int CompetenceId, string Code, string Name, bool Required, int Weight, int MinimumLevel);

/// <summary>A proposal names exactly one opening: <c>learningPlaceId</c> or <c>vacancyId</c>.</summary>
public sealed record CandidateProposalInput(int CandidateId, int? LearningPlaceId = null, int? VacancyId = null);

public sealed record DeclineInput(string? Reason);

/// <summary>
/// A proposal as its reader may see it: the candidate's name only to coordinators, the candidate, and an organisation that
/// accepted. One of <c>learningPlaceId</c> and <c>vacancyId</c> is set; <c>place</c> is the opening's title, either kind.
/// </summary>
public sealed record CandidateProposalDto(int Id, int Version, int CandidateId, int? LearningPlaceId, int? VacancyId, int OrganisationId, string Place, ProposalState State, string? CandidateName,
    string? DeclineReason, DateTime ProposedAt, DateTime? DecidedAt, DateTime? AnsweredAt, IReadOnlyList<CandidateCompetenceDto> Competences);

/// <summary>Matching's API: the candidate's own profile, what places ask, the two rankings, and proposals.</summary>
public static class MatchingApi
{
    public static RouteGroupBuilder MapMatchingApi(this RouteGroupBuilder api)
    {
        var me = api.MapGroup("/candidates/me").WithTags("Matching").AddEndpointFilter(MatchingProblemLanguage.Filter).RequireAuthorization(Policies.SignedIn);
        me.MapGet("", GetMe).WithName("GetMyCandidateProfile").WithSummary("The signed-in person's candidate profile: competences with level and evidence, consent, personal details.");
        me.MapPut("", PutMe).WithName("PutMyCandidateProfile")
            .WithSummary("The signed-in person records or corrects their profile and gives or withdraws consent to being matched; with `version` a stale change is refused.");
        me.MapGet("/export", ExportMe).WithName("ExportMyCandidateProfile").WithSummary("Everything held about the signed-in candidate, as JSON.");
        me.MapDelete("", EraseMe).WithName("EraseMyCandidateProfile").WithSummary("The candidate leaves: their profile, competences and proposals are erased.");

        var matching = api.MapGroup("").WithTags("Matching").AddEndpointFilter(MatchingProblemLanguage.Filter).RequireAuthorization(Policies.SignedIn);
        matching.MapGet("/learning-places/{id:int}/requirements", GetRequirements).WithName("GetLearningPlaceRequirements")
            .WithSummary("What a place asks: competences, required or desirable, weight 1–5 and minimum level 1–4.");
        matching.MapPut("/learning-places/{id:int}/requirements", PutRequirements).WithName("PutLearningPlaceRequirements")
            .WithSummary("The place's organisation or a coordinator replaces what the place asks.");
        matching.MapGet("/learning-places/{id:int}/candidates", GetCandidates).WithName("GetLearningPlaceCandidates")
            .WithSummary("Consenting candidates ranked for a place with score and explanation; blind (no name, age or gender) for the place's organisation, named for coordinators.");
        matching.MapGet("/candidates/{id:int}/places", GetPlaces).WithName("GetCandidatePlaces")
            .WithSummary("Places ranked for a consenting candidate, with score and explanation; for the candidate and coordinators.");
        matching.MapPost("/candidate-proposals", Propose).WithName("ProposeCandidate")
            .WithSummary("A coordinator proposes a consenting candidate for one open opening: a learning place (`learningPlaceId`) or a vacancy (`vacancyId`), not both.");
        matching.MapGet("/candidate-proposals/{id:int}", GetProposal).WithName("GetCandidateProposal").WithSummary("One proposal; blind for the organisation until it accepts.");
        matching.MapPost("/candidate-proposals/{id:int}/accept", Accept).WithName("AcceptCandidateProposal").WithSummary("The opening's organisation (of the place or the vacancy) shortlists the candidate and then sees the name.");
        matching.MapPost("/candidate-proposals/{id:int}/decline", Decline).WithName("DeclineCandidateProposal").WithSummary("The opening's organisation declines, with a reason.");
        matching.MapPost("/candidate-proposals/{id:int}/agree", Agree).WithName("AgreeToCandidateProposal").WithSummary("The candidate agrees to an accepted proposal.");
        matching.MapPost("/candidate-proposals/{id:int}/refuse", Refuse).WithName("RefuseCandidateProposal").WithSummary("The candidate refuses an accepted proposal.");

        // Which competences a voucher course teaches is no secret (as the frameworks are not); its scheme's officers keep it.
        var courses = api.MapGroup("/voucher-courses/{id:int}/competences").WithTags("Matching").AddEndpointFilter(MatchingProblemLanguage.Filter);
        courses.MapGet("", GetCourseCompetences).WithName("GetVoucherCourseCompetences").AllowAnonymous()
            .WithSummary("The competences a voucher course teaches and up to what level (1–4): the training an explanation names to close a gap.");
        // Its officers change it with two-factor, as they change their scheme's catalogue (the vouchers' staff policy).
        courses.MapPut("", PutCourseCompetences).WithName("PutVoucherCourseCompetences").RequireAuthorization(Vouchers.VouchersModule.StaffPolicy)
            .WithSummary("An officer of the course's scheme, or an administrator, replaces the competences the course teaches.");
        return api;
    }

    private static async Task<IResult> GetCourseCompetences(int id, PactwerkDb db, CancellationToken ct) =>
        await db.VoucherCourses.AnyAsync(c => c.Id == id, ct)
            ? TypedResults.Ok(await CourseCompetences.DescribeAsync(db, id, ct))
            : ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoCourse, id));

    private static async Task<IResult> PutCourseCompetences(int id, List<CourseCompetenceInput> input, CourseCompetences courses, PactwerkDb db, CancellationToken ct) =>
        await courses.ReplaceAsync(id, input, ct) switch
        {
            MatchingOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            MatchingOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            MatchingOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            _ => TypedResults.Ok(await CourseCompetences.DescribeAsync(db, id, ct)),
        };

    private static async Task<IResult> GetMe(CandidateProfiles profiles, CancellationToken ct) =>
        await profiles.MineAsync(ct) is { } candidate ? TypedResults.Ok(await profiles.DescribeAsync(candidate, ct)) : ApiProblems.NotFound(MatchingMessages.NoProfile);

    private static async Task<IResult> PutMe(CandidateInput input, CandidateProfiles profiles, CancellationToken ct) => await profiles.SaveMineAsync(input, ct) switch
    {
        CandidateOutcome.Saved s => TypedResults.Ok(await profiles.DescribeAsync(s.Candidate, ct)),
        CandidateOutcome.Unchanged u => TypedResults.Ok(await profiles.DescribeAsync(u.Candidate, ct)),
        CandidateOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
        CandidateOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        CandidateOutcome.Stale => ApiProblems.Conflict(MatchingMessages.Stale),
        _ => ApiProblems.NotFound(MatchingMessages.NoProfile),
    };

    private static async Task<IResult> ExportMe(CandidateProfiles profiles, CancellationToken ct) =>
        await profiles.ExportMineAsync(ct) is { } export ? TypedResults.Ok(export) : ApiProblems.NotFound(MatchingMessages.NoProfile);

    private static async Task<IResult> EraseMe(CandidateProfiles profiles, CancellationToken ct) =>
        await profiles.EraseMineAsync(ct) ? TypedResults.NoContent() : ApiProblems.NotFound(MatchingMessages.NoProfile);

    private static async Task<IResult> GetRequirements(int id, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct)
    {
        if (await db.Set<LearningPlaces.LearningPlace>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } place)
            return ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoPlace, id));
        if (!MatchingAccess.SeesCandidatesFor(await scopes.GetAsync(ct), place.OrganisationId))
            return ApiProblems.Forbidden(MatchingMessages.NotPlaceStaff);
        return TypedResults.Ok(await PlaceRequirements.DescribeAsync(db, id, ct));
    }

    private static async Task<IResult> PutRequirements(int id, List<RequirementInput> input, PlaceRequirements requirements, PactwerkDb db, CancellationToken ct) =>
        await requirements.ReplaceAsync(id, input, ct) switch
        {
            MatchingOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            MatchingOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            MatchingOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            _ => TypedResults.Ok(await PlaceRequirements.DescribeAsync(db, id, ct)),
        };

    private static async Task<IResult> GetCandidates(int id, PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, CancellationToken ct)
    {
        if (await db.Set<LearningPlaces.LearningPlace>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } place)
            return ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoPlace, id));
        var scope = await scopes.GetAsync(ct);
        if (!MatchingAccess.SeesCandidatesFor(scope, place.OrganisationId))
            return ApiProblems.Forbidden(MatchingMessages.NotPlaceStaff);
        return TypedResults.Ok(await rankings.CandidatesForAsync(id, withNames: MatchingAccess.IsCoordinator(scope), ct));
    }

    private static async Task<IResult> GetPlaces(int id, PactwerkDb db, AccessScopeProvider scopes, Rankings rankings, CancellationToken ct)
    {
        if (await db.Set<Candidate>().AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, ct) is not { } candidate)
            return ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoCandidate, id));
        var scope = await scopes.GetAsync(ct);
        var user = scope.UserId is { } uid ? await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == uid, ct) : null;
        if (!MatchingAccess.IsCoordinator(scope) && !MatchingAccess.Is(user, candidate))
            return ApiProblems.Forbidden(MatchingMessages.NotCandidateViewer);
        return TypedResults.Ok(await rankings.PlacesForAsync(id, ct));
    }

    private static async Task<IResult> Propose(CandidateProposalInput input, Proposals proposals, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, CancellationToken ct) =>
        await ToResultAsync(await proposals.ProposeAsync(input, ct), db, scopes, profiles, created: true, ct);

    private static async Task<IResult> GetProposal(int id, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, CancellationToken ct) =>
        await db.Set<Proposal>().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, ct) is { } proposal
            ? await ToResultAsync(new MatchingOutcome.Done(proposal), db, scopes, profiles, created: false, ct)
            : ApiProblems.NotFound(MatchingMessages.Format(MatchingMessages.NoProposal, id));

    private static async Task<IResult> Accept(int id, Proposals proposals, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, CancellationToken ct) =>
        await ToResultAsync(await proposals.DecideAsync(id, accept: true, null, ct), db, scopes, profiles, created: false, ct);

    private static async Task<IResult> Decline(int id, DeclineInput input, Proposals proposals, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, CancellationToken ct) =>
        await ToResultAsync(await proposals.DecideAsync(id, accept: false, input.Reason, ct), db, scopes, profiles, created: false, ct);

    private static async Task<IResult> Agree(int id, Proposals proposals, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, CancellationToken ct) =>
        await ToResultAsync(await proposals.AnswerAsync(id, agree: true, ct), db, scopes, profiles, created: false, ct);

    private static async Task<IResult> Refuse(int id, Proposals proposals, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, CancellationToken ct) =>
        await ToResultAsync(await proposals.AnswerAsync(id, agree: false, ct), db, scopes, profiles, created: false, ct);

    private static async Task<IResult> ToResultAsync(MatchingOutcome outcome, PactwerkDb db, AccessScopeProvider scopes, CandidateProfiles profiles, bool created, CancellationToken ct)
    {
        switch (outcome)
        {
            case MatchingOutcome.Done done:
                var view = await ProposalViews.DescribeAsync(db, await scopes.GetAsync(ct), profiles, done.Proposal, ct);
                if (view is null)
                    return ApiProblems.Forbidden(MatchingMessages.NotPlaceStaff);
                return created ? TypedResults.Created($"/api/v1/candidate-proposals/{done.Proposal.Id}", view) : TypedResults.Ok(view);
            case MatchingOutcome.NotFound n:
                return ApiProblems.NotFound(n.Message);
            case MatchingOutcome.Forbidden f:
                return ApiProblems.Forbidden(f.Message);
            case MatchingOutcome.Invalid i:
                return TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde");
            case MatchingOutcome.Refused r:
                return ApiProblems.Conflict(r.Message);
            default:
                throw new InvalidOperationException("Unknown outcome.");
        }
    }
}
