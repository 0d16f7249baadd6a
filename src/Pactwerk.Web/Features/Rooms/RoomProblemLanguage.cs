using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// The rooms' API answers its problems in the reader's language. The rooms' services and editors word their messages in
/// Dutch from <see cref="RoomMessages"/>' formats (the key of the translation); rather than every handler remembering to
/// translate each detail and each field error, this filter on every rooms endpoint does it once, on the way out, by
/// finding each message's format again (<see cref="RoomMessages.Localise"/>). A message already in English is left as it
/// is, so a handler that translated it itself (the clash answer) is not harmed. Titles are translated for every API in
/// <see cref="Shared.WebModule"/>.
/// </summary>
public static class RoomProblemLanguage
{
    public static async ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var t = context.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        switch (result is INestedHttpResult nested ? nested.Result : result)
        {
            case ProblemHttpResult problem when problem.ProblemDetails.Detail is { } detail:
                problem.ProblemDetails.Detail = RoomMessages.Localise(t, detail);
                break;
            case ValidationProblem invalid:
                foreach (var (field, messages) in invalid.ProblemDetails.Errors.ToList())
                    invalid.ProblemDetails.Errors[field] = messages.Select(m => RoomMessages.Localise(t, m)).ToArray();
                break;
        }
        return result;
    }
}
