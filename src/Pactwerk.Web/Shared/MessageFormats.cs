using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// Messages an area makes from its format constants (Dutch, as the API gives them), found again by
/// their format so a page can show them in the reader's language (<c>T[format, values]</c>, English
/// in the resources); a message without a value is translated as it is.
/// </summary>
public sealed partial class MessageFormats(Type messages)
{
    private readonly IReadOnlyList<(string Format, Regex Pattern)> _formats = messages
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)
        .Where(f => Placeholder().IsMatch(f))
        // Longest first, so a format that another one starts with does not take its messages.
        .OrderByDescending(f => f.Length)
        .Select(f => (f, new Regex("^" + Placeholder().Replace(Regex.Escape(f).Replace(@"\{", "{"), "(.*)") + "$", RegexOptions.Singleline)))
        .ToList();

    [GeneratedRegex(@"\{\d\}")]
    private static partial Regex Placeholder();

    public static string Format(string format, params object?[] values) => string.Format(CultureInfo.InvariantCulture, format, values);

    /// <summary>A message in the reader's language: by its format when it has one, else as a whole.</summary>
    public string Localise(IStringLocalizer t, string message)
    {
        foreach (var (format, pattern) in _formats)
            if (pattern.Match(message) is { Success: true } m)
                return t[format, m.Groups.Values.Skip(1).Select(g => (object)g.Value).ToArray()].Value;
        return t[message].Value;
    }

    public Dictionary<string, string[]> Localise(IStringLocalizer t, IDictionary<string, string[]> errors) =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => Localise(t, m)).ToArray());
}
