using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// An area's API answers its problems in the reader's language: its services word their messages in Dutch from the area's
/// format constants, and the area's endpoint filter translates a problem's detail and a validation problem's field errors
/// once, on the way out, with the area's own <c>Localise</c> (its <see cref="MessageFormats"/>). Titles are translated for
/// every API in <see cref="WebModule"/>.
/// </summary>
public static class ProblemLanguage
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, Func<IStringLocalizer, string, string> localise) =>
        Translate(context.HttpContext, await next(context), localise);

    /// <summary>Translates in place; other results pass as they are.</summary>
    public static object? Translate(HttpContext http, object? result, Func<IStringLocalizer, string, string> localise)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case ProblemHttpResult problem when problem.ProblemDetails.Detail is { } detail:
                problem.ProblemDetails.Detail = localise(t, detail);
                break;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors.ToList())
                    invalid.ProblemDetails.Errors[field] = [.. messages.Select(m => localise(t, m))];
                break;
        }
        return result;
    }
}
