namespace Pactwerk.Web.Features.WorkshopDays;

/// <summary>Settings of <see cref="UnconfirmedLapse"/> (section <c>WorkshopDays:Lapse</c>).</summary>
public sealed class WorkshopDayLapseOptions
{
    /// <summary>
    /// Hours a school or a volunteer has to confirm the address after the confirmation mail; after that the registration
    /// or sign-up lapses and its places are free again. Long enough for a mail read the next working day.
    /// </summary>
    public int Hours { get; set; } = 48;

    /// <summary>Minutes between the job's runs; 0 switches the timer off (as the feed's interval does).</summary>
    public int IntervalMinutes { get; set; } = 15;
}
