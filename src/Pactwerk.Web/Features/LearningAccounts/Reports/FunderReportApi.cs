using Microsoft.AspNetCore.Http.HttpResults;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>The funders' report as JSON, for the funder's officers and administrators (the page shows the same figures).</summary>
public static class FunderReportApi
{
    public static RouteGroupBuilder MapFunderReportApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/funders").WithTags("Learning accounts").RequireAuthorization(LearningAccountsModule.OfficerPolicy).AddEndpointFilter(LearningAccountProblemLanguage.Filter)
            .MapGet("/{code}/report", Get).WithName("GetFunderReport")
            .WithSummary("A funder's report for a period (`from` and `to` as yyyy-MM-dd, both included, Dutch days; `to` defaults to today, `from` to 1 January of `to`'s year): "
                + "the statement summed from the ledger (every bucket at the start and end of the period and the movements per kind of posting, in euros: deposited = spent + reserved + expired + available), "
                + "the money available at the end by the month it expires and how much expires within `days` days (default 90), "
                + "and the uptake in persons and the funder's money spent, by province, sector, course level and age group, with the confidential small-cell rule applied (`hidden`: Small or Secondary). "
                + "For the funder's officers (with two-factor) and administrators.")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesValidationProblem();
        return api;
    }

    private static async Task<Results<Ok<FunderReport>, ValidationProblem, ProblemHttpResult>> Get(string code, string? from, string? to, string? days,
        FunderReports reports, CancellationToken ct) =>
        await reports.ReportAsync(code, from, to, days, ct) switch
        {
            FunderReportOutcome.Made m => TypedResults.Ok(m.Report),
            FunderReportOutcome.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
            FunderReportOutcome.Forbidden f => ApiProblems.Forbidden(f.Message),
            FunderReportOutcome.NotFound n => ApiProblems.NotFound(n.Message),
            _ => throw new InvalidOperationException("Unknown outcome."),
        };
}
