using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Shared;

/// <summary>
/// A number as a person types it into a form, read in the reader's culture: the one rule every form follows, through
/// <see cref="TypedNumberBinder"/> for bound numbers and directly where a page reads a number from text.
/// </summary>
/// <remarks>
/// .NET's own parsing with thousands allowed takes a group separator anywhere, so in Dutch "20.75" became 2075 and
/// "1.5" became 15: a number typed the English way was silently multiplied. Here a group separator counts only where it
/// groups: whole groups of three digits before the decimal separator ("1.250,75", "250.000"). Anything else is refused
/// with a message that says how to type it — with the decimal separator the reader probably meant when the text reads
/// as such ("1.5" → "schrijf 1,5"). A number in an API's JSON never comes here: JSON has one notation.
/// </remarks>
public static class TypedNumber
{
    /// <summary>The sentence every form uses for a value it cannot read (as <see cref="EditPageModel"/> does for dates).</summary>
    public const string NotANumber = "Ongeldige waarde ‘{0}’.";
    public const string UseDecimalSeparator = "‘{0}’ is geen getal: schrijf decimalen met een komma, zoals {1}.";

    /// <summary>Why a typed text is not a number: a message key of the shared resource and its arguments.</summary>
    public sealed record Refusal(string Key, string[] Arguments)
    {
        public string In(IStringLocalizer t) => t[Key, Arguments].Value;
    }

    /// <summary>Reads <paramref name="text"/> (not empty) in <paramref name="culture"/>; null with the refusal when it is not a number.</summary>
    public static decimal? Read(string text, CultureInfo culture, out Refusal? refusal)
    {
        var format = culture.NumberFormat;
        var (point, group) = (format.NumberDecimalSeparator, format.NumberGroupSeparator);
        var typed = text.Trim();
        var body = typed.StartsWith(format.NegativeSign, StringComparison.Ordinal) ? typed[format.NegativeSign.Length..]
            : typed.StartsWith(format.PositiveSign, StringComparison.Ordinal) ? typed[format.PositiveSign.Length..] : typed;
        var cut = body.IndexOf(point, StringComparison.Ordinal);
        var (whole, fraction) = cut < 0 ? (body, "") : (body[..cut], body[(cut + point.Length)..]);
        refusal = null;
        if (fraction.Length > 0 && !fraction.All(char.IsAsciiDigit) || cut >= 0 && fraction.Length == 0 && whole.Length == 0)
            return Refused(typed, out refusal);
        var groups = group.Length == 0 ? [whole] : whole.Split(group);
        var wellGrouped = whole.Length == 0 && fraction.Length > 0 // ",5" in Dutch, ".5" in English
            || groups.All(g => g.Length > 0 && g.All(char.IsAsciiDigit)) && (groups.Length == 1 || groups[0].Length <= 3 && groups.Skip(1).All(g => g.Length == 3));
        if (!wellGrouped)
        {
            // "1.5" in Dutch, "1,5" in English: one separator that cannot be a group is the other culture's decimal point.
            if (cut < 0 && groups.Length == 2 && groups.All(g => g.Length > 0 && g.All(char.IsAsciiDigit)))
            {
                refusal = new Refusal(UseDecimalSeparator, [typed, typed.Replace(group, point, StringComparison.Ordinal)]);
                return null;
            }
            return Refused(typed, out refusal);
        }
        return decimal.TryParse(typed.Replace(group.Length == 0 ? "\0" : group, "", StringComparison.Ordinal),
            NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, culture, out var value) ? value : Refused(typed, out refusal);
    }

    private static decimal? Refused(string typed, out Refusal refusal)
    {
        refusal = new Refusal(NotANumber, [typed]);
        return null;
    }
}
