using System.Globalization;
using System.Text;

namespace Pactwerk.Web.Features.Knowledge;

/// <summary>
/// An iCalendar (RFC 5545) feed of events: CRLF line endings, lines folded at 75 octets without
/// splitting a UTF-8 character, TEXT values escaped, every time in UTC, and a UID per event that
/// never changes so calendars update an event instead of adding it twice.
/// </summary>
public static class CalendarFeed
{
    public sealed record Item(int Id, string Title, DateTime StartsAt, DateTime EndsAt, string? Place, string? Programme, string? Url, int Version, string? Uid = null);

    /// <summary>The right-hand side of every UID: fixed, so the UID stays the same whichever address the feed was fetched from.</summary>
    public const string UidDomain = "events.pactwerk";

    public static string Write(string name, IEnumerable<Item> events, DateTime stampUtc)
    {
        var text = new StringBuilder();
        void Line(string content) => Fold(text, content);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Pactwerk//Evenementen//NL");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + Escape(name));
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line("UID:" + (e.Uid ?? $"event-{e.Id}@{UidDomain}"));
            Line("DTSTAMP:" + Utc(stampUtc));
            Line("DTSTART:" + Utc(e.StartsAt));
            Line("DTEND:" + Utc(e.EndsAt > e.StartsAt ? e.EndsAt : e.StartsAt.AddHours(1)));
            Line("SEQUENCE:" + e.Version.ToString(CultureInfo.InvariantCulture));
            Line("SUMMARY:" + Escape(e.Title));
            if (!string.IsNullOrWhiteSpace(e.Place))
                Line("LOCATION:" + Escape(e.Place));
            if (!string.IsNullOrWhiteSpace(e.Programme))
                Line("DESCRIPTION:" + Escape(e.Programme));
            if (e.Url is not null)
                Line("URL:" + e.Url);
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return text.ToString();
    }

    public static string Utc(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks.</summary>
    public static string Escape(string value) => value
        .Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,")
        .Replace("\r\n", "\\n").Replace("\r", "\\n").Replace("\n", "\\n");

    /// <summary>Lines longer than 75 octets continue on the next line after CRLF and one space (RFC 5545 3.1).</summary>
    private static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        const int limit = 75;
        var i = 0;
        while (i < line.Length)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                // The leading space of a continuation line counts towards its 75 octets.
                octets = 1;
            }
            output.Append(line, i, length);
            octets += size;
            i += length;
        }
        output.Append("\r\n");
    }
}
