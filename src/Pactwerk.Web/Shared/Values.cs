using System.Globalization;

namespace Pactwerk.Web.Shared;

/// <summary>Small conversions every feature needs, written once.</summary>
public static class Values
{
    /// <summary>Today's date in UTC, the day that decides whether a role, signature or membership holds.</summary>
    public static DateOnly Today(this TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Null for empty or white-space text, otherwise the trimmed text.</summary>
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Dutch alphabetical order for names shown in lists ('s-Gravenhage, Fryslân).</summary>
    public static readonly StringComparer Dutch = StringComparer.Create(new CultureInfo("nl-NL"), ignoreCase: true);

    /// <summary>
    /// An enum value by its exact name, case-insensitive. Enum.TryParse is not used: it accepts
    /// numbers ("7", "+1") and ORs comma-separated names together ("Education,Business").
    /// </summary>
    public static bool TryParseName<T>(string? text, out T value) where T : struct, Enum
    {
        value = default;
        var name = Blank(text);
        var match = name is null ? null : Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (match is null)
            return false;
        value = Enum.Parse<T>(match);
        return true;
    }
}
