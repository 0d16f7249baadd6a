using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pactwerk.Monitoring;

public enum PeriodKind
{
    /// <summary>A school year, written 2024/2025; DUO's column "2024" is school year 2024/2025.</summary>
    SchoolYear,
    CalendarYear,
}

/// <summary>
/// A year of one kind. School years and calendar years are never mixed up. Written as text in JSON
/// ("2023/2024", "2023"), which says its kind, so it reads back as the same period.
/// </summary>
[JsonConverter(typeof(PeriodJsonConverter))]
public readonly record struct Period(PeriodKind Kind, int StartYear) : IComparable<Period>
{
    public override string ToString() => Kind == PeriodKind.SchoolYear
        ? $"{StartYear}/{StartYear + 1}"
        : StartYear.ToString(CultureInfo.InvariantCulture);

    public int CompareTo(Period other) => (Kind, StartYear).CompareTo((other.Kind, other.StartYear));

    /// <summary>
    /// Reads "2024" or "2024/2025" (also "2024-2025"). A bare year is taken in the kind the
    /// caller expects, so "2024" asked of a school-year element means 2024/2025.
    /// </summary>
    public static bool TryParse(string? text, PeriodKind expected, out Period period)
    {
        period = default;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text.Trim().Split('/', '-');
        if (parts.Length == 1 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is >= 1900 and <= 2200)
        {
            period = new Period(expected, year);
            return true;
        }
        if (parts.Length == 2 && expected == PeriodKind.SchoolYear
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end)
            && end == start + 1 && start is >= 1900 and <= 2200)
        {
            period = new Period(PeriodKind.SchoolYear, start);
            return true;
        }
        return false;
    }

    /// <summary>
    /// Reads a period whose kind the text itself says, as published tables write them: "2013-2014"
    /// or "2013/2014" is a school year; "2020" a calendar year; "eind 2017" (a count at the end of the
    /// year) the calendar year 2017.
    /// </summary>
    public static bool TryParseWithKind(string? text, out Period period)
    {
        period = default;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Contains('/') || trimmed.Contains('-'))
            return TryParse(trimmed, PeriodKind.SchoolYear, out period);
        if (trimmed.StartsWith("eind ", StringComparison.OrdinalIgnoreCase))
            trimmed = trimmed[5..].Trim();
        return TryParse(trimmed, PeriodKind.CalendarYear, out period);
    }
}

/// <summary>A period as the text that says its kind: what API readers and downloads have always seen.</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParseWithKind(reader.GetString(), out var period) ? period : throw new JsonException($"'{reader.GetString()}' is not a period.");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}
