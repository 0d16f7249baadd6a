using System.Globalization;
using System.Text;

namespace Pactwerk.Web.Shared;

/// <summary>Readable address parts from titles: "Make IT Work" → "make-it-work", "Leve(n)lang" → "leve-n-lang".</summary>
public static class Slugs
{
    public const int MaxLength = 80;

    public static string From(string title)
    {
        var text = new StringBuilder();
        // Decomposing first turns "é" into "e" plus an accent, which is then dropped.
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (char.IsAsciiLetterOrDigit(c))
                text.Append(c);
            else if (text.Length > 0 && text[^1] != '-')
                text.Append('-');
        }
        var slug = text.ToString().Trim('-');
        if (slug.Length > MaxLength)
            slug = slug[..MaxLength].TrimEnd('-');
        return slug.Length == 0 ? "actie" : slug;
    }
}
