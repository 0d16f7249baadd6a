using System.Globalization;

namespace Pactwerk.Web.Features.Rooms;

/// <summary>What one room offers in a period: its weekly opening hours and its closed days.</summary>
public sealed record UtilisationRoom(int Id, string Name, string School, string Region, IReadOnlyDictionary<DayOfWeek, double> HoursOpenPerDay,
    IReadOnlyList<(DateOnly From, DateOnly To)> Closures);

/// <summary>An approved booking as the utilisation counts it: its room, Dutch day, hours, kind of user and whether it was used.</summary>
public sealed record UtilisationBooking(int RoomId, DateOnly Day, double Hours, RoomUserKind Kind, bool Used);

/// <summary>Hours of one cell (a room in a week, a school, a region, a week): open, booked and used, and booked and used per kind of user.</summary>
public sealed record UtilisationFigures(double Open, double Booked, double Used, IReadOnlyDictionary<RoomUserKind, double> BookedByKind,
    IReadOnlyDictionary<RoomUserKind, double> UsedByKind)
{
    /// <summary>Booked hours as a share of open hours; null when the room was not open.</summary>
    public double? BookedShare => Open > 0 ? Booked / Open : null;
    public double? UsedShare => Open > 0 ? Used / Open : null;
}

public sealed record UtilisationRow(string Week, int RoomId, string Room, string School, string Region, UtilisationFigures Figures);

/// <summary>
/// Utilisation: hours booked and hours used against hours open, per room and ISO week, and summed per
/// room, school, region and week. Only approved bookings count as booked (a pending one may still be
/// declined); used is what the booker recorded as used, so a no-show is booked but not used. Open hours
/// are the weekday's opening hours on every day of the period that is not a closure.
/// </summary>
public static class RoomUtilisation
{
    public sealed record Result(IReadOnlyList<UtilisationRow> Weeks, IReadOnlyList<(string Key, UtilisationFigures Figures)> Rooms,
        IReadOnlyList<(string Key, UtilisationFigures Figures)> Schools, IReadOnlyList<(string Key, UtilisationFigures Figures)> Regions,
        IReadOnlyList<(string Key, UtilisationFigures Figures)> WeekTotals, UtilisationFigures Total);

    public static string WeekOf(DateOnly day) =>
        $"{ISOWeek.GetYear(day.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(day.ToDateTime(TimeOnly.MinValue)):00}";

    public static Result Compute(IReadOnlyList<UtilisationRoom> rooms, IReadOnlyList<UtilisationBooking> bookings, DateOnly from, DateOnly to)
    {
        var byRoom = bookings.Where(b => b.Day >= from && b.Day <= to).ToLookup(b => b.RoomId);
        var rows = new List<UtilisationRow>();
        foreach (var room in rooms)
        {
            var open = new Dictionary<string, double>();
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                var week = WeekOf(day);
                var hours = room.Closures.Any(c => c.From <= day && day <= c.To) ? 0 : room.HoursOpenPerDay.GetValueOrDefault(day.DayOfWeek);
                open[week] = open.GetValueOrDefault(week) + hours;
            }
            var booked = byRoom[room.Id].ToLookup(b => WeekOf(b.Day));
            foreach (var (week, hours) in open)
                rows.Add(new UtilisationRow(week, room.Id, room.Name, room.School, room.Region, Sum(hours, booked[week])));
        }
        rows = rows.OrderBy(r => r.Week, StringComparer.Ordinal).ThenBy(r => r.School, StringComparer.Ordinal).ThenBy(r => r.Room, StringComparer.Ordinal).ToList();
        List<(string, UtilisationFigures)> Group(Func<UtilisationRow, string> key) =>
            rows.GroupBy(key).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Add(g.Select(r => r.Figures)))).ToList();
        return new Result(rows, Group(r => $"{r.School} – {r.Room}"), Group(r => r.School), Group(r => r.Region), Group(r => r.Week), Add(rows.Select(r => r.Figures)));
    }

    private static UtilisationFigures Sum(double open, IEnumerable<UtilisationBooking> bookings)
    {
        var list = bookings.ToList();
        return new UtilisationFigures(open, list.Sum(b => b.Hours), list.Where(b => b.Used).Sum(b => b.Hours),
            Enum.GetValues<RoomUserKind>().ToDictionary(k => k, k => list.Where(b => b.Kind == k).Sum(b => b.Hours)),
            Enum.GetValues<RoomUserKind>().ToDictionary(k => k, k => list.Where(b => b.Kind == k && b.Used).Sum(b => b.Hours)));
    }

    private static UtilisationFigures Add(IEnumerable<UtilisationFigures> figures)
    {
        var list = figures.ToList();
        return new UtilisationFigures(list.Sum(f => f.Open), list.Sum(f => f.Booked), list.Sum(f => f.Used),
            Enum.GetValues<RoomUserKind>().ToDictionary(k => k, k => list.Sum(f => f.BookedByKind.GetValueOrDefault(k))),
            Enum.GetValues<RoomUserKind>().ToDictionary(k => k, k => list.Sum(f => f.UsedByKind.GetValueOrDefault(k))));
    }
}
