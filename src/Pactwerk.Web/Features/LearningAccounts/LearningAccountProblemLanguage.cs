namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// The learning accounts' API answers its problems in the reader's language. The services word their messages in Dutch
/// from <see cref="LearningAccountMessages"/>' formats (the key of the translation); rather than every handler remembering
/// to translate each detail and each field error, this filter on every learning-account endpoint group does it once, on
/// the way out, by finding each message's format again. A message already in English is left as it is.
/// </summary>
public static class LearningAccountProblemLanguage
{
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Pactwerk.Web.Shared.ProblemLanguage.FilterAsync(context, next, LearningAccountMessages.Localise);

    /// <summary>Translates a problem's detail and a validation problem's field errors in place; other results pass as they are.</summary>
    public static object? Translate(HttpContext http, object? result) => Pactwerk.Web.Shared.ProblemLanguage.Translate(http, result, LearningAccountMessages.Localise);
}
