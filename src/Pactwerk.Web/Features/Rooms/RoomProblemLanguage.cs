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
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Pactwerk.Web.Shared.ProblemLanguage.FilterAsync(context, next, RoomMessages.Localise);
}
