using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Features.Accounts;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>Learning accounts: the holder's own account, a statement, and funders' deposits.</summary>
public static class LearningAccountsApi
{
    public static RouteGroupBuilder MapLearningAccountsApi(this RouteGroupBuilder api)
    {
        var accounts = api.MapGroup("/learning-accounts").WithTags("Learning accounts").RequireAuthorization(Policies.SignedIn)
            .AddEndpointFilter(LearningAccountProblemLanguage.Filter);
        accounts.MapGet("/me", GetMine).WithName("GetMyLearningAccount").WithSummary("The signed-in person's learning account (by their confirmed e-mail address): balance, per funder, per deposit with its expiry, and every movement.");
        accounts.MapGet("/{id:long}/statement", GetStatement).WithName("GetLearningAccountStatement").WithSummary("An account's statement: the holder and an administrator see all of it, a funder's officer what their funder paid in.");
        var funders = api.MapGroup("/funders").WithTags("Learning accounts").RequireAuthorization(LearningAccountsModule.OfficerPolicy)
            .AddEndpointFilter(LearningAccountProblemLanguage.Filter);
        funders.MapPost("/{code}/deposits", Deposit).WithName("DepositIntoLearningAccount").WithSummary("A funder's officer pays into one person's account (opened if they have none), with earmarks and validity; the same reference twice is one deposit.");
        funders.MapPost("/{code}/deposits", DepositFile).Accepts<string>("text/csv").WithName("DepositFileIntoLearningAccounts")
            .WithSummary("A funder's officer pays into many accounts at once from a CSV file (a header row with the fields of a single deposit, then one deposit per row; at most 200 MB and 1,000,000 rows): all rows or none, with a report listing every bad row by line and field; the same file again answers with its first report and writes nothing.");
        funders.MapPost("/{code}/departures", Depart).WithName("RecordLearningAccountDeparture").WithSummary("A funder's officer records that the person left its sector or employer: its deposits that do not follow the person stop the day before, and what is left of them expires.");
        return api;
    }

    private static async Task<Results<Ok<DepartureDto>, ValidationProblem, ProblemHttpResult>> Depart(string code, DepartureInput input, LearningDeposits deposits, CancellationToken ct) =>
        await deposits.DepartAsync(code, input, ct) switch
        {
            DepartureOutcome.Recorded r => TypedResults.Ok(r.Departure),
            DepartureOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            DepartureOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            DepartureOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Created<DepositFileReport>, Ok<DepositFileReport>, UnprocessableEntity<DepositFileReport>, ProblemHttpResult>> DepositFile(string code,
        HttpContext http, DepositFiles files, CancellationToken ct)
    {
        // The server's default body limit (30 MB) is below a file of a million rows; the service counts the bytes itself.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = DepositFiles.MaxBytes + 1;
        return await files.ReceiveAsync(code, http.Request.Body, http.Request.ContentLength, ct) switch
        {
            DepositFileOutcome.Done { Report.Repeat: false } d => TypedResults.Created((string?)null, d.Report),
            DepositFileOutcome.Done d => TypedResults.Ok(d.Report),
            DepositFileOutcome.Refused r => TypedResults.UnprocessableEntity(r.Report),
            DepositFileOutcome.TooLarge t => TypedResults.Problem(t.Message, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Bestand te groot"),
            DepositFileOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            DepositFileOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            _ => throw new InvalidOperationException(),
        };
    }

    private static async Task<Results<Ok<AccountStatement>, ProblemHttpResult>> GetMine(LearningAccountQueries queries, CancellationToken ct) =>
        await queries.MineAsync(ct) switch
        {
            StatementOutcome.Found f => TypedResults.Ok(f.Statement),
            StatementOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            StatementOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Ok<AccountStatement>, ProblemHttpResult>> GetStatement(long id, LearningAccountQueries queries, CancellationToken ct) =>
        await queries.StatementAsync(id, ct) switch
        {
            StatementOutcome.Found f => TypedResults.Ok(f.Statement),
            StatementOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            StatementOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            // The same answer the two-factor policy gives on the funders' endpoints.
            StatementOutcome.TwoFactorNeeded => TypedResults.Problem(TwoFactorRefusal.Detail, statusCode: StatusCodes.Status403Forbidden, title: TwoFactorRefusal.Title),
            _ => throw new InvalidOperationException(),
        };

    private static async Task<Results<Created<DepositDto>, Ok<DepositDto>, ValidationProblem, ProblemHttpResult>> Deposit(string code, DepositInput input,
        LearningDeposits deposits, CancellationToken ct) =>
        await deposits.DepositAsync(code, input, ct) switch
        {
            DepositOutcome.Made { New: true } m => TypedResults.Created($"/api/v1/learning-accounts/{m.Deposit.AccountId}/statement", m.Deposit),
            DepositOutcome.Made m => TypedResults.Ok(m.Deposit),
            DepositOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors),
            DepositOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            DepositOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            DepositOutcome.Conflict c => ApiProblems.Conflict(c.Message),
            _ => throw new InvalidOperationException(),
        };
}
