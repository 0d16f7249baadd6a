using Microsoft.AspNetCore.Http.HttpResults;

namespace Pactwerk.Web.Shared;

/// <summary>The API's problem-details answers, worded the same everywhere.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Geen toegang");
}
