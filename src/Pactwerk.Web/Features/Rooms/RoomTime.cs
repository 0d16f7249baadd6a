using System.Globalization;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>
/// Rooms open and are booked in Dutch local time (19:00 is 19:00 in winter and summer); bookings are
/// stored in UTC, so the database compares moments and the clocks' change never makes two slots overlap.
/// </summary>
public static class RoomTime
{
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    public static DateTime ToUtc(DateOnly day, TimeOnly time) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(time, DateTimeKind.Unspecified), Amsterdam);

    public static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Amsterdam);

    public static bool TryParseDay(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);

    /// <summary>A time of day as 19:00 or 19.00, in whole minutes.</summary>
    public static bool TryParseTime(string? text, out TimeOnly time) =>
        TimeOnly.TryParseExact(text?.Trim().Replace('.', ':'), ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    /// <summary>A day as the messages write it, in the reader's language (<see cref="RoomMessages.Culture"/>): di 13-01-2027 / Tue 13-01-2027.</summary>
    public static string Day(DateOnly day) => day.ToString("ddd dd-MM-yyyy", RoomMessages.Culture);

    /// <summary>A slot as the messages write it: di 13-01-2027 19:00–21:30.</summary>
    public static string Slot(DateTime startsAtUtc, DateTime endsAtUtc)
    {
        var (start, end) = (ToLocal(startsAtUtc), ToLocal(endsAtUtc));
        return $"{Day(DateOnly.FromDateTime(start))} {start:HH:mm}–{end:HH:mm}";
    }
}
