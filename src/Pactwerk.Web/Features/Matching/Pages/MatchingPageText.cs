using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Matching;

/// <summary>How matching's pages write states and fits; the Dutch words are the keys of their English ones.</summary>
public static class MatchingPageText
{
    public static string State(ProposalState state) => state switch
    {
        ProposalState.Proposed => "Voorgesteld",
        ProposalState.Accepted => "Geaccepteerd",
        ProposalState.Declined => "Afgewezen",
        ProposalState.Agreed => "Akkoord van de kandidaat",
        _ => "Geweigerd door de kandidaat",
    };

    public static string Fit(Scoring.RequirementFit fit) => fit switch
    {
        Scoring.RequirementFit.Met => "Voldoet",
        Scoring.RequirementFit.BelowLevel => "Onder het niveau",
        _ => "Ontbreekt geheel",
    };

    /// <summary>What the candidate is asked once shortlisted, in the words of the opening's kind.</summary>
    public static string AnswerQuestion(Scoring.OpeningKind kind) => kind == Scoring.OpeningKind.LearningPlace
        ? "De organisatie heeft u op de shortlist gezet. Wilt u op deze leerplek?"
        : "De organisatie heeft u op de shortlist gezet. Wilt u deze baan?";

    /// <summary>A competence's name in the reader's language: the English name when the framework has one.</summary>
    public static string Name(string nameNl, string? nameEn) =>
        System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : nameNl;

    /// <summary>The API's field names to the ids of the fields on the pages, with their messages in the reader's language.</summary>
    public static void AddErrors(Dictionary<string, string[]> into, IDictionary<string, string[]> errors, IStringLocalizer t)
    {
        foreach (var (field, messages) in MatchingMessagesLocalised(t, errors))
            into[field] = messages;
    }

    private static Dictionary<string, string[]> MatchingMessagesLocalised(IStringLocalizer t, IDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => MatchingMessages.Localise(t, m)).ToArray());
}
