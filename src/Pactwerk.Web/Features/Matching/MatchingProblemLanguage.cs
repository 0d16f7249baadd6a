using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Matching;

/// <summary>
/// Matching's API answers its problems in the reader's language, as the rooms' do: the editors word their
/// messages in Dutch from <see cref="MatchingMessages"/>' formats, and this filter on every endpoint translates
/// them once, on the way out.
/// </summary>
public static class MatchingProblemLanguage
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case ProblemHttpResult problem when problem.ProblemDetails.Detail is { } detail:
                problem.ProblemDetails.Detail = MatchingMessages.Localise(t, detail);
                break;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors.ToList())
                    invalid.ProblemDetails.Errors[field] = messages.Select(m => MatchingMessages.Localise(t, m)).ToArray();
                break;
        }
        return result;
    }
}
