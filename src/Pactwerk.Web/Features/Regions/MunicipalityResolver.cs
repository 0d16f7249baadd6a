using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.Regions;

/// <summary>What a typed municipality turned out to be: today's municipality, or why it is none.</summary>
public abstract record MunicipalityMatch
{
    public sealed record Found(string Code, string Name) : MunicipalityMatch;
    public sealed record Unknown : MunicipalityMatch;
    /// <param name="Candidates">The municipalities the text fits, with their codes, for the message.</param>
    public sealed record Ambiguous(string Candidates) : MunicipalityMatch;
}

/// <summary>
/// Reads a municipality a person typed (a name in any case or without diacritics, or a CBS code such as GM0736) as one of
/// today's municipalities, the way a picker's no-script field is read (<see cref="Lookup.Resolve"/>). A form that feeds
/// figures per municipality keeps the code, because the monitor counts by code and drops names it does not know.
/// </summary>
public static class MunicipalityResolver
{
    public static async Task<MunicipalityMatch> ResolveAsync(PactwerkDb db, string text, CancellationToken ct)
    {
        var choices = await RegionLookup.AllAsync(db, ct, RegionSetCodes.Municipalities);
        var (values, ambiguous) = Lookup.Resolve([text], choices);
        if (ambiguous.Count > 0)
            return new MunicipalityMatch.Ambiguous(ambiguous[0].Candidates);
        return values is [var value] && choices.FirstOrDefault(c => c.Value == value) is { } found
            ? new MunicipalityMatch.Found(found.Value, found.Label)
            : new MunicipalityMatch.Unknown();
    }
}
