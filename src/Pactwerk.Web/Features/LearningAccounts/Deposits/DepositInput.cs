
namespace Pactwerk.Web.Features.LearningAccounts;

/// <summary>
/// One deposit as a funder sends it: the person's e-mail address, the amount in euros (whole cents), the
/// validity, the earmarks (empty: any) and whether it follows the person. <see cref="Reference"/> is the
/// funder's own: the same reference twice is one deposit. <see cref="Municipality"/> (a CBS code or a name) and
/// <see cref="BirthYear"/> are optional facts about the person, kept on the account only while it has none.
/// </summary>
public sealed record DepositInput(string? Email, decimal? Amount, DateOnly? ValidFrom, DateOnly? ValidUntil,
    IReadOnlyList<string>? Sectors, IReadOnlyList<string>? Levels, IReadOnlyList<string>? Occupations, bool? FollowsPerson, string? Reference,
    string? Municipality = null, int? BirthYear = null)
{
    /// <summary>The largest single deposit, € 100.000,00 (<see cref="LearningAccountMessages.AmountTooLarge"/> names it): a larger one is a typing error, not a training budget.</summary>
    public const long MaxAmount = 100_000_00;

    /// <summary>
    /// What is wrong with it, per field (empty when nothing is); <paramref name="cents"/> is the amount in euro cents and
    /// <paramref name="municipalityCode"/> the CBS code of the municipality given (or null) when they are right.
    /// </summary>
    public Dictionary<string, string[]> Check(HolderFactsRules facts, out long cents, out string? municipalityCode)
    {
        var errors = new Dictionary<string, string[]>();
        cents = 0;
        municipalityCode = facts.Municipality(Municipality, "municipality", errors);
        facts.BirthYear(BirthYear, "birthYear", errors);
        if (string.IsNullOrWhiteSpace(Email))
            errors["email"] = [LearningAccountMessages.EmailMissing];
        else if (!Newsletter.NewsletterSubscriptions.IsEmailAddress(Email.Trim()))
            errors["email"] = [LearningAccountMessages.EmailInvalid];
        if (Amount is not { } amount || amount <= 0 || decimal.Round(amount, 2) != amount)
            errors["amount"] = [LearningAccountMessages.AmountInvalid];
        else if (amount * 100 > MaxAmount)
            errors["amount"] = [LearningAccountMessages.AmountTooLarge];
        else
            cents = (long)(amount * 100);
        if (ValidUntil is null)
            errors["validUntil"] = [LearningAccountMessages.ValidUntilMissing];
        else if (ValidFrom is { } from && from > ValidUntil)
            errors["validUntil"] = [LearningAccountMessages.ValidPeriodInvalid];
        if (string.IsNullOrWhiteSpace(Reference))
            errors["reference"] = [LearningAccountMessages.ReferenceMissing];
        else if (Reference.Trim().Length > 100)
            errors["reference"] = [LearningAccountMessages.ReferenceTooLong];
        foreach (var (name, list) in new[] { ("sectors", Sectors), ("levels", Levels), ("occupations", Occupations) })
            if (list is not null && (list.Count > 50 || list.Any(e => string.IsNullOrWhiteSpace(e) || e.Trim().Length > 200)))
                errors[name] = [LearningAccountMessages.EarmarkInvalid];
        return errors;
    }

    public static List<string> Clean(IReadOnlyList<string>? earmarks) =>
        [.. (earmarks ?? []).Select(e => e.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];
}
