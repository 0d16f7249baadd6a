using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The learning accounts' API answers its problems in the reader's language. The services word their messages in Dutch
/// from <see cref="LearningAccountMessages"/>' formats (the key of the translation); rather than every handler remembering
/// to translate each detail and each field error, this filter on every learning-account endpoint group does it once, on
/// the way out, by finding each message's format again. A message already in English is left as it is.
/// </summary>
public static class LearningAccountProblemLanguage
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Translate(context.HttpContext, await next(context));

    /// <summary>Translates a problem's detail and a validation problem's field errors in place; other results pass as they are.</summary>
    public static object? Translate(HttpContext http, object? result)
    {
        var t = http.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case ProblemHttpResult problem when problem.ProblemDetails.Detail is { } detail:
                problem.ProblemDetails.Detail = LearningAccountMessages.Localise(t, detail);
                break;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors.ToList())
                    invalid.ProblemDetails.Errors[field] = [.. messages.Select(m => LearningAccountMessages.Localise(t, m))];
                break;
        }
        return result;
    }
}
