using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Pactwerk.Web.Shared;

/// <summary>One choice of a picker: the value a form posts, what a person reads, and a hint that tells look-alikes apart.</summary>
public sealed record LookupItem(string Value, string Label, string? Hint);

/// <summary>
/// How every lookup (regions, organisations, people, indicators) matches what was typed, so a picker
/// behaves the same everywhere: case and diacritics do not matter ("fryslan" finds Fryslân), an exact
/// code or name comes first, then names that start with the text, then names with a word that starts
/// with it, then any other occurrence. Ties keep the order the caller gave (its natural order).
/// </summary>
public static class Lookup
{
    /// <summary>At most this many answers: a picker shows a short list, the person types on to narrow it.</summary>
    public const int MaxResults = 20;
    /// <summary>Longer than any name or code we hold; more is a mistake or a probe.</summary>
    public const int MaxQueryLength = 100;

    /// <summary>Lower case without diacritics: "Fryslân" and "fryslan" fold to the same text.</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                folded.Append(char.ToLowerInvariant(c));
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>The 400 for a query that is too long; null when it is fine.</summary>
    public static ValidationProblem? Refuse(string? q) => q is { Length: > MaxQueryLength }
        ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["q"] = [$"De zoektekst is te lang: hoogstens {MaxQueryLength} tekens."] },
            title: "Ongeldige zoekvraag")
        : null;

    /// <summary>The best matches for <paramref name="q"/>, at most <see cref="MaxResults"/>; with no text, the first items in the given order.</summary>
    public static List<LookupItem> Best(IEnumerable<LookupItem> items, string? q)
    {
        var text = Fold(q ?? "");
        if (text.Length == 0)
            return items.Take(MaxResults).ToList();
        return items.Select((item, index) => (item, index, score: Score(item, text)))
            .Where(x => x.score is not null)
            .OrderBy(x => x.score).ThenBy(x => x.index)
            .Take(MaxResults).Select(x => x.item).ToList();
    }

    private static int? Score(LookupItem item, string text)
    {
        var value = Fold(item.Value);
        var label = Fold(item.Label);
        if (value == text)
            return 0;
        if (label == text)
            return 1;
        if (value.StartsWith(text, StringComparison.Ordinal))
            return 2;
        if (label.StartsWith(text, StringComparison.Ordinal))
            return 3;
        if (label.Split([' ', '-', '\'', '(', '/'], StringSplitOptions.RemoveEmptyEntries).Any(w => w.StartsWith(text, StringComparison.Ordinal)))
            return 4;
        if (label.Contains(text, StringComparison.Ordinal) || value.Contains(text, StringComparison.Ordinal))
            return 5;
        if (item.Hint is { } hint && Fold(hint).Contains(text, StringComparison.Ordinal))
            return 6;
        return null;
    }

    /// <summary>Message for a name that fits several choices; {0} the name, {1} the candidates.</summary>
    public const string Ambiguous = "‘{0}’ past bij meer dan één keuze: {1}. Typ de code.";

    /// <summary>
    /// What a person typed without script (codes or names, separated by commas) as values: a code is
    /// kept as it is, a name that fits exactly one choice becomes its value, anything else is left as
    /// typed so that the editor refuses it with its own message. A name that fits several choices
    /// (Groningen the province and the municipality) is an error: guessing would save the wrong one.
    /// </summary>
    public static (List<string> Values, List<(string Token, string Candidates)> Ambiguous) Resolve(IEnumerable<string> tokens, IReadOnlyList<LookupItem> choices)
    {
        var values = new List<string>();
        var ambiguous = new List<(string, string)>();
        foreach (var token in tokens.Select(t => t.Trim()).Where(t => t.Length > 0))
        {
            if (choices.FirstOrDefault(c => string.Equals(c.Value, token, StringComparison.OrdinalIgnoreCase)) is { } byValue)
            {
                values.Add(byValue.Value);
                continue;
            }
            var folded = Fold(token);
            var byName = choices.Where(c => Fold(c.Label) == folded).ToList();
            if (byName.Count == 1)
                values.Add(byName[0].Value);
            else
            {
                if (byName.Count > 1)
                    ambiguous.Add((token, string.Join(", ", byName.Select(c => $"{c.Label} ({c.Value}{(c.Hint is null ? "" : ", " + c.Hint)})"))));
                values.Add(token);
            }
        }
        return (values, ambiguous);
    }

    /// <summary>
    /// Text typed into a no-script field (codes or names separated by commas, semicolons or lines) as its
    /// parts; several posted values (what the script posts) are each split the same way. A part that is
    /// no choice's code or name but holds spaces is read as codes separated by spaces ("TP-OOST PV25"),
    /// as some forms always allowed, while names with spaces ("Bergen op Zoom") stay whole.
    /// </summary>
    public static List<string> Split(IEnumerable<string?>? posted, IReadOnlyList<LookupItem> choices)
    {
        var known = choices.SelectMany(c => new[] { c.Value, Fold(c.Label) }).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (posted ?? []).SelectMany(p => (p ?? "").Split([',', ';', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .SelectMany(part => known.Contains(part) || known.Contains(Fold(part)) ? new[] { part } : part.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .ToList();
    }

    /// <summary>The posted field read as values (see <see cref="Split"/> and <see cref="Resolve"/>), with a message per name that fits several choices.</summary>
    public static (List<string> Values, List<string> Errors) Read(IEnumerable<string?>? posted, IReadOnlyList<LookupItem> choices,
        Microsoft.Extensions.Localization.IStringLocalizer t)
    {
        var (values, ambiguous) = Resolve(Split(posted, choices), choices);
        return (values, ambiguous.Select(a => t[Ambiguous, a.Token, a.Candidates].Value).ToList());
    }
}
