using Microsoft.AspNetCore.Http.HttpResults;

namespace Pactwerk.Web.Shared;

/// <summary>The API's problem-details answers, worded the same everywhere.</summary>
public static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Niet gevonden");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Geen toegang");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status409Conflict, title: "Intussen gewijzigd");
}

/// <summary>An edit's outcome as the API answers it, the same for every editor.</summary>
public static class EditResults
{
    public sealed record ConflictDto<TDto>(string Title, string Detail, TDto Current, IReadOnlyList<ChangeByOther> Changes);

    /// <param name="saved">The answer for a saved entity (200 with it, or 201 Created).</param>
    /// <param name="describe">The entity as the API shows it, for the conflict answer.</param>
    public static async Task<IResult> ToResultAsync<T, TDto>(EditOutcome<T> outcome, Func<T, Task<IResult>> saved, string notFound,
        Func<T, Task<TDto>> describe, int version) => outcome switch
    {
        EditOutcome<T>.Saved s => await saved(s.Entity),
        EditOutcome<T>.NotFound => ApiProblems.NotFound(notFound),
        EditOutcome<T>.Forbidden f => ApiProblems.Forbidden(f.Reason),
        EditOutcome<T>.Invalid i => TypedResults.ValidationProblem(i.Errors, title: "De invoer is niet in orde"),
        EditOutcome<T>.Conflict c => ApiProblems.Conflict(c.Reason),
        EditOutcome<T>.Stale stale => TypedResults.Conflict(new ConflictDto<TDto>("Intussen gewijzigd",
            $"Iemand anders heeft dit gewijzigd na versie {version}; er is niets opgeslagen. Neem de wijzigingen over en probeer het opnieuw met de huidige versie.",
            await describe(stale.Current), stale.Changes)),
        _ => throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}."),
    };
}
