using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pactwerk.Web.Shared;

/// <summary>An edit's outcome as a page answers it, the same for every form.</summary>
public static class EditPages
{
    /// <summary>
    /// Saved: a redirect to <paramref name="savedUrl"/>. Not found, forbidden: those answers.
    /// Invalid: the errors handed to <paramref name="invalid"/> and a 400, with the page shown again
    /// (null is returned); a conflict the same with a 409. Stale: handed to <paramref name="stale"/> with a 409, or without it told
    /// as an error.
    /// </summary>
    public static IActionResult? Answer<T>(PageModel page, EditOutcome<T> outcome, Func<T, string> savedUrl,
        Action<IDictionary<string, string[]>> invalid, Action<EditOutcome<T>.Stale>? stale = null)
    {
        switch (outcome)
        {
            case EditOutcome<T>.Saved saved:
                return new RedirectResult(savedUrl(saved.Entity));
            case EditOutcome<T>.NotFound:
                return new NotFoundResult();
            case EditOutcome<T>.Forbidden:
                return new ForbidResult();
            case EditOutcome<T>.Invalid errors:
                invalid(errors.Errors);
                page.Response.StatusCode = StatusCodes.Status400BadRequest;
                return null;
            case EditOutcome<T>.Stale changed when stale is not null:
                stale(changed);
                page.Response.StatusCode = StatusCodes.Status409Conflict;
                return null;
            case EditOutcome<T>.Conflict conflict:
                invalid(new Dictionary<string, string[]> { [""] = [conflict.Reason] });
                page.Response.StatusCode = StatusCodes.Status409Conflict;
                return null;
            case EditOutcome<T>.Stale:
                invalid(new Dictionary<string, string[]> { [""] = ["Iemand anders heeft dit intussen gewijzigd; bekijk de pagina opnieuw."] });
                page.Response.StatusCode = StatusCodes.Status409Conflict;
                return null;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.GetType().Name}.");
        }
    }
}
