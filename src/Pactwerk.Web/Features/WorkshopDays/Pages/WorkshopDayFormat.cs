using System.Globalization;

namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Dates, times and counts as the workshop-day pages show them, in the reader's language.</summary>
public static class WorkshopDayFormat
{
    public static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", CultureInfo.CurrentCulture);
    public static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
    public static string Moment(DateTime utc) => WorkshopDayEditor.ToDutch(utc).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture);
    public static string Count(long n) => n.ToString("N0", CultureInfo.CurrentCulture);
    public static string Share(double share) => share.ToString("P1", CultureInfo.CurrentCulture);
    /// <summary>For an input of type datetime-local, in Dutch time.</summary>
    public static string LocalInput(DateTime utc) => WorkshopDayEditor.ToDutch(utc).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
}
