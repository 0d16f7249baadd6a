namespace Pactwerk.Web.Features.Programmes;

/// <summary>
/// The programmes' API answers its problems in the reader's language, as the rooms' do: the editors word their
/// messages in Dutch from <see cref="ProgrammeMessages"/>' formats, and this filter on every endpoint translates
/// them once, on the way out.
/// </summary>
public static class ProgrammeProblemLanguage
{
    public static ValueTask<object?> Filter(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        Pactwerk.Web.Shared.ProblemLanguage.FilterAsync(context, next, ProgrammeMessages.Localise);
}
