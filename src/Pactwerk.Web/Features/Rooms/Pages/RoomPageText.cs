using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>How the rooms' pages write days, times, kinds of user and statuses in the reader's language.</summary>
public static class RoomPageText
{
    /// <summary>A day as the reader's language writes it: di 12 jan 2027 / Tue 12 Jan 2027.</summary>
    public static string Day(DateOnly day) => day.ToString("ddd d MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A booking's local day and its times: di 12 jan 2027, 19:00–21:30.</summary>
    public static string Slot(DateTime startsAtUtc, DateTime endsAtUtc)
    {
        var (start, end) = (RoomTime.ToLocal(startsAtUtc), RoomTime.ToLocal(endsAtUtc));
        return $"{Day(DateOnly.FromDateTime(start))}, {start:HH:mm}–{end:HH:mm}";
    }

    public static string WeekDay(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The Monday of the ISO week of <paramref name="day"/>.</summary>
    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>A kind of user as a heading names it: the messages' name, with a capital.</summary>
    public static string Kind(IStringLocalizer t, RoomUserKind kind)
    {
        var name = kind == RoomUserKind.OwnSchool ? t["Eigen school"].Value : t[RoomMessages.KindName(kind)].Value;
        return char.ToUpper(name[0], CultureInfo.CurrentCulture) + name[1..];
    }

    public static string Status(IStringLocalizer t, RoomBookingStatus status) => t[RoomMessages.StatusName(status)].Value;

    public static string Use(IStringLocalizer t, RoomUse? use) => t[use switch
    {
        RoomUse.Used => "Gebruikt",
        RoomUse.NoShow => "Niet gekomen",
        _ => "Nog niet vastgelegd",
    }].Value;

    /// <summary>Hours with the reader's decimal mark, at most two decimals.</summary>
    public static string Hours(double hours) => hours.ToString("0.##", CultureInfo.CurrentCulture);

    public static string Share(double? share) => share is { } s ? (s * 100).ToString("0", CultureInfo.CurrentCulture) + "%" : "–";
}
