using Pactwerk.Web.Data;
using Pactwerk.Web.Features.ReferenceData;
using Pactwerk.Web.Features.Regions;
using Pactwerk.Web.Shared;

namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// Checks the holder's facts (municipality of residence, birth year) as a funder or the holder gives them. Today's
/// municipalities are read once per request or file and matched in memory (<see cref="Lookup.Resolve"/>, as
/// <see cref="MunicipalityResolver"/> reads a typed municipality), so a file of a million rows asks the database once.
/// </summary>
public sealed class HolderFactsRules(IReadOnlyList<LookupItem> municipalities, int thisYear)
{
    public const int FirstBirthYear = 1900;
    /// <summary>Nobody younger than this takes a course paid from a learning account: a later birth year is a typing error.</summary>
    public const int MinimumAge = 14;

    public int LastBirthYear { get; } = thisYear - MinimumAge;

    public static async Task<HolderFactsRules> LoadAsync(PactwerkDb db, TimeProvider clock, CancellationToken ct) =>
        new(await RegionLookup.AllAsync(db, ct, RegionSetCodes.Municipalities), clock.GetUtcNow().UtcDateTime.Year);

    /// <summary>The CBS code of <paramref name="text"/> (a code or a name); null when none is given or it is wrong (then the error is added under <paramref name="field"/>).</summary>
    public string? Municipality(string? text, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var typed = text.Trim();
        var shown = typed.Length > 40 ? typed[..40] + "…" : typed;
        var (values, ambiguous) = Lookup.Resolve([typed], municipalities);
        if (ambiguous.Count > 0)
        {
            errors[field] = [LearningAccountMessages.Format(LearningAccountMessages.MunicipalityAmbiguous, shown, ambiguous[0].Candidates)];
            return null;
        }
        if (values is [var value] && municipalities.FirstOrDefault(c => c.Value == value) is { } found)
            return found.Value;
        errors[field] = [LearningAccountMessages.Format(LearningAccountMessages.MunicipalityUnknown, shown)];
        return null;
    }

    /// <summary>Adds an error under <paramref name="field"/> when a given birth year is outside 1900..(this year − 14).</summary>
    public void BirthYear(int? year, string field, IDictionary<string, string[]> errors)
    {
        if (year is { } y && (y < FirstBirthYear || y > LastBirthYear))
            errors[field] = [LearningAccountMessages.Format(LearningAccountMessages.BirthYearInvalid, LastBirthYear)];
    }
}
