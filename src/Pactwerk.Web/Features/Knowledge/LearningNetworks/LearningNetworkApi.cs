using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Pactwerk.Web.Data;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Knowledge;

public sealed record LearningNetworkMemberDto(string UserId, string Name);
public sealed record LearningNetworkSessionDto(int Id, DateOnly Date, string? Place, string Theme, string? Agenda, string? Notes, int Version);
/// <summary>A session with its cases; the cases only for members (for anyone else the list is left out, not empty).</summary>
public sealed record LearningNetworkSessionDetailDto(int NetworkId, string Network, LearningNetworkSessionDto Session, bool MayManage, IReadOnlyList<LearningNetworkCaseDto>? Cases);
public sealed record LearningNetworkDto(int Id, string Pact, string Name, string? Description, bool IsMember,
    IReadOnlyList<LearningNetworkMemberDto> Members, IReadOnlyList<LearningNetworkSessionDto> Sessions, int Version);
public sealed record LearningNetworkCaseDto(int Id, int NetworkId, int? SessionId, string Title, string Question, string? DiscussionNotes,
    string BroughtInBy, bool Mine, DateTime CreatedAt, bool IsDemoContent, int Version);
public sealed record MemberInput(string? Email);

/// <summary>
/// Learning networks. The network (members, sessions) is for its members and its pact's
/// coordinators, who manage membership and sessions. Cases are for members only: to anyone else
/// every case address answers 404, existing or not, and the attempt is logged (see LearningNetworkAccess).
/// </summary>
public static class LearningNetworkApi
{
    public static RouteGroupBuilder MapLearningNetworkApi(this RouteGroupBuilder api)
    {
        var networks = api.MapGroup("/learning-networks/{id:int}").WithTags("Learning networks");
        networks.MapGet("/", GetNetwork).WithName("GetLearningNetwork").WithSummary("An action's learning network with its members and sessions (members and coordinators).").RequireAuthorization(Policies.SignedIn);
        networks.MapPost("/members", AddMember).WithName("AddLearningNetworkMember").WithSummary("Adds a member to a learning network.").RequireAuthorization(Policies.SignedIn);
        networks.MapDelete("/members/{userId}", RemoveMember).WithName("RemoveLearningNetworkMember").WithSummary("Removes a member from a learning network.").RequireAuthorization(Policies.SignedIn);
        networks.MapPost("/sessions", AddSession).WithName("AddLearningNetworkSession").WithSummary("Adds a session to a learning network.").RequireAuthorization(Policies.SignedIn);
        networks.MapGet("/sessions/{sessionId:int}", GetSession).WithName("GetLearningNetworkSession").WithSummary("One session of a learning network.").RequireAuthorization(Policies.SignedIn);
        networks.MapPut("/sessions/{sessionId:int}", UpdateSession).WithName("UpdateLearningNetworkSession").WithSummary("Changes a session of a learning network; send the version you started from. Takes the session flat or nested in \"session\" as its GET returns it.").RequireAuthorization(Policies.SignedIn);
        // Reads of cases admit anonymous callers so that their attempts are logged like anyone's.
        networks.MapGet("/cases", GetCases).WithName("GetLearningNetworkCases").WithSummary("The cases a learning network published.").AllowAnonymous();
        networks.MapGet("/cases/{caseId:int}", GetCase).WithName("GetLearningNetworkCase").WithSummary("One case of a learning network.").AllowAnonymous();
        networks.MapPost("/cases", AddCase).WithName("AddLearningNetworkCase").WithSummary("Adds a case to a learning network.").RequireAuthorization(Policies.SignedIn);
        networks.MapPut("/cases/{caseId:int}", UpdateCase).WithName("UpdateLearningNetworkCase").WithSummary("Changes a case of a learning network; send the version you started from. Sending back what its GET returned changes nothing.").RequireAuthorization(Policies.SignedIn);
        return api;
    }

    private static ProblemHttpResult NoNetwork(int id) => ApiProblems.NotFound($"Er is geen lerend netwerk met nummer {id} dat je mag zien.");
    private static ProblemHttpResult NoCase(int caseId) => ApiProblems.NotFound($"Er is geen casus met nummer {caseId} die je mag zien.");

    private static async Task<Results<Ok<LearningNetworkDto>, ProblemHttpResult>> GetNetwork(int id, PactwerkDb db, LearningNetworkAccess access, CancellationToken ct) =>
        await access.VisibleNetworkAsync(id, ct) is { } network ? TypedResults.Ok(await DescribeAsync(db, access, network, ct)) : NoNetwork(id);

    public static async Task<LearningNetworkDto> DescribeAsync(PactwerkDb db, LearningNetworkAccess access, LearningNetwork network, CancellationToken ct)
    {
        var members = await db.LearningNetworkMembers.Where(m => m.NetworkId == network.Id)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new LearningNetworkMemberDto(u.Id, u.DisplayName)).ToListAsync(ct);
        var sessions = await db.LearningNetworkSessions.Where(s => s.NetworkId == network.Id).OrderBy(s => s.Date)
            .Select(s => new LearningNetworkSessionDto(s.Id, s.Date, s.Place, s.Theme, s.Agenda, s.Notes, s.Version)).ToListAsync(ct);
        var pact = await db.Pacts.Where(p => p.Id == network.PactId).Select(p => p.Code).SingleAsync(ct);
        return new LearningNetworkDto(network.Id, pact, network.Name, network.Description, await access.IsMemberAsync(network.Id, ct),
            members.OrderBy(m => m.Name).ToList(), sessions, network.Version);
    }

    private static async Task<Results<Ok<List<LearningNetworkCaseDto>>, ProblemHttpResult>> GetCases(int id, PactwerkDb db, LearningNetworkAccess access, CancellationToken ct)
    {
        if (!await access.MayUseCasesAsync(id, ct))
            return NoNetwork(id);
        var scope = await access.ScopeAsync(ct);
        return TypedResults.Ok(await CasesAsync(db, scope.UserId!, c => c.NetworkId == id, ct));
    }

    public static async Task<List<LearningNetworkCaseDto>> CasesAsync(PactwerkDb db, string reader, System.Linq.Expressions.Expression<Func<LearningNetworkCase, bool>> which, CancellationToken ct) =>
        await db.LearningNetworkCases.Where(which).OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Join(db.Users, c => c.BroughtInByUserId, u => u.Id, (c, u) => new LearningNetworkCaseDto(c.Id, c.NetworkId, c.SessionId, c.Title, c.Question,
                c.DiscussionNotes, u.DisplayName, c.BroughtInByUserId == reader, c.CreatedAt, c.IsDemoContent, c.Version)).ToListAsync(ct);

    private static async Task<Results<Ok<LearningNetworkCaseDto>, ProblemHttpResult>> GetCase(int id, int caseId, PactwerkDb db, LearningNetworkAccess access, CancellationToken ct)
    {
        if (await access.ReadCaseAsync(id, caseId, ct) is null)
            return NoCase(caseId);
        var scope = await access.ScopeAsync(ct);
        return TypedResults.Ok((await CasesAsync(db, scope.UserId!, c => c.Id == caseId, ct)).Single());
    }

    private static async Task<IResult> AddCase(int id, LearningNetworkCaseInput input, LearningNetworkCaseEditor editor, PactwerkDb db, AccessScopeProvider scopes, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.CreateAsync(id, input, ct),
            async c => TypedResults.Created($"/api/v1/learning-networks/{id}/cases/{c.Id}", await CaseAsync(db, scopes, c.Id, ct)),
            $"Er is geen lerend netwerk met nummer {id} dat je mag zien.", c => CaseAsync(db, scopes, c.Id, ct), input.Version);

    /// <summary>Changes a case. Send the version you started from; a stale version gets 409.</summary>
    private static async Task<IResult> UpdateCase(int id, int caseId, LearningNetworkCaseInput input, LearningNetworkCaseEditor editor, PactwerkDb db,
        AccessScopeProvider scopes, CancellationToken ct) =>
        await EditResults.ToResultAsync(await editor.UpdateAsync(id, caseId, input, ct),
            async c => TypedResults.Ok(await CaseAsync(db, scopes, c.Id, ct)),
            $"Er is geen casus met nummer {caseId} die je mag zien.", c => CaseAsync(db, scopes, c.Id, ct), input.Version);

    private static async Task<LearningNetworkCaseDto> CaseAsync(PactwerkDb db, AccessScopeProvider scopes, int caseId, CancellationToken ct) =>
        (await CasesAsync(db, (await scopes.GetAsync(ct)).UserId!, c => c.Id == caseId, ct)).Single();

    /// <summary>A session with its agenda and notes, for those who see the network; its cases for members only.</summary>
    private static async Task<Results<Ok<LearningNetworkSessionDetailDto>, ProblemHttpResult>> GetSession(int id, int sessionId, PactwerkDb db, LearningNetworkAccess access,
        LearningNetworkManager manager, CancellationToken ct) =>
        await SessionAsync(db, access, manager, id, sessionId, ct) is { } found ? TypedResults.Ok(found)
            : ApiProblems.NotFound($"Er is geen bijeenkomst met nummer {sessionId} in een netwerk dat je mag zien.");

    public static async Task<LearningNetworkSessionDetailDto?> SessionAsync(PactwerkDb db, LearningNetworkAccess access, LearningNetworkManager manager,
        int id, int sessionId, CancellationToken ct)
    {
        if (await access.VisibleNetworkAsync(id, ct) is not { } network)
            return null;
        var dto = await DescribeAsync(db, access, network, ct);
        if (dto.Sessions.FirstOrDefault(s => s.Id == sessionId) is not { } session)
            return null;
        var cases = dto.IsMember ? await CasesAsync(db, (await access.ScopeAsync(ct)).UserId!, c => c.NetworkId == id && c.SessionId == sessionId, ct) : null;
        return new LearningNetworkSessionDetailDto(id, dto.Name, session, await manager.MayManageAsync(id, ct) == true, cases);
    }

    /// <summary>Adds an account to the network by its e-mail address; for the pact's coordinators.</summary>
    private static async Task<IResult> AddMember(int id, MemberInput input, PactwerkDb db, LearningNetworkAccess access, LearningNetworkManager manager, CancellationToken ct) =>
        await EditResults.ToResultAsync(await manager.AddMemberAsync(id, input.Email, ct),
            async _ => TypedResults.Ok(await DescribeAsync(db, access, await db.LearningNetworks.AsNoTracking().SingleAsync(n => n.Id == id, ct), ct)),
            $"Er is geen lerend netwerk met nummer {id} dat je mag zien.", _ => Task.FromResult<object?>(null), 0);

    private static async Task<IResult> RemoveMember(int id, string userId, LearningNetworkManager manager, CancellationToken ct) =>
        await EditResults.ToResultAsync(await manager.RemoveMemberAsync(id, userId, ct),
            _ => Task.FromResult<IResult>(TypedResults.NoContent()), "Dit account is geen lid van het netwerk, of het netwerk bestaat niet voor jou.", _ => Task.FromResult<object?>(null), 0);

    private static async Task<IResult> AddSession(int id, SessionInput input, LearningNetworkManager manager, CancellationToken ct) =>
        await EditResults.ToResultAsync(await manager.SaveSessionAsync(id, null, input, ct),
            s => Task.FromResult<IResult>(TypedResults.Created($"/api/v1/learning-networks/{id}/sessions/{s.Id}", Dto(s))),
            $"Er is geen lerend netwerk met nummer {id} dat je mag zien.", s => Task.FromResult<object?>(Dto(s)), input.Version);

    /// <summary>Changes a session. Send the version you started from; a stale version gets 409.</summary>
    private static async Task<IResult> UpdateSession(int id, int sessionId, SessionInput input, LearningNetworkManager manager, CancellationToken ct) =>
        await EditResults.ToResultAsync(await manager.SaveSessionAsync(id, sessionId, input, ct),
            s => Task.FromResult<IResult>(TypedResults.Ok(Dto(s))),
            $"Er is geen bijeenkomst met nummer {sessionId} in een netwerk dat je mag zien.", s => Task.FromResult<object?>(Dto(s)), input.Version);

    private static LearningNetworkSessionDto Dto(LearningNetworkSession s) => new(s.Id, s.Date, s.Place, s.Theme, s.Agenda, s.Notes, s.Version);
}
