namespace Pactwerk.Web.Features.LearningPlaces;

/// <summary>
/// The weeks the supervision rule counts in: ISO weeks, Monday to Sunday. A placement occupies a seat and its supervisor
/// in every week it touches; a supervisor is away in a week when an absence covers any of its working days (Monday to
/// Friday), since a learner is then without the guidance the place promised for part of that week.
/// </summary>
public static class SupervisionWeeks
{
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The Mondays of the weeks that <paramref name="from"/>–<paramref name="to"/> touches.</summary>
    public static IEnumerable<DateOnly> Weeks(DateOnly from, DateOnly to)
    {
        for (var monday = MondayOf(from); monday <= to; monday = monday.AddDays(7))
            yield return monday;
    }

    public static bool Touches(DateOnly from, DateOnly to, DateOnly monday) => from <= monday.AddDays(6) && to >= monday;

    public static bool AwayIn(DateOnly from, DateOnly to, DateOnly monday) => from <= monday.AddDays(4) && to >= monday;
}
