using System.Globalization;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>Event times are stored in UTC and entered and shown in the Netherlands' own time.</summary>
public static class EventTimes
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTimeOffset ToLocal(DateTime utc) => TimeZoneInfo.ConvertTime(new DateTimeOffset(utc, TimeSpan.Zero), Amsterdam);

    /// <summary>
    /// A time with an offset or Z is taken as written; one without (as a form's datetime-local
    /// sends it) is the time in Amsterdam. Returns null when the text is not a time.
    /// </summary>
    public static DateTime? ParseToUtc(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var value = text.Trim();
        var hasOffset = value.EndsWith('Z') || value.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(value, @"T.*[+-]\d\d:?\d\d$");
        if (hasOffset)
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var withOffset) ? withOffset.UtcDateTime : null;
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            return null;
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        // A time skipped when the clocks go forward does not exist in Amsterdam.
        return Amsterdam.IsInvalidTime(unspecified) ? null : TimeZoneInfo.ConvertTimeToUtc(unspecified, Amsterdam);
    }

    /// <summary>A date filter, written yyyy-MM-dd.</summary>
    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>The start of the day in Amsterdam, in UTC.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Amsterdam);
}
